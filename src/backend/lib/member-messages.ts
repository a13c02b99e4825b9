import type { ThreadItem } from 'public/thread-item';
import { lazySchema, trimmedText, validateLazily } from 'public/validation';
import { currentMember } from './caller';
import { inConversation, listConversationMessages, sendInboxMessage } from './inbox';
import { enforceRateLimit } from './rate-limit';
import { inboxSettings } from './settings';
import { SiteError } from './site-error';
import { threadItem } from './thread-items';

const memberText = lazySchema((z) =>
  trimmedText(z, 'Message', { min: 1, max: inboxSettings.memberMessages.maxLength }),
);

/**
 * The logged-in member. Identity comes from the member's session only. The web methods admit site
 * members and site admins (Velo's SiteMember permission): a caller with no member here is an admin,
 * who has no member conversation, so is told where admins answer rather than to log in.
 */
async function requireMember() {
  const member = await currentMember();
  if (!member) throw new SiteError('NOT_ALLOWED', ADMIN_NOT_A_MEMBER);
  return member;
}

export const ADMIN_NOT_A_MEMBER =
  'This page is for site members. As a site admin, you answer members in the Inbox of your site dashboard.';

/** A member writes to the business, in their own conversation, as themselves. */
export async function sendMemberMessage(text: unknown, now: number): Promise<{ sent: true }> {
  const checked = await validateLazily(memberText, text);
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
      sendNotifications: inboxSettings.notifications.inbound,
    });
  });
  return { sent: true };
}

/** The member's own thread, newest first, without business-only messages: one item per message. */
export async function myRecentMessages(): Promise<ThreadItem[]> {
  const member = await requireMember();
  const { messages } = await inConversation({ memberId: member.memberId }, ({ id }) =>
    listConversationMessages(id, { limit: 30, visibility: 'BUSINESS_AND_PARTICIPANT' }),
  );
  return messages.map(threadItem);
}
