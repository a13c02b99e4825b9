import { createHash } from 'crypto';
import type { Attempt } from '../automations/claims';
import { listConversationMessages, sendInboxMessage, type Outgoing } from './inbox';

/**
 * How far back a retry looks for its earlier attempt: the newest messages of the conversation (one
 * page; Wix allows 100). An earlier attempt of the same event is at most a few messages old unless
 * the conversation is very busy or the redelivery comes days later.
 */
const LOOK_BACK = 100;

/** The badge every automatic message carries; the reference ties it to the event that caused it. */
export const AUTOMATIC_BADGE = 'Sent automatically';

/**
 * A short, stable reference for a piece of work (a claim key such as `like:<post>:<liker>`): the same
 * key always gives the same reference, and it reveals nothing of the ids in the key.
 */
export function markerFor(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

const badgeText = (marker: string) => `${AUTOMATIC_BADGE} · ref ${marker}`;

/** The id of a message in the conversation's newest page that carries `marker`, if any. */
async function findMarked(conversationId: string, marker: string): Promise<string | undefined> {
  const { messages } = await listConversationMessages(conversationId, { limit: LOOK_BACK, visibility: 'BUSINESS' });
  const text = badgeText(marker);
  return messages.find((message) => message.badges?.some((badge) => badge.text === text))?._id ?? undefined;
}

/**
 * Sends `outgoing` unless an earlier attempt with the same `marker` already stored it: the one effect
 * per event even when a send's answer was lost (the send stored the message, the handler saw a
 * failure, gave its claim back, and the event came again). The message carries the marker in a badge
 * visible to the business only (Wix does not show badges in the chat widget), so the check is one
 * read of the conversation's newest messages. Use the handler's claim key (or the event id) as the
 * key: `sendOnce(conversationId, markerFor(key), outgoing, attempt)`.
 *
 * The read is made only when an earlier attempt may have sent: `attempt` is what the work's claim
 * said (claims.ts `claimWork`). On a `first` attempt no delivery ever held the work, so there is
 * nothing to find and the send goes straight out; a `retry`, an `unguarded` claim (no claims
 * collection) or no claim at all (`attempt` left out) looks first.
 *
 * It does not replace the claim: two instances handling the same event at the same moment could both
 * find nothing and both send. The claim stops that; the marker covers the retry after a lost answer.
 */
export async function sendOnce(
  conversationId: string,
  marker: string,
  outgoing: Outgoing,
  attempt?: Attempt,
): Promise<{ messageId: string; alreadySent: boolean }> {
  if (attempt !== 'first') {
    const earlier = await findMarked(conversationId, marker);
    if (earlier) return { messageId: earlier, alreadySent: true };
  }
  const messageId = await sendInboxMessage(conversationId, {
    ...outgoing,
    badges: [{ text: badgeText(marker), badgeVisibility: 'BUSINESS' }],
  });
  return { messageId, alreadySent: false };
}
