import { sendLikeSummaries } from 'backend/like-summary-job';
import { runWithWixContext } from '../../local/velo/wix-context';
import { setupEvents } from '../support/events';

/**
 * The scheduled job itself (backend/jobs.config → like-summary-job.ts), as Wix calls it: no argument,
 * at the real time, with Admin permissions (elevated calls go as the site's app). It must never throw:
 * a job that throws is only logged by Wix, and the next hourly run would start from the same state.
 */
async function setup(likedAt: number) {
  const site = await setupEvents({ now: likedAt });
  const tokens = {
    callerToken: (await site.control.token('WIX_USER')).token,
    elevatedToken: (await site.control.token('APP')).token,
  };
  const runJob = () => runWithWixContext(site.emulator.fetch, tokens, () => sendLikeSummaries());
  return { ...site, runJob };
}

const visitor = (i: number) => `7f000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function jobLines(spy: jest.SpyInstance): unknown[] {
  return spy.mock.calls
    .map(([line]) => String(line))
    .filter((line) => line.includes('"job":"like summaries"'))
    .map((line) => JSON.parse(line));
}

afterEach(() => jest.restoreAllMocks());

it('sends the summary of an ended window when run, and logs how many it sent', async () => {
  const site = await setup(Date.now() - 2 * 3_600_000); // the likes came two hours ago
  for (let i = 0; i < 21; i++) await site.like('post-1', { anonymousVisitorId: visitor(i) });
  await site.deliver(); // 20 like messages, 1 like counted for the summary
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);

  expect(await site.runJob()).toEqual({ sent: 1 });
  expect(jobLines(log)).toEqual([{ source: 'inbox-connector', job: 'like summaries', status: 'done', sent: 1 }]);
  const texts = (await site.control.conversations())
    .flatMap((c) => c.messages as unknown as { content: { minimal?: { text: string } } }[])
    .map((m) => m.content.minimal?.text);
  expect(texts.filter((t) => t === '1 more person liked this post')).toHaveLength(1);

  expect(await site.runJob()).toEqual({ sent: 0 }); // the next hour's run sends nothing again
});

it('returns and logs a failure instead of throwing when Wix Data cannot be read', async () => {
  const site = await setup(Date.now() - 2 * 3_600_000);
  await site.control.fault('GET', '/wix-data/v2/items/query', 503, 10);
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);

  const result = await site.runJob();
  expect(result).toEqual({ failed: expect.stringMatching(/^\w+: /) });
  // A faulted request has no operation (the route never ran): the query's path, three attempts.
  const queries = (await site.control.requests()).filter((r) => r.path === '/wix-data/v2/items/query');
  expect(queries.map((r) => r.status)).toEqual([503, 503, 503]); // the read was retried, then given up
  expect(jobLines(error)).toEqual([
    {
      source: 'inbox-connector',
      job: 'like summaries',
      status: 'failed',
      failed: (result as { failed: string }).failed,
    },
  ]);
});
