import type { EmulatorContext } from '../context';
import { statement } from '../store/statements';

/** A Velo backend event waiting in the durable outbox. */
export interface OutboxEvent {
  /** Position in the outbox: delivery order. */
  seq: number;
  /** Stable event id (`metadata.id` for Inbox events), the handler's dedupe key. */
  id: string;
  /** The events.js handler name, e.g. `wixCrmInbox_onMessageSentToBusiness`. */
  name: string;
  /** Events with the same key must be delivered in order (a conversation or chat channel id). */
  orderingKey: string | null;
  payload: unknown;
  /** A repeat of an earlier event with the same id (at-least-once delivery). */
  redelivery: boolean;
}

interface EventRow {
  seq: number;
  id: string;
  name: string;
  ordering_key: string | null;
  payload: string;
  redelivery: number;
}

/**
 * Appends an event. Call it inside the transaction that stores the change the event reports, so a
 * change is stored if and only if its event is.
 */
export function appendEvent(
  ctx: EmulatorContext,
  event: { id: string; name: string; orderingKey: string | null; payload: unknown },
): void {
  statement(ctx.db, 'INSERT INTO events (id, name, ordering_key, payload) VALUES (?, ?, ?, ?)').run(
    event.id,
    event.name,
    event.orderingKey,
    JSON.stringify(event.payload),
  );
}

/** Events after `afterSeq`, oldest first. */
export function listEvents(ctx: EmulatorContext, afterSeq = 0, limit = 10_000): OutboxEvent[] {
  const rows = statement(ctx.db, 'SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?').all(
    afterSeq,
    limit,
  ) as EventRow[];
  return rows.map((row) => ({
    seq: row.seq,
    id: row.id,
    name: row.name,
    orderingKey: row.ordering_key,
    payload: JSON.parse(row.payload) as unknown,
    redelivery: row.redelivery === 1,
  }));
}

/**
 * Queues the event with this id again, as Wix may deliver an event more than once. Returns false if
 * there is no such event.
 */
export function redeliverEvent(ctx: EmulatorContext, id: string): boolean {
  const copied = statement(
    ctx.db,
    `INSERT INTO events (id, name, ordering_key, payload, redelivery)
     SELECT id, name, ordering_key, payload, 1 FROM events WHERE id = ? ORDER BY seq LIMIT 1`,
  ).run(id);
  return copied.changes === 1;
}
