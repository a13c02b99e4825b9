import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Emulator } from '../emulator';
import { findConversation, type Participant } from '../emulator/inbox/conversations';
import { statement } from '../emulator/store/statements';
import type { Delivery } from '../velo/event-dispatcher';
import type { PlaygroundSession } from './session';

export type ChangeKind = 'messages' | 'deliveries';

/** Fan-out of change notifications to every open console (server-sent events). */
export class ChangeFeed {
  private listeners = new Set<(kind: ChangeKind) => void>();
  private closers = new Set<() => void>();
  subscribe(listener: (kind: ChangeKind) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  publish(kind: ChangeKind): void {
    for (const listener of this.listeners) listener(kind);
  }
  /** Resolves when the playground shuts down, so open streams end instead of holding the process. */
  closed(): Promise<void> {
    return new Promise((resolve) => this.closers.add(resolve));
  }
  close(): void {
    for (const close of this.closers) close();
    this.closers.clear();
  }
}

export interface DeliveryLogEntry extends Delivery {
  deliveredAt: string;
}

/** One row of /_playground/conversations; `Message` is how the reader types the REST message JSON. */
export interface ConversationSummary<Message = unknown> {
  id: string;
  participant: Participant;
  participantName: string;
  lastMessage: Message | null;
  messageCount: number;
}

export interface ConversationPage<Message = unknown> {
  conversations: ConversationSummary<Message>[];
  nextCursor?: string;
}

const PAGE_MAX = 200;

/** A `limit` query parameter: `fallback` when missing or not a number, else clamped to 1…PAGE_MAX. */
const pageLimit = (raw: string | undefined, fallback: number) =>
  Math.min(PAGE_MAX, Math.max(1, Number(raw ?? fallback) || fallback));

/** The position after which the next page starts (`<activity>:<conversation id>`); none for garbage. */
function activityCursor(raw: string | undefined): { activity: number; id: string } | undefined {
  const match = /^(\d{1,17}):([0-9a-f-]{36})$/.exec(raw ?? '');
  return match ? { activity: Number(match[1]), id: match[2]! } : undefined;
}

/**
 * The console's own reads: conversations by latest activity with their last message (paged), the
 * backend-event deliveries, the personas, and a live change stream. Threads and replies use the
 * emulated Inbox API itself.
 */
export function consoleRoutes(
  emulator: Emulator,
  session: PlaygroundSession,
  deliveries: () => DeliveryLogEntry[],
  changes: ChangeFeed,
): Hono {
  const routes = new Hono();
  const ctx = emulator.context;

  routes.get('/_playground/session', (c) => c.json({ identities: session.identities }));

  routes.get('/_playground/conversations', (c) => {
    const limit = pageLimit(c.req.query('limit'), 50);
    const after = activityCursor(c.req.query('cursor'));
    // Keyset paging on (activity, id), read off conversations_by_activity: a page costs the same
    // however many conversations there are. The last message and count are read for this page only.
    const rows = statement(
      ctx.db,
      `SELECT c.id AS id, c.activity AS activity,
              (SELECT body FROM messages m WHERE m.conversation_id = c.id ORDER BY m.sequence DESC LIMIT 1) AS last_body,
              (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count
         FROM conversations c
        ${after ? 'WHERE (c.activity, c.id) < (?, ?)' : ''}
        ORDER BY c.activity DESC, c.id DESC
        LIMIT ?`,
    ).all(...(after ? [after.activity, after.id] : []), limit + 1) as {
      id: string;
      activity: number;
      last_body: string | null;
      message_count: number;
    }[];
    const conversations = rows.slice(0, limit).map((row) => {
      const conversation = findConversation(ctx, row.id)!;
      return {
        id: conversation.id,
        participant: conversation.participant,
        participantName: conversation.participantDisplayData.name,
        lastMessage: row.last_body === null ? null : (JSON.parse(row.last_body) as unknown),
        messageCount: row.message_count,
      };
    });
    return c.json({
      conversations,
      ...(rows.length > limit ? { nextCursor: `${rows[limit - 1]!.activity}:${rows[limit - 1]!.id}` } : {}),
    } satisfies ConversationPage);
  });

  routes.get('/_playground/deliveries', (c) => {
    const limit = pageLimit(c.req.query('limit'), 100);
    return c.json({ deliveries: deliveries().slice(-limit).reverse() });
  });

  routes.get('/_playground/stream', (c) =>
    streamSSE(c, async (stream) => {
      const unsubscribe = changes.subscribe((kind) => {
        void stream.writeSSE({ event: 'change', data: JSON.stringify({ kind }) });
      });
      // A ping now and then keeps idle connections open through proxies.
      const ping = setInterval(() => void stream.writeSSE({ event: 'ping', data: '{}' }), 15_000);
      await Promise.race([new Promise<void>((resolve) => stream.onAbort(resolve)), changes.closed()]);
      clearInterval(ping);
      unsubscribe();
    }),
  );

  return routes;
}
