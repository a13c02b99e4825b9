import type { Emulator } from '../emulator';
import { listChatMessages, type ChatMessage, type ChatVisitor } from '../emulator/chat/channels';
import { findMember } from '../emulator/members/members';
import { statement } from '../emulator/store/statements';

/** One legacy chat channel as the console lists it (read-only: Wix deprecated legacy Chat for Inbox). */
export interface ChatChannelSummary {
  id: string;
  visitor: ChatVisitor;
  visitorName: string;
  visitorEmail?: string;
  messageCount: number;
  /** The newest messages, oldest first. */
  messages: ChatMessage[];
}

/** A console shows a bounded list: the channels with the newest messages, each with its latest ones. */
export const CHANNELS_SHOWN = 50;
export const MESSAGES_SHOWN = 30;

/**
 * The legacy chat channels, newest activity first (a channel's newest message, else its creation).
 * A separate section of the console rather than rows merged into the Inbox list, so that the Inbox
 * list's keyset paging stays exactly as it is.
 */
export function chatChannelSummaries(emulator: Emulator): ChatChannelSummary[] {
  const ctx = emulator.context;
  const rows = statement(
    ctx.db,
    `SELECT c.id AS id, c.visitor_type AS visitor_type, c.visitor_id AS visitor_id,
            (SELECT count(*) FROM chat_messages m WHERE m.channel_id = c.id) AS message_count,
            coalesce((SELECT max(m.seq) FROM chat_messages m WHERE m.channel_id = c.id), 0) AS newest
       FROM chat_channels c
      ORDER BY newest DESC, c.created_date DESC, c.id DESC
      LIMIT ?`,
  ).all(CHANNELS_SHOWN) as { id: string; visitor_type: string; visitor_id: string; message_count: number }[];
  return rows.map((row) => {
    const member = row.visitor_type === 'MEMBER' ? findMember(ctx.db, row.visitor_id) : undefined;
    return {
      id: row.id,
      visitor: row.visitor_type === 'MEMBER' ? { memberId: row.visitor_id } : { anonymousVisitorId: row.visitor_id },
      visitorName: member?.nickname || (row.visitor_type === 'MEMBER' ? 'Member' : 'Visitor'),
      ...(member ? { visitorEmail: member.loginEmail } : {}),
      messageCount: row.message_count,
      messages: listChatMessages(ctx, row.id).slice(-MESSAGES_SHOWN),
    };
  });
}

/** Changes whenever a chat message is stored: the live feed's signal for the console's chat section. */
export function newestChatMessage(emulator: Emulator): number {
  return (statement(emulator.context.db, 'SELECT coalesce(max(seq), 0) AS s FROM chat_messages').get() as { s: number })
    .s;
}
