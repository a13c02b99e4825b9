import { listConversationMessages } from './inbox';
import type { RateLimit } from './settings';
import { SiteError, safeMessage } from './site-error';

/**
 * Per-sender rate limit that holds across backend instances: the sender's own Inbox conversation is
 * the ledger. Before a send, the newest messages of the conversation are read (one elevated call) and
 * the sender's recent messages of this kind are counted. No process memory is involved, so every
 * Velo backend container sees the same count. See docs/decisions/0004-rate-limit.md.
 */
export async function enforceRateLimit(
  conversationId: string,
  limit: RateLimit,
  isCounted: (message: { contentType?: string; direction?: string }) => boolean,
  now: number,
): Promise<void> {
  // Acknowledgements and replies sit between the sender's messages; read enough to see past them.
  const { messages } = await listConversationMessages(conversationId, { limit: Math.min(100, limit.maxMessages * 3) });
  const since = now - limit.windowMinutes * 60_000;
  const recent = messages.filter((message) => {
    const created = message._createdDate ? new Date(message._createdDate).getTime() : 0;
    return (
      created >= since &&
      isCounted({
        contentType: contentTypeOf(message.content as Record<string, unknown> | undefined),
        direction: message.direction,
      })
    );
  });
  if (recent.length >= limit.maxMessages) throw new SiteError('RATE_LIMITED', safeMessage('RATE_LIMITED'));
}

/** The payload kind, read from which payload is present (`contentType` is not in the SDK's types). */
function contentTypeOf(content: Record<string, unknown> | undefined): string | undefined {
  for (const kind of ['basic', 'template', 'minimal', 'form', 'system']) {
    if (content?.[kind]) return kind.toUpperCase();
  }
  return undefined;
}
