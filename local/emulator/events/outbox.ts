import type { EmulatorContext } from '../context';
import { statement } from '../store/statements';
import { toSdkKeys } from './sdk-keys';

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
  /** The body of the message the event carries (`message_seq`), from the messages table. */
  message_body: string | null;
}

/**
 * Appends an event. Call it inside the transaction that stores the change the event reports, so a
 * change is stored if and only if its event is. An event about a stored message names it
 * (`messageSequence`) instead of holding a copy: the message's JSON is written once per send, and
 * `data.message` is rebuilt from it whenever the event is read (messages are never changed or deleted
 * but all at once, with their events).
 */
export function appendEvent(
  ctx: EmulatorContext,
  event: { id: string; name: string; orderingKey: string | null; payload: unknown; messageSequence?: number },
): void {
  statement(ctx.db, 'INSERT INTO events (id, name, ordering_key, payload, message_seq) VALUES (?, ?, ?, ?, ?)').run(
    event.id,
    event.name,
    event.orderingKey,
    JSON.stringify(event.payload),
    event.messageSequence ?? null,
  );
}

/**
 * The one place a stored payload becomes the payload delivered: an event about a message was stored
 * without `data.message` (the message with SDK keys), which goes back in here.
 */
function payloadOf(row: { payload: string; message_body: string | null }): unknown {
  const payload = JSON.parse(row.payload) as { data: Record<string, unknown> };
  if (row.message_body !== null) payload.data.message = toSdkKeys(JSON.parse(row.message_body));
  return payload;
}

const EVENT_COLUMNS = `events.seq, events.id, events.name, events.ordering_key, events.payload, events.redelivery,
  messages.body AS message_body
  FROM events LEFT JOIN messages ON messages.sequence = events.message_seq`;

/** Events after `afterSeq`, oldest first. */
export function listEvents(ctx: EmulatorContext, afterSeq = 0, limit = 10_000): OutboxEvent[] {
  const rows = statement(ctx.db, `SELECT ${EVENT_COLUMNS} WHERE events.seq > ? ORDER BY events.seq LIMIT ?`).all(
    afterSeq,
    limit,
  ) as EventRow[];
  return rows.map((row) => ({
    seq: row.seq,
    id: row.id,
    name: row.name,
    orderingKey: row.ordering_key,
    payload: payloadOf(row),
    redelivery: row.redelivery === 1,
  }));
}

/** The payload of the event at `seq`, as delivered; undefined if there is none. */
export function eventPayloadAt(ctx: EmulatorContext, seq: number): unknown {
  const row = statement(ctx.db, `SELECT ${EVENT_COLUMNS} WHERE events.seq = ?`).get(seq) as EventRow | undefined;
  return row && payloadOf(row);
}

/**
 * Queues the event with this id again, as Wix may deliver an event more than once. Returns false if
 * there is no such event. The look-up reads the outbox through (no index on `id`): it serves a control
 * API call a test makes once, while an index would be one more page written by every send.
 */
export function redeliverEvent(ctx: EmulatorContext, id: string): boolean {
  const copied = statement(
    ctx.db,
    `INSERT INTO events (id, name, ordering_key, payload, message_seq, redelivery)
     SELECT id, name, ordering_key, payload, message_seq, 1 FROM events WHERE id = ? ORDER BY seq LIMIT 1`,
  ).run(id);
  return copied.changes === 1;
}
