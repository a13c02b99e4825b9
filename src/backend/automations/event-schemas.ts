import { lazySchema, type LazyOutput, type Zod } from 'public/validation';

/**
 * The parts of each Velo event payload the handlers rely on, checked before anything is done.
 * Unknown fields are allowed: Wix adds fields over time. Each schema is built, and zod loaded, when
 * its event first comes (validation.ts `lazySchema`), not when events.js loads.
 */

const id = (z: Zod) => z.string().check(z.minLength(1), z.maxLength(200));
/** A time as Velo gives it (a Date) or as JSON carries it (a string that parses as a date). */
const dateString = (z: Zod) =>
  z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value)), { error: 'must be a date' }));

const inboxMessage = (z: Zod) =>
  z.object({
    _id: id(z),
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

export const inboxEventSchema = lazySchema((z) =>
  z.object({
    data: z.object({ conversationId: id(z), message: inboxMessage(z) }),
    metadata: z.object({ id: id(z) }),
  }),
);
export type InboxEvent = LazyOutput<typeof inboxEventSchema>;

export const chatEventSchema = lazySchema((z) =>
  z.object({
    channelId: id(z),
    type: z.string(),
    participantId: z.string(),
    direction: z.enum(['VisitorToBusiness', 'BusinessToVisitor']),
    createdAt: z.union([z.date(), dateString(z)]),
    payload: z.object({ text: z.string() }),
    metadata: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  }),
);
export type ChatEvent = LazyOutput<typeof chatEventSchema>;

export const postLikedEventSchema = lazySchema((z) =>
  z.object({
    data: z.union([
      z.object({ postId: id(z), memberId: id(z) }),
      z.object({ postId: id(z), anonymousVisitorId: id(z) }),
    ]),
    metadata: z.optional(z.object({ id: z.optional(id(z)) })),
  }),
);
export type PostLikedEvent = LazyOutput<typeof postLikedEventSchema>;
