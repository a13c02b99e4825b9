import type { Db } from './database';
import { immediateTransaction } from './statements';

interface QueuedWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const queues = new WeakMap<Db, QueuedWrite[]>();

/**
 * Runs `work` in a write transaction shared with the other writes queued in the same turn of the event
 * loop (group commit), and settles once that transaction is committed: an answer sent after it is as
 * durable as one sent after `immediateTransaction`. Under concurrent requests one commit (its file locks
 * and WAL frames, most of a write's cost) serves several; a lone request waits one `setImmediate`.
 * Each write runs in its own savepoint, so one that throws is undone alone and rejects alone. Writes
 * run in the order they were queued, after any synchronous work of the current turn.
 */
export function groupedTransaction<T>(db: Db, work: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue) {
      queue = [];
      queues.set(db, queue);
      setImmediate(commitQueued, db);
    }
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function commitQueued(db: Db): void {
  const queue = queues.get(db)!;
  queues.delete(db);
  if (queue.length === 1) {
    const [only] = queue as [QueuedWrite];
    let outcome: Outcome;
    try {
      outcome = { ok: true, value: immediateTransaction(db, only.work) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    settle(only, outcome);
    return;
  }
  const outcomes: Outcome[] = [];
  try {
    immediateTransaction(db, () => {
      for (const { work } of queue) {
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
    for (const write of queue) write.reject(error);
    return;
  }
  queue.forEach((write, i) => settle(write, outcomes[i]!));
}

function settle(write: QueuedWrite, outcome: Outcome): void {
  if (outcome.ok) write.resolve(outcome.value);
  else write.reject(outcome.error);
}
