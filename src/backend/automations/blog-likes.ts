import { conversationIdFor, type Outgoing, type Participant } from '../lib/inbox';
import { markerFor, sendOnce } from '../lib/send-once';
import type { AutomationConfig } from './config';
import { postLikedEventSchema, type PostLikedEvent } from './event-schemas';
import { summaryFields } from './like-summaries';
import type { HandlerSpec } from './run-handler';
import { createTokenBucket } from './token-bucket';

function likerOf(event: PostLikedEvent): Participant {
  return 'memberId' in event.data
    ? { memberId: event.data.memberId }
    : { anonymousVisitorId: event.data.anonymousVisitorId };
}

/** One like message per person per post: the claim key, and the marker of the message. */
function likeKey({ data }: PostLikedEvent): string {
  return `like:${data.postId}:${'memberId' in data ? `member:${data.memberId}` : `visitor:${data.anonymousVisitorId}`}`;
}

/**
 * A blog like becomes one MINIMAL message in the liker's conversation (member or anonymous visitor),
 * from the liker to the business, visible to the business only. The claim is per liker per post, so
 * a redelivered event and a second like of the same post both do nothing.
 *
 * A burst is throttled so a viral post cannot push the site over Wix's rate limit: past the budget, a
 * like is counted instead (its claim records the post and window, see like-summaries.ts) and the
 * business gets one summary per post per window, sent by a scheduled job (like-summary-job.ts), never
 * from here. Only new likes use the budget: the token taken before the claim is given back when the
 * claim shows a repeat. A like message costs three calls: claim, conversation, send (the look for an
 * earlier attempt's message is made only on a retry, see lib/send-once.ts).
 */
export function blogLikeHandler(config: AutomationConfig['blogLikes'], now: () => number): HandlerSpec<PostLikedEvent> {
  const bucket = createTokenBucket(config.maxMessagesPerMinute, now);
  // Whether precheck took a budget token for this delivery (the event object is one delivery's).
  const budgeted = new WeakMap<PostLikedEvent, boolean>();

  return {
    name: 'wixBlog_onPostLiked',
    schema: postLikedEventSchema,
    claimKey: likeKey,
    precheck: (event) => {
      if (!config.enabled) return { status: 'skipped', detail: 'blog like messages are turned off' };
      budgeted.set(event, bucket.take());
      return undefined;
    },
    claimFields: (event) =>
      budgeted.get(event) ? undefined : { ...summaryFields(event.data.postId, likerOf(event), now(), config) },
    onDuplicate: (event) => {
      if (budgeted.get(event)) bucket.refund();
    },
    run: async (event, attempt) => {
      const { postId } = event.data;
      // Counting is the claim itself: nothing here can fail, so a counted like's claim is never given
      // back (and never counted twice by the summary).
      if (!budgeted.get(event))
        return { status: 'throttled', detail: `like burst: counted for the summary of post ${postId}` };
      const liker = likerOf(event);
      const conversationId = await conversationIdFor(liker);
      const url = config.postUrl(postId);
      const marker = markerFor(likeKey(event));
      const message: Outgoing = {
        content: {
          previewText: config.text,
          minimal: { text: config.text, url, ...(config.iconUrl ? { iconUrl: config.iconUrl } : {}) },
        },
        direction: 'PARTICIPANT_TO_BUSINESS',
        visibility: 'BUSINESS',
        sendAs: 'PARTICIPANT',
        sendNotifications: config.sendNotifications,
      };
      const { alreadySent } = await sendOnce(conversationId, marker, message, attempt);
      return {
        status: 'done',
        detail: `${alreadySent ? 'like message found (an earlier attempt sent it)' : 'like message sent'} for post ${postId}`,
      };
    },
  };
}
