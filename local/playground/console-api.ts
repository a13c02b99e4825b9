import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Emulator } from '../emulator';
import { findContact } from '../emulator/contacts/contacts';
import { eventPayloadAt } from '../emulator/events/outbox';
import { findConversation, type Participant } from '../emulator/inbox/conversations';
import { findMember } from '../emulator/members/members';
import { statement } from '../emulator/store/statements';
import type { LoggedDelivery } from '../velo/delivery-store';
import { chatChannelSummaries } from './chat-channels';
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

/** One delivery as the events log shows it (stored by the Velo runtime, so it survives a restart). */
export interface DeliveryLogEntry extends LoggedDelivery {
  /** The event as delivered to the handler, and the Inbox conversation it is about, if any. */
  payload?: unknown;
  conversationId?: string;
}

/** One row of /_playground/conversations; `Message` is how the reader types the REST message JSON. */
export interface ConversationSummary<Message = unknown> {
  id: string;
  participant: Participant;
  participantName: string;
  /** The member's login email or the contact's email, so that two people with one name differ. */
  participantEmail?: string;
  lastMessage: Message | null;
  /** What the list previews: the newest message a person wrote (the site's automatic ones skipped). */
  previewMessage: Message | null;
  messageCount: number;
  /** Messages from the participant: what unread counts are counted in. */
  participantMessageCount: number;
}

export interface ConversationPage<Message = unknown> {
  conversations: ConversationSummary<Message>[];
  nextCursor?: string;
}

const PAGE_MAX = 200;

const SAMPLE_IMAGE = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="200" viewBox="0 0 480 200">
<rect width="480" height="200" fill="#e9eefe"/><rect x="120" y="70" width="170" height="80" rx="8" fill="#3858e9"/>
<path d="M290 95h50l30 30v25h-80z" fill="#2a44b8"/><circle cx="160" cy="155" r="18" fill="#1d2330"/>
<circle cx="330" cy="155" r="18" fill="#1d2330"/><text x="135" y="118" font-family="sans-serif" font-size="22" fill="#fff">Delivery</text>
</svg>`;

/** A message the site's app sent on its own (an acknowledgement, an auto-reply): no person wrote it. */
const AUTOMATIC = `json_extract(m.body, '$.direction') <> 'PARTICIPANT_TO_BUSINESS'
  AND json_extract(m.body, '$.sender.appId') IS NOT NULL AND json_extract(m.body, '$.sender.wixUserId') IS NULL`;

function participantEmail(ctx: Emulator['context'], participant: Participant): { participantEmail?: string } {
  const member = participant.memberId ? findMember(ctx.db, participant.memberId) : undefined;
  const contact = participant.contactId ? findContact(ctx.db, participant.contactId) : undefined;
  const email = member?.loginEmail ?? contact?.email ?? undefined;
  return email ? { participantEmail: email } : {};
}

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
  /** The newest `limit` deliveries, newest first. */
  deliveries: (limit: number) => DeliveryLogEntry[],
  changes: ChangeFeed,
): Hono {
  const routes = new Hono();
  const ctx = emulator.context;

  routes.get('/_playground/session', (c) => c.json({ identities: session.identities }));

  // A picture for template messages tried offline (image URLs must be http(s)).
  routes.get('/_playground/sample-image.svg', (c) =>
    c.body(SAMPLE_IMAGE, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' }),
  );

  routes.get('/_playground/conversations', (c) => {
    const limit = pageLimit(c.req.query('limit'), 50);
    const after = activityCursor(c.req.query('cursor'));
    // Keyset paging on (activity, id), read off conversations_by_activity: a page costs the same
    // however many conversations there are. The last message and count are read for this page only.
    const rows = statement(
      ctx.db,
      `SELECT c.id AS id, c.activity AS activity,
              (SELECT body FROM messages m WHERE m.conversation_id = c.id ORDER BY m.sequence DESC LIMIT 1) AS last_body,
              (SELECT body FROM messages m WHERE m.conversation_id = c.id AND NOT (${AUTOMATIC})
                ORDER BY m.sequence DESC LIMIT 1) AS preview_body,
              (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
              (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id
                  AND json_extract(m.body, '$.direction') = 'PARTICIPANT_TO_BUSINESS') AS participant_count
         FROM conversations c
        ${after ? 'WHERE (c.activity, c.id) < (?, ?)' : ''}
        ORDER BY c.activity DESC, c.id DESC
        LIMIT ?`,
    ).all(...(after ? [after.activity, after.id] : []), limit + 1) as {
      id: string;
      activity: number;
      last_body: string | null;
      preview_body: string | null;
      message_count: number;
      participant_count: number;
    }[];
    const conversations = rows.slice(0, limit).map((row) => {
      const conversation = findConversation(ctx, row.id)!;
      return {
        id: conversation.id,
        participant: conversation.participant,
        participantName: conversation.participantDisplayData.name,
        ...participantEmail(ctx, conversation.participant),
        lastMessage: row.last_body === null ? null : (JSON.parse(row.last_body) as unknown),
        previewMessage: JSON.parse(row.preview_body ?? row.last_body ?? 'null') as unknown,
        messageCount: row.message_count,
        participantMessageCount: row.participant_count,
      };
    });
    return c.json({
      conversations,
      ...(rows.length > limit ? { nextCursor: `${rows[limit - 1]!.activity}:${rows[limit - 1]!.id}` } : {}),
    } satisfies ConversationPage);
  });

  routes.get('/_playground/chat-channels', (c) => c.json({ channels: chatChannelSummaries(emulator) }));

  routes.get('/_playground/deliveries', (c) => {
    const limit = pageLimit(c.req.query('limit'), 100);
    const withPayloads = deliveries(limit).map((delivery): DeliveryLogEntry => {
      const payload = eventPayloadAt(ctx, delivery.seq) as { data?: { conversationId?: unknown } } | undefined;
      if (!payload) return delivery;
      const conversationId = payload.data?.conversationId;
      return { ...delivery, payload, ...(typeof conversationId === 'string' ? { conversationId } : {}) };
    });
    return c.json({ deliveries: withPayloads });
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
