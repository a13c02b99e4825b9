import { defaultAutomationConfig } from './automations/config';
import { sendDueLikeSummaries } from './automations/like-summaries';

/**
 * The scheduled job (backend/jobs.config) that sends like summaries: each hour, one message per post
 * per ended window of counted likes (automations/like-summaries.ts). On a schedule rather than from the
 * like handler, so a summary comes on time on a quiet site and a like costs no summary check. Wix runs
 * scheduled jobs with Admin permissions, on any backend instance, at most once an hour per job; the
 * summaries' claims keep each summary to one even if two runs overlap.
 *
 * Never throws: a failed run is logged, and the next run sends what this one could not.
 */
export async function sendLikeSummaries(): Promise<{ sent: number } | { failed: string }> {
  try {
    const sent = await sendDueLikeSummaries(Date.now(), defaultAutomationConfig.blogLikes);
    console.log(JSON.stringify({ source: 'inbox-connector', job: 'like summaries', status: 'done', sent }));
    return { sent };
  } catch (error) {
    const failed = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
    console.error(JSON.stringify({ source: 'inbox-connector', job: 'like summaries', status: 'failed', failed }));
    return { failed };
  }
}
