import { isoDate, type EmulatorContext } from '../context';
import { NotFound } from '../errors';
import { appendEvent } from '../events/outbox';
import { findMember } from '../members/members';
import { statement } from '../store/statements';

/**
 * Legacy Wix Chat channels (wix-chat-backend, deprecated). Wix removed the Chat REST API in 2022, so
 * the routes that reach this module are the emulator's own; the shapes follow the Velo docs
 * (inbox-contract.md §7).
 */

export const EVENT_CHAT_MESSAGE = 'wixChat_onMessage';
const SUMMARY_LENGTH = 250;

export type ChatVisitor = { memberId: string } | { anonymousVisitorId: string };

export interface ChatChannel {
  id: string;
  visitor: ChatVisitor;
  createdDate: string;
}

export interface ChatMessage {
  id: string;
  channelId: string;
  direction: 'VisitorToBusiness' | 'BusinessToVisitor';
  text: string;
  participantId: string;
  metadata: unknown;
  createdAt: string;
}

interface ChannelRow {
  id: string;
  visitor_type: 'MEMBER' | 'ANONYMOUS_VISITOR';
  visitor_id: string;
  created_date: string;
}

function channelFromRow(row: ChannelRow): ChatChannel {
  const visitor = row.visitor_type === 'MEMBER' ? { memberId: row.visitor_id } : { anonymousVisitorId: row.visitor_id };
  return { id: row.id, visitor, createdDate: row.created_date };
}

/** Opens a channel, as the chat widget does the first time a visitor writes. */
export function createChannel(ctx: EmulatorContext, visitor: ChatVisitor): ChatChannel {
  if ('memberId' in visitor && !findMember(ctx.db, visitor.memberId)) {
    throw new NotFound('MEMBER_NOT_FOUND', `Member ${visitor.memberId} not found.`);
  }
  const id = ctx.ids.uuid();
  const [type, visitorId] =
    'memberId' in visitor
      ? (['MEMBER', visitor.memberId] as const)
      : (['ANONYMOUS_VISITOR', visitor.anonymousVisitorId] as const);
  statement(ctx.db, 'INSERT INTO chat_channels (id, visitor_type, visitor_id, created_date) VALUES (?, ?, ?, ?)').run(
    id,
    type,
    visitorId,
    isoDate(ctx.clock.now()),
  );
  return getChannel(ctx, id);
}

export function getChannel(ctx: EmulatorContext, id: string): ChatChannel {
  const row = statement(ctx.db, 'SELECT * FROM chat_channels WHERE id = ?').get(id) as ChannelRow | undefined;
  if (!row) {
    throw new NotFound(
      'CHANNEL_NOT_FOUND',
      `Chat channel ${id} not found. A channel exists only after a visitor or the business has written in it.`,
    );
  }
  return channelFromRow(row);
}

/**
 * Stores a chat message and emits `wixChat_onMessage` in the same transaction. Business messages carry
 * the site owner's member id as `participantId`, as Wix documents.
 */
export function sendChatMessage(
  ctx: EmulatorContext,
  input: { channelId: string; text: string; sendAsVisitor: boolean; metadata?: unknown },
): ChatMessage {
  return ctx.db
    .transaction(() => {
      const channel = getChannel(ctx, input.channelId);
      const visitorId = 'memberId' in channel.visitor ? channel.visitor.memberId : channel.visitor.anonymousVisitorId;
      const message: ChatMessage = {
        id: ctx.ids.uuid(),
        channelId: channel.id,
        direction: input.sendAsVisitor ? 'VisitorToBusiness' : 'BusinessToVisitor',
        text: input.text,
        participantId: input.sendAsVisitor ? visitorId : ctx.site.siteOwnerMemberId,
        metadata: input.metadata ?? {},
        createdAt: isoDate(ctx.clock.now()),
      };
      statement(
        ctx.db,
        `INSERT INTO chat_messages (id, channel_id, direction, text, participant_id, metadata, created_date)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        message.id,
        message.channelId,
        message.direction,
        message.text,
        message.participantId,
        JSON.stringify(message.metadata),
        message.createdAt,
      );
      appendEvent(ctx, {
        id: message.id,
        name: EVENT_CHAT_MESSAGE,
        orderingKey: channel.id,
        payload: {
          channelId: channel.id,
          type: 'TEXT',
          summary: message.text.slice(0, SUMMARY_LENGTH),
          participantId: message.participantId,
          direction: message.direction,
          createdAt: message.createdAt,
          payload: { text: message.text },
          metadata: message.metadata,
        },
      });
      return message;
    })
    .immediate();
}

export function listChatMessages(ctx: EmulatorContext, channelId: string): ChatMessage[] {
  getChannel(ctx, channelId);
  const rows = statement(ctx.db, 'SELECT * FROM chat_messages WHERE channel_id = ? ORDER BY seq').all(channelId) as {
    id: string;
    channel_id: string;
    direction: ChatMessage['direction'];
    text: string;
    participant_id: string;
    metadata: string | null;
    created_date: string;
  }[];
  return rows.map((row) => ({
    id: row.id,
    channelId: row.channel_id,
    direction: row.direction,
    text: row.text,
    participantId: row.participant_id,
    metadata: row.metadata ? (JSON.parse(row.metadata) as unknown) : {},
    createdAt: row.created_date,
  }));
}
