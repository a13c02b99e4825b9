import type { EmulatorContext } from '../context';
import { appendEvent } from '../events/outbox';

export const EVENT_POST_LIKED = 'wixBlog_onPostLiked';

export type Liker = { memberId: string } | { anonymousVisitorId: string };

/**
 * A blog post liked by a member or a visitor: the `wixBlog_onPostLiked` event a site receives
 * (`event.data` = `{postId, memberId | anonymousVisitorId}`, `metadata.entityId` = the post id).
 */
export function likePost(ctx: EmulatorContext, postId: string, liker: Liker): { eventId: string } {
  const eventId = ctx.ids.uuid();
  appendEvent(ctx, {
    id: eventId,
    name: EVENT_POST_LIKED,
    orderingKey: `blog:${postId}`,
    payload: {
      data: { postId, ...liker },
      metadata: { id: eventId, entityId: postId, eventTime: new Date(ctx.clock.now()).toISOString() },
    },
  });
  return { eventId };
}
