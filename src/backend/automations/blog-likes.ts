import { conversationIdFor, sendInboxMessage, type Participant } from '../lib/inbox';
import type { AutomationConfig } from './config';
import { postLikedEventSchema, type PostLikedEvent } from './event-schemas';
import type { HandlerSpec } from './run-handler';
import { createTokenBucket } from './token-bucket';

function likerOf(event: PostLikedEvent): Participant {
  return 'memberId' in event.data
    ? { memberId: event.data.memberId }
    : { anonymousVisitorId: event.data.anonymousVisitorId };
}

/**
 * A blog like becomes one MINIMAL message in the liker's conversation (member or anonymous visitor),
 * from the liker to the business, visible to the business only. The claim is per liker per post, so
 * a redelivered event and a second like of the same post both do nothing. A burst is throttled before
 * any API call is made, so a viral post cannot push the site over Wix's rate limit.
 */
export function blogLikeHandler(config: AutomationConfig['blogLikes'], now: () => number): HandlerSpec<PostLikedEvent> {
  const bucket = createTokenBucket(config.maxMessagesPerMinute, now);
  return {
    name: 'wixBlog_onPostLiked',
    schema: postLikedEventSchema,
    claimKey: ({ data }) =>
      `like:${data.postId}:${'memberId' in data ? `member:${data.memberId}` : `visitor:${data.anonymousVisitorId}`}`,
    precheck: () => {
      if (!config.enabled) return { status: 'skipped', detail: 'blog like messages are turned off' };
      if (!bucket.take()) return { status: 'throttled', detail: 'like burst: over the per-minute budget' };
      return undefined;
    },
    run: async (event) => {
      const conversationId = await conversationIdFor(likerOf(event));
      const url = config.postUrl(event.data.postId);
      await sendInboxMessage(conversationId, {
        content: {
          previewText: config.text,
          minimal: { text: config.text, url, ...(config.iconUrl ? { iconUrl: config.iconUrl } : {}) },
        },
        direction: 'PARTICIPANT_TO_BUSINESS',
        visibility: 'BUSINESS',
        sendAs: 'PARTICIPANT',
        sendNotifications: config.sendNotifications,
      });
      return { status: 'done', detail: `like message sent for post ${event.data.postId}` };
    },
  };
}
