import { auth } from '@wix/essentials';
import { conversations, messages } from '@wix/inbox';
import type { MessageContent } from 'public/message-content';
import { forgetConversationId, rememberConversationId, rememberedConversationId } from './conversation-ids';
import { callWix, wixStatus } from './retry';
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

export interface OpenConversation {
  id: string;
  /** True when get-or-create made it just now: it holds no messages yet. */
  isNew: boolean;
}

/**
 * The participant's current conversation (its id changes when a visitor becomes a contact or member),
 * asked of Wix every time. Get-or-create is idempotent (one conversation per participant), so it is
 * retried; a retry after a lost first answer reports `isNew: false`, which only costs a needless read.
 */
export async function openConversation(participant: Participant): Promise<OpenConversation> {
  const { conversation, newConversation } = await callWix('getOrCreateConversation', 'idempotent', () =>
    elevatedGetOrCreate(participant),
  ).catch(explainMissingInbox);
  return {
    id: required(conversation?._id, 'getOrCreateConversation returned no conversation id'),
    isNew: newConversation === true,
  };
}

/** The participant's current conversation id, asked of Wix (see `openConversation`). */
export async function conversationIdFor(participant: Participant): Promise<string> {
  return (await openConversation(participant)).id;
}

/**
 * Runs `work` in the participant's conversation. A member's conversation id this backend instance
 * already knows is used without asking Wix (see conversation-ids.ts); if Wix then answers 404, the id
 * is stale (the conversation is gone), so it is forgotten, the current one is asked for, and `work`
 * runs again. `work` must leave nothing done when one of its Inbox calls fails with 404, which holds
 * for reads and for a send (a 404 stores no message).
 */
export async function inConversation<T>(
  participant: Participant,
  work: (conversation: OpenConversation) => Promise<T>,
): Promise<T> {
  const memberId = 'memberId' in participant ? participant.memberId : undefined;
  const remembered = memberId === undefined ? undefined : rememberedConversationId(memberId);
  if (memberId !== undefined && remembered !== undefined) {
    try {
      return await work({ id: remembered, isNew: false });
    } catch (error) {
      if (wixStatus(error) !== 404) throw error;
      forgetConversationId(memberId);
    }
  }
  const conversation = await openConversation(participant);
  if (memberId !== undefined) rememberConversationId(memberId, conversation.id);
  return work(conversation);
}

export interface Outgoing {
  content: MessageContent;
  direction: Direction;
  visibility: Visibility;
  sendNotifications?: boolean;
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
