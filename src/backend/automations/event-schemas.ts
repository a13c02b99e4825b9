import * as z from 'zod/mini';

/**
 * The parts of each Velo event payload the handlers rely on, checked before anything is done.
 * Unknown fields are allowed: Wix adds fields over time.
 */

const id = z.string().check(z.minLength(1), z.maxLength(200));
/** A time as Velo gives it (a Date) or as JSON carries it (a string that parses as a date). */
const dateString = z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value)), { error: 'must be a date' }));

const inboxMessage = z.object({
  _id: id,
  direction: z.enum(['PARTICIPANT_TO_BUSINESS', 'BUSINESS_TO_PARTICIPANT']),
  content: z.optional(
    z.object({
      previewText: z.optional(z.nullable(z.string())),
      basic: z.optional(
        z.nullable(z.object({ items: z.array(z.object({ text: z.optional(z.nullable(z.string())) })) })),
      ),
    }),
  ),
  sender: z.optional(z.record(z.string(), z.unknown())),
  visibility: z.optional(z.string()),
  sourceChannel: z.optional(z.nullable(z.string())),
  /** Set when an app sent the message (the site's own backend included); absent from the chat widget. */
  appId: z.optional(z.nullable(z.string())),
  _createdDate: z.optional(z.union([z.date(), z.string()])),
});

export const inboxEventSchema = z.object({
  data: z.object({ conversationId: id, message: inboxMessage }),
  metadata: z.object({ id }),
});
export type InboxEvent = z.output<typeof inboxEventSchema>;

export const chatEventSchema = z.object({
  channelId: id,
  type: z.string(),
  participantId: z.string(),
  direction: z.enum(['VisitorToBusiness', 'BusinessToVisitor']),
  createdAt: z.union([z.date(), dateString]),
  payload: z.object({ text: z.string() }),
  metadata: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
});
export type ChatEvent = z.output<typeof chatEventSchema>;

export const postLikedEventSchema = z.object({
  data: z.union([z.object({ postId: id, memberId: id }), z.object({ postId: id, anonymousVisitorId: id })]),
  metadata: z.optional(z.object({ id: z.optional(id) })),
});
export type PostLikedEvent = z.output<typeof postLikedEventSchema>;
