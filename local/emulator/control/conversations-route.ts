import type { Context } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { conversationsPage } from '../inbox/conversations';
import { newestMessages } from '../inbox/messages';
import { parseOrThrow } from '../validation/field-violations';
import { guid } from '../validation/wix-formats';

/** Small by default: the answer is bounded by limit × messageLimit messages, whatever the store holds. */
export const CONVERSATIONS_DEFAULT_LIMIT = 20;
export const CONVERSATIONS_MAX_LIMIT = 100;
export const MESSAGES_DEFAULT_LIMIT = 100;
export const MESSAGES_MAX_LIMIT = 10_000;

const count = (max: number) =>
  z
    .string()
    .regex(/^[1-9][0-9]*$/, { error: 'must be a whole number from 1' })
    .transform(Number)
    .pipe(z.number().max(max, { error: `must be at most ${max}` }));

const query = z.object({
  limit: count(CONVERSATIONS_MAX_LIMIT).optional(),
  messageLimit: count(MESSAGES_MAX_LIMIT).optional(),
  // Opaque to callers: the row after which the next page starts.
  cursor: z
    .string()
    .regex(/^r[1-9][0-9]{0,15}$/, { error: 'must be the nextCursor of a previous page' })
    .optional(),
  conversationId: guid().optional(),
});

/**
 * `GET /_emulator/v1/conversations`: conversations oldest first, a page at a time (`limit`, default 20,
 * at most 100; `nextCursor` when more remain, passed back as `cursor`), or the one `conversationId`.
 * Each carries its newest `messageLimit` messages (default 100, at most 10,000), oldest first, in REST
 * shape, with `messageCount`, the number it holds.
 */
export function conversationsRoute(ctx: EmulatorContext) {
  return (c: Context) => {
    const request = parseOrThrow(query, c.req.query());
    const page = conversationsPage(ctx, {
      limit: request.limit ?? CONVERSATIONS_DEFAULT_LIMIT,
      ...(request.cursor ? { afterRow: Number(request.cursor.slice(1)) } : {}),
      ...(request.conversationId ? { id: request.conversationId } : {}),
    });
    const messageLimit = request.messageLimit ?? MESSAGES_DEFAULT_LIMIT;
    return c.json({
      conversations: page.conversations.map((conversation) => {
        const { messages, total } = newestMessages(ctx, conversation.id, messageLimit);
        return { ...conversation, messageCount: total, messages };
      }),
      ...(page.hasMore && page.lastRow !== undefined ? { nextCursor: `r${page.lastRow}` } : {}),
    });
  };
}
