import { createHash } from 'node:crypto';
import { isoDate, type EmulatorContext } from '../context';
import { InvalidArgument, standardError } from '../errors';
import { appendEvent } from '../events/outbox';
import type { Identity } from '../identity';
import { findParticipant, getConversation, type Participant } from './conversations';
import { buildContent } from './message-content';
import type { ListMessagesRequest, SendMessageRequest } from './message-schema';
import { groupedTransaction } from '../store/group-commit';
import { immediateTransaction, statement } from '../store/statements';

/** A stored message in REST shape (`id`, `createdDate`). */
export type RestMessage = Record<string, unknown> & {
  id: string;
  sequence: string;
  direction: string;
  visibility: string;
};

export const EVENT_SENT_TO_BUSINESS = 'wixCrmInbox_onMessageSentToBusiness';
export const EVENT_SENT_TO_PARTICIPANT = 'wixCrmInbox_onMessageSentToParticipant';

/**
 * The next message sequence: microseconds since the epoch, strictly increasing (inbox-contract.md §6).
 * Must run inside the write transaction that inserts the message.
 */
function nextSequence(ctx: EmulatorContext): number {
  const last = (statement(ctx.db, 'SELECT max(sequence) AS s FROM messages').get() as { s: number | null }).s ?? 0;
  return Math.max(ctx.clock.now() * 1000, last + 1);
}

function senderFor(request: SendMessageRequest, caller: Identity, participant: Participant) {
  switch (request.sendAs ?? 'CALLER') {
    case 'PARTICIPANT':
      return { ...participant };
    case 'BUSINESS_USER':
      return { wixUserId: request.businessUserId! };
    case 'CALLER':
      return caller.type === 'APP' ? { appId: caller.id } : { wixUserId: caller.id };
  }
}

/** Microsecond ISO time, the way Wix writes `eventTime`: 2023-11-15T16:18:56.681603Z. */
function microIso(micros: number): string {
  return isoDate(Math.floor(micros / 1000)).replace(/Z$/, `${String(micros % 1000).padStart(3, '0')}Z`);
}

/**
 * SendMessage: stores the message and, in the same transaction, the Velo event a site receives.
 * The caller has already been checked to be a business identity (WIX_USER or APP). `fromChatWidget`
 * (control API only) stores what the site's chat widget stores when a visitor types: no `appId`
 * ("omitted when sent from the Chat widget", inbox-contract.md §2.1).
 */
export function sendMessage(
  ctx: EmulatorContext,
  caller: Identity,
  request: SendMessageRequest,
  options: { fromChatWidget?: boolean } = {},
): { message: RestMessage } {
  return { message: storeMessage(ctx, caller, request, options).message };
}

/**
 * SendMessage over HTTP: its answer as JSON text, `{"message":...}`, once the message is committed. The
 * JSON just stored is reused, not serialized a second time for the answer. Sends that arrive together
 * share one commit (`groupedTransaction`).
 */
export async function sendMessageJson(
  ctx: EmulatorContext,
  caller: Identity,
  request: SendMessageRequest,
): Promise<string> {
  const { body } = await groupedTransaction(ctx.db, () => writeMessage(ctx, caller, request));
  return `{"message":${body}}`;
}

function storeMessage(
  ctx: EmulatorContext,
  caller: Identity,
  request: SendMessageRequest,
  options: { fromChatWidget?: boolean } = {},
): { message: RestMessage; body: string } {
  return immediateTransaction(ctx.db, () => writeMessage(ctx, caller, request, options));
}

/**
 * Checks and writes one message and its event; run inside a write transaction. The checks run in it too
 * (a throw rolls it back, nothing is written): the conversation is read in the same snapshot the message
 * is written to, and a send takes one set of file locks instead of two (a separate read took its own).
 */
function writeMessage(
  ctx: EmulatorContext,
  caller: Identity,
  request: SendMessageRequest,
  options: { fromChatWidget?: boolean } = {},
): { message: RestMessage; body: string } {
  const conversationId = request.conversationId;
  const appId = caller.type === 'APP' ? caller.id : ctx.site.siteAppId;
  const input = request.message;
  // SendMessage's typed errors do not include an unknown conversation: a standard 404, no invented code.
  const participant = findParticipant(ctx, conversationId);
  if (!participant) throw standardError(404, `Conversation ${conversationId} not found.`);
  const content = buildContent(input.content, appId);
  const sequence = nextSequence(ctx);
  const id = String(sequence);
  const message: RestMessage = {
    id,
    content,
    sender: senderFor(request, caller, participant),
    badges: (input.badges ?? []).map((b) => ({
      text: b.text ?? '',
      badgeVisibility: b.badgeVisibility ?? 'BUSINESS_AND_PARTICIPANT',
      ...(b.iconUrl ? { iconUrl: b.iconUrl } : {}),
    })),
    targetChannels: input.targetChannels ?? [],
    sourceChannel: input.sourceChannel ?? 'UNKNOWN_CHANNEL_TYPE',
    ...(options.fromChatWidget ? {} : { appId }),
    visibility: input.visibility,
    sequence: id,
    direction: input.direction,
    createdDate: isoDate(Math.floor(sequence / 1000)),
    targetChannelIds: input.targetChannelIds ?? [],
    ...(input.sourceChannelId ? { sourceChannelId: input.sourceChannelId } : {}),
    silent: input.silent ?? request.silent ?? false,
  };
  const body = JSON.stringify(message);
  statement(ctx.db, 'INSERT INTO messages (sequence, conversation_id, visibility, body) VALUES (?, ?, ?, ?)').run(
    sequence,
    conversationId,
    message.visibility,
    body,
  );
  statement(ctx.db, 'UPDATE conversations SET activity = ? WHERE id = ?').run(sequence, conversationId);
  const eventId = ctx.ids.uuid();
  appendEvent(ctx, {
    id: eventId,
    name: message.direction === 'PARTICIPANT_TO_BUSINESS' ? EVENT_SENT_TO_BUSINESS : EVENT_SENT_TO_PARTICIPANT,
    orderingKey: conversationId,
    // data.message (the message with SDK keys) is added back from the messages table when read.
    messageSequence: sequence,
    payload: {
      data: { conversationId },
      metadata: {
        id: eventId,
        entityId: id,
        // After the message's own sequence, even when several messages share a clock tick.
        eventTime: microIso(Math.max(ctx.clock.now() * 1000, sequence) + 1),
        triggeredByAnonymizeRequest: false,
      },
    },
  });
  return { message, body };
}

const DEFAULT_PAGE_SIZE = 30;

/**
 * A cursor carries only the position. Wix asks callers to send the same visibility and sorting on every
 * page but documents no error when they do not, so none is enforced: the page follows the request it
 * comes with (docs/emulator-contract.md). Like Wix's, cursors are opaque: each carries a check derived
 * from the site and the position, so one the emulator never issued is refused.
 */
interface Cursor {
  after: number;
}

function cursorCheck(ctx: EmulatorContext, after: number): string {
  return createHash('sha256').update(`${ctx.site.siteId}:cursor:${after}`).digest('base64url').slice(0, 12);
}

function encodeCursor(ctx: EmulatorContext, cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ after: cursor.after, check: cursorCheck(ctx, cursor.after) })).toString(
    'base64url',
  );
}

function decodeCursor(ctx: EmulatorContext, raw: string): Cursor {
  let cursor: { after?: unknown; check?: unknown } | null;
  try {
    cursor = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as typeof cursor;
  } catch {
    cursor = null;
  }
  if (typeof cursor?.after !== 'number' || cursor.check !== cursorCheck(ctx, cursor.after)) {
    throw new InvalidArgument([
      { field: 'paging.cursor', description: 'is not a cursor returned by ListMessages', violatedRule: 'FORMAT' },
    ]);
  }
  return { after: cursor.after };
}

/**
 * ListMessages: newest first by default, 30 per page, cursor paging. `BUSINESS` visibility returns all
 * messages, `BUSINESS_AND_PARTICIPANT` only those the participant can see.
 */
export function listMessages(ctx: EmulatorContext, request: ListMessagesRequest) {
  getConversation(ctx, request.conversationId);
  const order = request.sorting?.order ?? 'DESC';
  const limit = request.paging?.limit || DEFAULT_PAGE_SIZE;
  const cursor = request.paging?.cursor ? decodeCursor(ctx, request.paging.cursor) : undefined;
  const conditions = ['conversation_id = ?'];
  const params: (string | number)[] = [request.conversationId];
  if (request.visibility === 'BUSINESS_AND_PARTICIPANT') {
    conditions.push("visibility = 'BUSINESS_AND_PARTICIPANT'");
  }
  if (cursor) {
    conditions.push(order === 'DESC' ? 'sequence < ?' : 'sequence > ?');
    params.push(cursor.after);
  }
  const rows = statement(
    ctx.db,
    `SELECT sequence, body FROM messages WHERE ${conditions.join(' AND ')} ORDER BY sequence ${order} LIMIT ?`,
  ).all(...params, limit + 1) as { sequence: number; body: string }[];
  const page = rows.slice(0, limit);
  const hasNext = rows.length > limit;
  const last = page.at(-1);
  return {
    messages: page.map((row) => JSON.parse(row.body) as RestMessage),
    pagingMetadata: {
      count: page.length,
      // Only the public `PagingMetadataV2` fields: a `next` cursor while more messages remain.
      cursors: hasNext && last ? { next: encodeCursor(ctx, { after: last.sequence }) } : {},
    },
  };
}

/** A conversation's newest `limit` messages, oldest first, and how many it holds (for the control API). */
export function newestMessages(
  ctx: EmulatorContext,
  conversationId: string,
  limit: number,
): { messages: RestMessage[]; total: number } {
  const rows = statement(
    ctx.db,
    'SELECT body FROM messages WHERE conversation_id = ? ORDER BY sequence DESC LIMIT ?',
  ).all(conversationId, limit) as { body: string }[];
  const { total } = statement(ctx.db, 'SELECT count(*) AS total FROM messages WHERE conversation_id = ?').get(
    conversationId,
  ) as { total: number };
  return { messages: rows.reverse().map((row) => JSON.parse(row.body) as RestMessage), total };
}
