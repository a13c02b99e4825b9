import { auth } from '@wix/essentials';
import { conversations, messages } from '@wix/inbox';
import type { MessageContent } from 'public/message-content';
import { callWix } from './retry';
import { explainMissingInbox, required } from './site-error';

/**
 * The site's only doors to Wix Inbox. Each is ONE elevated SDK call; callers must have checked who is
 * asking before they get here (see docs/decisions/0003-identity-and-elevation.md). Each runs under the
 * call policy in retry.ts: reads and get-or-create are retried, a send never is after an ambiguous failure.
 */
const elevatedGetOrCreate = auth.elevate(conversations.getOrCreateConversation);
const elevatedSend = auth.elevate(messages.sendMessage);
const elevatedList = auth.elevate(messages.listMessages);

export type Participant = { memberId: string } | { contactId: string } | { anonymousVisitorId: string };

export type Direction = 'PARTICIPANT_TO_BUSINESS' | 'BUSINESS_TO_PARTICIPANT';
export type Visibility = 'BUSINESS' | 'BUSINESS_AND_PARTICIPANT';

/**
 * The participant's current conversation id (it changes when a visitor becomes a contact or member).
 * Get-or-create is idempotent (one conversation per participant), so it is retried.
 */
export async function conversationIdFor(participant: Participant): Promise<string> {
  const { conversation } = await callWix('getOrCreateConversation', 'idempotent', () =>
    elevatedGetOrCreate(participant),
  ).catch(explainMissingInbox);
  return required(conversation?._id, 'getOrCreateConversation returned no conversation id');
}

export interface Outgoing {
  content: MessageContent;
  direction: Direction;
  visibility: Visibility;
  sendNotifications?: boolean;
  silent?: boolean;
  sendAs?: 'CALLER' | 'PARTICIPANT';
  /** At most one (Wix supports one badge); `BUSINESS` badges are not shown to the participant. */
  badges?: { text: string; badgeVisibility: 'BUSINESS' | 'BUSINESS_AND_PARTICIPANT' }[];
}

/**
 * Sends one message; returns its id. Never repeated after a timeout, a dropped connection or a 5xx:
 * the message may have been stored, and a repeat would duplicate it (only a 429 is retried).
 */
export async function sendInboxMessage(conversationId: string, outgoing: Outgoing): Promise<string> {
  const { message } = await callWix('sendMessage', 'send', () =>
    elevatedSend(
      conversationId,
      {
        content: outgoing.content as messages.MessageContent,
        direction: outgoing.direction,
        visibility: outgoing.visibility,
        ...(outgoing.silent !== undefined ? { silent: outgoing.silent } : {}),
        ...(outgoing.badges ? { badges: outgoing.badges } : {}),
      },
      {
        sendNotifications: outgoing.sendNotifications ?? false,
        sendAs: outgoing.sendAs ?? 'CALLER',
      },
    ),
  ).catch(explainMissingInbox);
  return required(message?._id, 'sendMessage returned no message id');
}

export interface MessagePage {
  messages: messages.Message[];
  nextCursor?: string;
}

/** One page of a conversation's messages, newest first. A read: retried. */
export async function listConversationMessages(
  conversationId: string,
  options: { limit: number; cursor?: string; visibility?: Visibility },
): Promise<MessagePage> {
  const result = await callWix('listMessages', 'idempotent', () =>
    elevatedList(conversationId, options.visibility ?? 'BUSINESS', {
      paging: { limit: options.limit, ...(options.cursor ? { cursor: options.cursor } : {}) },
    }),
  ).catch(explainMissingInbox);
  const next = result.pagingMetadata?.cursors?.next;
  return { messages: result.messages ?? [], ...(next ? { nextCursor: next } : {}) };
}
