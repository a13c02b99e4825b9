import { openDatabase, type Db } from '../../local/emulator/store/database';
import { groupedTransaction } from '../../local/emulator/store/group-commit';
import { statement } from '../../local/emulator/store/statements';

function secretNames(db: Db): string[] {
  return (statement(db, 'SELECT name FROM secrets ORDER BY rowid').all() as { name: string }[]).map((r) => r.name);
}

const insert = (db: Db, name: string) => () => {
  statement(db, 'INSERT INTO secrets (name, value) VALUES (?, ?)').run(name, 'v');
  return name;
};

describe('groupedTransaction', () => {
  it('commits writes queued together in their order, undoing and rejecting only the one that throws', async () => {
    const db = openDatabase(':memory:');
    const failing = () => {
      insert(db, 'half-written')();
      throw new Error('refused');
    };
    const outcomes = Promise.allSettled([
      groupedTransaction(db, insert(db, 'a')),
      groupedTransaction(db, failing),
      groupedTransaction(db, insert(db, 'b')),
    ]);
    // Nothing runs before the turn ends: a send is answered only after the commit that holds it.
    expect(secretNames(db)).toEqual([]);
    expect(await outcomes).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: new Error('refused') },
      { status: 'fulfilled', value: 'b' },
    ]);
    expect(secretNames(db)).toEqual(['a', 'b']);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('rolls back a lone write that throws', async () => {
    const db = openDatabase(':memory:');
    await expect(
      groupedTransaction(db, () => {
        insert(db, 'x')();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(secretNames(db)).toEqual([]);
    await expect(groupedTransaction(db, insert(db, 'y'))).resolves.toBe('y');
    expect(secretNames(db)).toEqual(['y']);
    db.close();
  });

  it('rejects every write of a group whose commit fails, and keeps none of them', async () => {
    const db = openDatabase(':memory:');
    const queued = Promise.allSettled([
      groupedTransaction(db, insert(db, 'a')),
      groupedTransaction(db, insert(db, 'b')),
    ]);
    db.close(); // the group's transaction cannot even begin
    const outcomes = await queued;
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
