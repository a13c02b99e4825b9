import type { Db } from '../emulator/store/database';
import { statement } from '../emulator/store/statements';
import type { Delivery } from './event-dispatcher';

/**
 * The Velo runtime's own state, kept in the playground's SQLite file beside (not inside) the emulated
 * Wix data: how far the outbox has been delivered, and what each handler did. Its tables start with
 * `velo_`; the emulator's schema, reset and layout upgrades never touch them, and the runtime resets
 * them itself when the emulator is reset (see local/playground/server.ts).
 *
 * The position and the delivery's log row are written in one transaction after the handler returned,
 * so a stop at any point (SIGTERM, SIGKILL) either keeps both or neither: an event whose handler did
 * not finish is delivered again on the next start (at least once; the handlers make it one effect).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS velo_delivery_position (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  -- the outbox seq of the last event whose handler returned
  seq INTEGER NOT NULL,
  -- that event's id: if the outbox row at seq holds another id, the outbox was reset meanwhile
  event_id TEXT
);
CREATE TABLE IF NOT EXISTS velo_deliveries (
  n INTEGER PRIMARY KEY AUTOINCREMENT,
  seq INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  name TEXT NOT NULL,
  redelivery INTEGER NOT NULL,
  result TEXT,
  delivered_at TEXT NOT NULL
);
`;

/** The events log keeps this many deliveries; older ones are dropped. */
export const MAX_LOGGED_DELIVERIES = 2000;

export interface LoggedDelivery extends Delivery {
  deliveredAt: string;
}

interface DeliveryRow {
  seq: number;
  event_id: string;
  name: string;
  redelivery: number;
  result: string | null;
  delivered_at: string;
}

export interface DeliveryStore {
  /** The outbox position delivered so far (0: nothing yet). */
  position(): number;
  /** Records a handled event: its outcome joins the log and the position moves past it. */
  record(delivery: Delivery, at: Date): void;
  /** The newest deliveries, newest first. */
  recent(limit: number): LoggedDelivery[];
  /** Forgets everything: delivery starts again from the beginning of the (reset) outbox. */
  reset(): void;
}

/**
 * Opens the runtime's delivery state in `db`. `outboxIdAt(seq)` reads the id of the outbox event at
 * `seq` (undefined if there is none), and `newestSeq` the newest position, used only the first time a
 * file written by an older playground is opened (it stored no position; its events were delivered).
 */
export function openDeliveryStore(
  db: Db,
  outbox: { idAt(seq: number): string | undefined; newestSeq(): number },
): DeliveryStore {
  db.exec(SCHEMA);
  const read = () =>
    statement(db, 'SELECT seq, event_id FROM velo_delivery_position WHERE id = 1').get() as
      { seq: number; event_id: string | null } | undefined;
  const write = (seq: number, eventId: string | null) =>
    statement(
      db,
      `INSERT INTO velo_delivery_position (id, seq, event_id) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, event_id = excluded.event_id`,
    ).run(seq, eventId);
  const reset = db.transaction(() => {
    statement(db, 'DELETE FROM velo_deliveries').run();
    write(0, null);
  });

  const stored = read();
  if (!stored) {
    const newest = outbox.newestSeq();
    write(newest, newest > 0 ? (outbox.idAt(newest) ?? null) : null);
  } else if (stored.seq > 0 && outbox.idAt(stored.seq) !== stored.event_id) {
    // The outbox was emptied (a reset or a new storage layout) while the runtime was not running.
    reset();
  }

  const record = db.transaction((delivery: Delivery, at: Date) => {
    statement(
      db,
      `INSERT INTO velo_deliveries (seq, event_id, name, redelivery, result, delivered_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      delivery.seq,
      delivery.eventId,
      delivery.name,
      delivery.redelivery ? 1 : 0,
      delivery.result === undefined ? null : JSON.stringify(delivery.result),
      at.toISOString(),
    );
    statement(db, 'DELETE FROM velo_deliveries WHERE n <= (SELECT max(n) FROM velo_deliveries) - ?').run(
      MAX_LOGGED_DELIVERIES,
    );
    write(delivery.seq, delivery.eventId);
  });

  return {
    position: () => read()?.seq ?? 0,
    record: (delivery, at) => record(delivery, at),
    recent: (limit) =>
      (statement(db, 'SELECT * FROM velo_deliveries ORDER BY n DESC LIMIT ?').all(limit) as DeliveryRow[]).map(
        (row) => ({
          seq: row.seq,
          eventId: row.event_id,
          name: row.name,
          redelivery: row.redelivery === 1,
          result: row.result === null ? undefined : (JSON.parse(row.result) as unknown),
          deliveredAt: row.delivered_at,
        }),
      ),
    reset: () => reset(),
  };
}
