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
  it('commits the first write of a turn at once and the later ones together when the turn ends', async () => {
    const db = openDatabase(':memory:');
    const failing = () => {
      insert(db, 'half-written')();
      throw new Error('refused');
    };
    const outcomes = Promise.allSettled([
      groupedTransaction(db, insert(db, 'a')),
      groupedTransaction(db, failing),
      groupedTransaction(db, insert(db, 'b')),
      groupedTransaction(db, insert(db, 'c')),
    ]);
    // The later writes wait for the turn's end: a send is answered only after the commit that holds it.
    expect(secretNames(db)).toEqual(['a']);
    expect(await outcomes).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: new Error('refused') },
      { status: 'fulfilled', value: 'b' },
      { status: 'fulfilled', value: 'c' },
    ]);
    // The failing write was undone alone, in order with the others.
    expect(secretNames(db)).toEqual(['a', 'b', 'c']);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('rolls back a first write that throws, and commits the next turn at once again', async () => {
    const db = openDatabase(':memory:');
    await expect(
      groupedTransaction(db, () => {
        insert(db, 'x')();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(secretNames(db)).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    const next = groupedTransaction(db, insert(db, 'y'));
    expect(secretNames(db)).toEqual(['y']);
    await expect(next).resolves.toBe('y');
    db.close();
  });

  it("makes a turn's first write wait for the others while writes come together, and not once they stop", async () => {
    const db = openDatabase(':memory:');
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    // A lone write in a fresh database: committed at once.
    const lone = groupedTransaction(db, insert(db, 'lone'));
    expect(secretNames(db)).toEqual(['lone']);
    await lone;
    await nextTurn();
    // Two writes in a turn: requests are arriving together...
    await Promise.all([groupedTransaction(db, insert(db, 'a')), groupedTransaction(db, insert(db, 'b'))]);
    await nextTurn();
    // ... so the next turn's first write is queued too, and all of that turn's writes share one commit.
    const together = Promise.all([groupedTransaction(db, insert(db, 'c')), groupedTransaction(db, insert(db, 'd'))]);
    expect(secretNames(db)).toEqual(['lone', 'a', 'b']);
    await expect(together).resolves.toEqual(['c', 'd']);
    await nextTurn();
    // A turn with one write, queued as the first: the writes have stopped coming together...
    const queuedAlone = groupedTransaction(db, insert(db, 'e'));
    expect(secretNames(db)).toEqual(['lone', 'a', 'b', 'c', 'd']);
    await expect(queuedAlone).resolves.toBe('e');
    await nextTurn();
    // ... so the next lone write is committed at once again.
    const atOnce = groupedTransaction(db, insert(db, 'f'));
    expect(secretNames(db)).toEqual(['lone', 'a', 'b', 'c', 'd', 'e', 'f']);
    await atOnce;
    db.close();
  });

  it('rejects every queued write when their shared commit fails, and keeps none of them', async () => {
    const db = openDatabase(':memory:');
    const first = groupedTransaction(db, insert(db, 'a'));
    const queued = Promise.allSettled([
      groupedTransaction(db, insert(db, 'b')),
      groupedTransaction(db, insert(db, 'c')),
    ]);
    await expect(first).resolves.toBe('a');
    db.close(); // the queued writes' transaction cannot even begin
    expect((await queued).map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
