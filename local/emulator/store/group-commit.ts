import type { Db } from './database';
import { immediateTransaction } from './statements';

interface QueuedWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Turn {
  /** Whether the turn's first write was committed at once, on its own. */
  firstCommitted: boolean;
  /** The turn's other writes; committed together when the turn ends. */
  queued: QueuedWrite[];
}

/** Per database, the turn of the event loop that has written; gone when the turn ends. */
const turns = new WeakMap<Db, Turn>();

/** Databases whose last turn with writes had several: requests are arriving together. */
const underLoad = new WeakSet<Db>();

/**
 * Runs `work` in a write transaction and settles once it is committed, so an answer sent after it is as
 * durable as one sent after `immediateTransaction`. Writes that come in the same turn of the event loop
 * are queued and share one transaction when the turn ends (`setImmediate`): under concurrent requests one
 * commit, its file locks and WAL frames, most of a write's cost, serves several. A turn's first write
 * commits at once, on its own, unless the database's last turn with writes had several: a lone request
 * waits for nothing, and under load (where the next write is rarely far) each turn takes one commit,
 * not two. Each queued write runs in its own savepoint, so one that throws is undone alone and rejects
 * alone. Writes run in the order they come.
 */
export function groupedTransaction<T>(db: Db, work: () => T): Promise<T> {
  let turn = turns.get(db);
  if (!turn) {
    turn = { firstCommitted: !underLoad.has(db), queued: [] };
    turns.set(db, turn);
    setImmediate(endTurn, db);
    if (turn.firstCommitted) {
      try {
        return Promise.resolve(immediateTransaction(db, work));
      } catch (error) {
        return Promise.reject(error);
      }
    }
  }
  const { queued } = turn;
  return new Promise<T>((resolve, reject) => {
    queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function endTurn(db: Db): void {
  const { firstCommitted, queued } = turns.get(db)!;
  turns.delete(db);
  if (queued.length + (firstCommitted ? 1 : 0) > 1) underLoad.add(db);
  else underLoad.delete(db);
  if (queued.length === 0) return;
  const outcomes: Outcome[] = [];
  try {
    immediateTransaction(db, () => {
      for (const { work } of queued) {
        try {
          // Inside the open transaction better-sqlite3 makes this a savepoint: a throw undoes this write only.
          outcomes.push({ ok: true, value: immediateTransaction(db, work) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    // The commit itself failed (e.g. the file is locked past the busy timeout): nothing was written.
    for (const write of queued) write.reject(error);
    return;
  }
  queued.forEach((write, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) write.resolve(outcome.value);
    else write.reject(outcome.error);
  });
}
