import { auth } from '@wix/essentials';
import { conversationIdFor, type Participant } from '../lib/inbox';
import { lazily } from '../lib/lazily';
import { callWix } from '../lib/retry';
import { markerFor, sendOnce } from '../lib/send-once';
import { claimWork, CLAIMS_COLLECTION, MAX_WORK_TRIES } from './claims';
import type { AutomationConfig } from './config';
import { describeFailure } from './outcome';

/**
 * Likes past the burst budget are not dropped: each one's claim (`like:<post>:<liker>`, stored once
 * per person per post, see blog-likes.ts) carries the post, the liker and its summary window. Once a
 * window has ended, one summary message per post tells the business how many more people liked it,
 * counted from those claims, so the count is exact across backend instances and redeliveries. The
 * summaries are sent by a scheduled job (like-summary-job.ts, backend/jobs.config), hourly, so they
 * come on time on a quiet site and cost the like handler nothing.
 */

export interface SummaryFields {
  summaryPostId: string;
  /** Window number: milliseconds since the epoch divided by the window length. */
  summaryWindow: number;
  summaryLiker: Participant;
}

type LikeConfig = AutomationConfig['blogLikes'];

/** Windows older than this are not looked at again (their summaries were sent or never will be). */
const LOOK_BACK_MS = 7 * 24 * 3_600_000;
const PAGE = 1000;

// Loaded on the first summary run, not with events.js: most events never need @wix/data (lazily.ts).
const elevatedQuery = lazily(async () => auth.elevate((await import('@wix/data')).items.query));

export function windowOf(at: number, config: LikeConfig): number {
  return Math.floor(at / (config.summaryWindowMinutes * 60_000));
}

export function summaryFields(postId: string, liker: Participant, at: number, config: LikeConfig): SummaryFields {
  return { summaryPostId: postId, summaryWindow: windowOf(at, config), summaryLiker: liker };
}

/** The counted likes of ended windows (within the look-back), all pages. A read: retried. */
async function endedWindowLikes(now: number, config: LikeConfig): Promise<SummaryFields[]> {
  const current = windowOf(now, config);
  const oldest = windowOf(now - LOOK_BACK_MS, config);
  const found: SummaryFields[] = [];
  const query = await elevatedQuery();
  for (let offset = 0; ; offset += PAGE) {
    const page = await callWix('like summary query', 'idempotent', () =>
      query(CLAIMS_COLLECTION).lt('summaryWindow', current).ge('summaryWindow', oldest).skip(offset).limit(PAGE).find(),
    );
    found.push(...(page.items as unknown as SummaryFields[]));
    if (page.items.length < PAGE) return found;
  }
}

/**
 * The counted likes of ended windows, grouped by summary key (`likesum:<post>:<window>`). A liker
 * counts once per post: a counted like's claim is never given back (blog-likes.ts), but if one ever
 * were, its next link would carry the same post and liker, and must not count twice.
 */
function groupByWindow(likes: SummaryFields[]): Map<string, SummaryFields[]> {
  const latest = new Map<string, SummaryFields>();
  for (const like of likes) latest.set(`${like.summaryPostId}\n${JSON.stringify(like.summaryLiker)}`, like);
  const groups = new Map<string, SummaryFields[]>();
  for (const like of latest.values()) {
    const key = `likesum:${like.summaryPostId}:${like.summaryWindow}`;
    groups.set(key, [...(groups.get(key) ?? []), like]);
  }
  return groups;
}

/**
 * Sends the summary of every ended window that has counted likes and no summary yet: one message per
 * post per window, in the conversation of the window's last counted liker, from the site's app to
 * the business (visible to the business only). The summary's own work claim makes it once across
 * instances, and `sendOnce` makes a retry after a lost answer find the message instead of sending it
 * again (it looks only on a retry). Returns how many summaries were sent. Failures of one summary are
 * logged and left for the next run, up to `MAX_WORK_TRIES` runs in all (claims.ts).
 */
export async function sendDueLikeSummaries(now: number, config: LikeConfig): Promise<number> {
  let sent = 0;
  for (const [key, likes] of groupByWindow(await endedWindowLikes(now, config))) {
    const claim = await claimWork(key);
    if (!claim) continue;
    const last = likes.at(-1)!;
    try {
      const conversationId = await conversationIdFor(last.summaryLiker);
      const text = config.summaryText(likes.length);
      const message = { previewText: text, minimal: { text, url: config.postUrl(last.summaryPostId) } };
      await sendOnce(
        conversationId,
        markerFor(key),
        { content: message, direction: 'PARTICIPANT_TO_BUSINESS', visibility: 'BUSINESS' },
        claim.attempt,
      );
      sent++;
    } catch (error) {
      // Not sent: give the summary back so the next run tries again (and looks for this attempt's message).
      // A summary that cannot be given back stays claimed and is never sent: the owner needs to know.
      const notGivenBack = await claim.release().then(
        (givenBack) => (givenBack ? '' : `; tried ${MAX_WORK_TRIES} times, so not given back: no later run sends it`),
        (releaseError: unknown) => `; not given back, so no later run sends it: ${describeFailure(releaseError)}`,
      );
      const detail = describeFailure(error) + notGivenBack;
      console.error(
        JSON.stringify({ source: 'inbox-connector', handler: 'like summary', key, status: 'failed', detail }),
      );
    }
  }
  return sent;
}
