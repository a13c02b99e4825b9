import type { messages } from '@wix/inbox';
import { listConversationMessages } from './inbox';
import type { RateLimit } from './settings';
import { SiteError, safeMessage } from './site-error';

/** What a rate limit may look at to decide whether a stored message counts against it. */
export interface CountedMessage {
  contentType?: string;
  direction?: string;
  sender?: { memberId?: string | null; contactId?: string | null; appId?: string | null } | null;
}

/** Newest-first pages read at most; 5 × 100 messages is far more than one window holds in practice. */
export const MAX_LEDGER_PAGES = 5;
const PAGE_SIZE = 100;

/**
 * Per-sender rate limit that holds across backend instances: the sender's own Inbox conversation is
 * the ledger. Before a send, the conversation is read newest first, page by page, and the counted
 * messages inside the window are tallied, until a message older than the window is seen, the count
 * reaches the limit, or the conversation ends. Whatever else sits in between (acknowledgements,
 * replies, other kinds of messages) cannot hide an old one. No process memory is involved, so every
 * Velo backend container sees the same count. See docs/decisions/0004-rate-limit.md.
 *
 * If MAX_LEDGER_PAGES pages are all inside the window and the count is still under the limit, the
 * answer is unknown: the send is refused (RATE_LIMITED) and the fact is logged. Refusing is the safe
 * side: only the business and the sender can fill a conversation that fast, and it clears when the
 * window passes.
 */
export async function enforceRateLimit(
  conversationId: string,
  limit: RateLimit,
  isCounted: (message: CountedMessage) => boolean,
  now: number,
): Promise<void> {
  const since = now - limit.windowMinutes * 60_000;
  let counted = 0;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_LEDGER_PAGES; page++) {
    const result = await listConversationMessages(conversationId, {
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    for (const message of result.messages) {
      if (createdAt(message) < since) return; // newest first: everything further back is older still
      if (isCounted(countedView(message)) && ++counted >= limit.maxMessages) throw rateLimited();
    }
    if (!result.nextCursor) return;
    cursor = result.nextCursor;
  }
  console.warn(
    `[inbox] rate limit: ${MAX_LEDGER_PAGES} pages of conversation ${conversationId} are all in the window; refused`,
  );
  throw rateLimited();
}

function rateLimited(): SiteError {
  return new SiteError('RATE_LIMITED', safeMessage('RATE_LIMITED'));
}

/**
 * The message's time in ms. Wix dates every message (the SDK types the date as optional); an undated
 * one would read as NaN, which is never older than the window, so it would be counted: the safe side.
 */
function createdAt(message: messages.Message): number {
  return Number(message._createdDate);
}

function countedView(message: messages.Message): CountedMessage {
  return {
    contentType: contentTypeOf(message.content as Record<string, unknown> | undefined),
    direction: message.direction,
    sender: message.sender,
  };
}

/** The payload kind, read from which payload is present (`contentType` is not in the SDK's types). */
function contentTypeOf(content: Record<string, unknown> | undefined): string | undefined {
  for (const kind of ['basic', 'template', 'minimal', 'form', 'system']) {
    if (content?.[kind]) return kind.toUpperCase();
  }
  return undefined;
}
