import { trimmedText, validate } from 'public/validation';
import { currentMember } from './caller';
import { inConversation, listConversationMessages, sendInboxMessage } from './inbox';
import { enforceRateLimit } from './rate-limit';
import { inboxSettings } from './settings';
import { SiteError } from './site-error';

const memberText = trimmedText('Message', { min: 1, max: inboxSettings.memberMessages.maxLength });

/** The logged-in member, or LOGIN_REQUIRED. Identity comes from the member's session only. */
async function requireMember() {
  const member = await currentMember();
  if (!member) throw new SiteError('LOGIN_REQUIRED', 'Please log in to send a message.');
  return member;
}

/** A member writes to the business, in their own conversation, as themselves. */
export async function sendMemberMessage(text: unknown, now: number): Promise<{ sent: true }> {
  const checked = validate(memberText, text);
  if (!checked.ok) {
    throw new SiteError('INVALID_INPUT', 'Please correct your message.', { message: checked.fieldErrors['(input)']! });
  }
  const member = await requireMember();
  await inConversation({ memberId: member.memberId }, async ({ id: conversationId, isNew }) => {
    // A conversation get-or-create made just now holds no messages: there is nothing to count.
    if (!isNew) {
      await enforceRateLimit(
        conversationId,
        inboxSettings.memberMessages.rateLimit,
        (m) => m.contentType === 'BASIC' && m.direction === 'PARTICIPANT_TO_BUSINESS',
        now,
      );
    }
    await sendInboxMessage(conversationId, {
      content: { previewText: checked.value.slice(0, 256), basic: { items: [{ text: checked.value }] } },
      direction: 'PARTICIPANT_TO_BUSINESS',
      visibility: 'BUSINESS_AND_PARTICIPANT',
      sendAs: 'PARTICIPANT',
    });
  });
  return { sent: true };
}

/** What the member page shows of a message: no ids, only what the member may see. */
export interface ThreadMessage {
  fromBusiness: boolean;
  text: string;
  sentAt: string;
}

/** The member's own thread, newest first, without business-only messages. */
export async function myRecentMessages(): Promise<ThreadMessage[]> {
  const member = await requireMember();
  const { messages } = await inConversation({ memberId: member.memberId }, ({ id }) =>
    listConversationMessages(id, { limit: 30, visibility: 'BUSINESS_AND_PARTICIPANT' }),
  );
  return messages.map((message) => ({
    fromBusiness: message.direction === 'BUSINESS_TO_PARTICIPANT',
    text: textOf(message.content),
    sentAt: message._createdDate ? new Date(message._createdDate).toISOString() : '',
  }));
}

/** The whole text of a message (the preview is cut at 256 characters); the preview for other kinds. */
function textOf(content: { basic?: { items?: { text?: string | null }[] }; previewText?: string | null } | undefined) {
  const texts = (content?.basic?.items ?? []).flatMap((item) => (item.text ? [item.text] : []));
  return texts.length > 0 ? texts.join('\n') : (content?.previewText ?? '');
}
