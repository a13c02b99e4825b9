import type { Participant } from '../../emulator/inbox/conversations';
import type { ConversationSummary } from './types';

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
