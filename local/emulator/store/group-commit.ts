import type { Db } from './database';
import { immediateTransaction } from './statements';

interface QueuedWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Turn {
  /** Writes that came after the turn's first; committed together when the turn ends. */
  queued: QueuedWrite[];
}

/** Per database, the turn of the event loop that has committed a write; gone when the turn ends. */
const turns = new WeakMap<Db, Turn>();

/**
 * Runs `work` in a write transaction and settles once it is committed, so an answer sent after it is as
 * durable as one sent after `immediateTransaction`. The first write of a turn of the event loop commits
 * at once, on its own (a lone request waits for nothing); writes that come later in the same turn are
 * queued and share one transaction when the turn ends (`setImmediate`): under concurrent requests one
 * commit, its file locks and WAL frames, most of a write's cost, serves several. Each queued write runs
 * in its own savepoint, so one that throws is undone alone and rejects alone. Writes run in the order
 * they come.
 */
export function groupedTransaction<T>(db: Db, work: () => T): Promise<T> {
  const turn = turns.get(db);
  if (turn) {
    return new Promise<T>((resolve, reject) => {
      turn.queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
  }
  turns.set(db, { queued: [] });
  setImmediate(endTurn, db);
  try {
    return Promise.resolve(immediateTransaction(db, work));
  } catch (error) {
    return Promise.reject(error);
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function endTurn(db: Db): void {
  const { queued } = turns.get(db)!;
  turns.delete(db);
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
