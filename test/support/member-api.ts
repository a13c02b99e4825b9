import * as inbox from 'backend/inbox.web';
import type { MemberMessagesApi } from 'public/pages/member-messages-page';
import type { ThreadItem } from 'public/thread-item';
import type { WebResult } from 'public/web-result';
import type { setupSite } from './site';

/** Ann's web methods, counting the thread's reads (the page's own and its polls). */
export function countingReads(site: Awaited<ReturnType<typeof setupSite>>) {
  let reads = 0;
  const api: MemberMessagesApi = {
    sendMemberMessage: (text) => site.call(inbox, 'sendMemberMessage', [text], 'ann') as Promise<WebResult<unknown>>,
    getMyMessages: () => {
      reads++;
      return site.call(inbox, 'getMyMessages', [], 'ann') as Promise<WebResult<ThreadItem[]>>;
    },
  };
  return { api, reads: () => reads };
}
