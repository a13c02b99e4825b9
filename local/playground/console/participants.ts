import type { Participant } from '../../emulator/inbox/conversations';
import type { ConversationSummary, RestMessage } from './types';

export function participantKind(participant: Participant): string {
  if (participant.memberId) return 'Member';
  if (participant.contactId) return 'Contact';
  if (participant.anonymousVisitorId) return 'Anonymous visitor';
  return 'Participant';
}

export function participantName(conversation: ConversationSummary): string {
  return conversation.participantName.trim() || participantKind(conversation.participant);
}

/** Up to two initials, for the avatar. */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [name];
  return letters
    .map((w) => Array.from(w ?? '')[0] ?? '')
    .join('')
    .toUpperCase();
}

/** Who on the business side sent a message: the console's admin, another person, or the site's code. */
export function businessSender(message: RestMessage, adminId: string): 'admin' | 'person' | 'site' {
  const sender = message.sender ?? {};
  if (sender.wixUserId) return sender.wixUserId === adminId ? 'admin' : 'person';
  return sender.appId ? 'site' : 'person';
}

/** The same sender, named the same way in the list (short) and in the thread (long). */
export const SENDER_LABELS = {
  short: { admin: 'You', person: 'Business', site: 'Site' },
  long: { admin: 'You (site admin)', person: 'Business', site: 'Site (sent by site code)' },
} as const;
