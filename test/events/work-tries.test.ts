import { items } from '@wix/data';
import { auth } from '@wix/essentials';
import { CLAIMS_COLLECTION, claimWork, MAX_WORK_TRIES } from 'backend/automations/claims';
import { sendDueLikeSummaries } from 'backend/automations/like-summaries';
import { automationConfig, setupEvents } from '../support/events';

/*
 * Work that fails is given back for a retry, on the next link of its claim chain, at most
 * MAX_WORK_TRIES times in all: the last try is never given back, so a claim later walks at most that
 * many links (an insert and a read each, no read on the last), however often the work failed.
 */

const visitor = (n: number) => `7f000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const status = (result: unknown) => (result as { status: string }).status;
const detail = (result: unknown) => (result as { detail: string }).detail;

/** What a claim costs once its work has failed on every try: every link's insert, a read for all but the last. */
const EXHAUSTED_CHAIN = [
  ...Array.from({ length: MAX_WORK_TRIES - 1 }, () => ['data.insert 409', 'data.get 200']).flat(),
  'data.insert 409',
];

beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

it('gives work back for a retry four times, not on the fifth try, and then finds it held', async () => {
  const site = await setupEvents();
  const givenBack: boolean[] = [];
  const attempts: string[] = [];
  for (let n = 1; n <= MAX_WORK_TRIES; n++) {
    const claim = await site.asJob(() => claimWork('task'));
    attempts.push(claim!.attempt);
    givenBack.push(await site.asJob(() => claim!.release()));
  }
  expect(MAX_WORK_TRIES).toBe(5);
  expect(attempts).toEqual(['first', 'retry', 'retry', 'retry', 'retry']);
  expect(givenBack).toEqual([true, true, true, true, false]);

  const before = await site.requestCount();
  expect(await site.asJob(() => claimWork('task'))).toBeUndefined();
  expect(await site.operationsSince(before)).toEqual(EXHAUSTED_CHAIN);
  // Five links, and a "released" sibling for the first four only.
  const ids = await site.asJob(async () =>
    (await auth.elevate(items.query)(CLAIMS_COLLECTION).find()).items.map((i) => i._id).sort(),
  );
  expect(ids).toEqual([
    'task',
    'task~2',
    'task~3',
    'task~4',
    'task~5',
    'task~released-1',
    'task~released-2',
    'task~released-3',
    'task~released-4',
  ]);
});

it('stops retrying an event whose work fails on every delivery, and says so on the last failure', async () => {
  const site = await setupEvents();
  // One send per try (a 503 on a send is never repeated: it may have been stored), so five fail.
  await site.control.fault('POST', '/inbox/v2/messages', 503, MAX_WORK_TRIES);
  const { eventId } = await site.like('post-1', { memberId: site.members.ann.id });
  const results = [];
  for (let n = 1; n <= MAX_WORK_TRIES; n++) {
    if (n > 1) await site.redeliver(eventId);
    results.push(...(await site.deliver()).map((d) => d.result));
  }
  expect(results.map(status)).toEqual(Array(MAX_WORK_TRIES).fill('failed'));
  expect(detail(results[MAX_WORK_TRIES - 2])).toBe('Error (status 503)');
  expect(detail(results[MAX_WORK_TRIES - 1])).toBe(
    'Error (status 503); tried 5 times, so not given back: no redelivery retries it',
  );

  // Wix answers again, but the like stays handled: a sixth delivery walks the five links and stops.
  await site.redeliver(eventId);
  const before = await site.requestCount();
  const [sixth] = await site.deliver();
  expect(sixth!.result).toEqual({ status: 'duplicate', detail: 'already handled' });
  expect(await site.operationsSince(before)).toEqual(EXHAUSTED_CHAIN);
  expect((await site.control.conversations()).flatMap((c) => c.messages)).toEqual([]);
});

it('stops retrying a like summary that fails on every run, and says so on the last failure', async () => {
  const site = await setupEvents();
  const runSummaries = () => site.asJob(() => sendDueLikeSummaries(site.clock.now, automationConfig().blogLikes));
  for (let i = 0; i < 21; i++) await site.like('post-1', { anonymousVisitorId: visitor(i) });
  await site.deliver();
  site.clock.now += 61 * 60_000;
  await site.control.fault('POST', '/inbox/v2/messages', 503, MAX_WORK_TRIES); // one send per run
  const logged = jest.mocked(console.error);
  logged.mockClear();
  for (let run = 1; run <= MAX_WORK_TRIES; run++) expect(await runSummaries()).toBe(0);
  const failures = logged.mock.calls
    .map(([line]) => String(line))
    .filter((line) => line.includes('like summary'))
    .map((line) => (JSON.parse(line) as { detail: string }).detail);
  expect(failures).toEqual([
    ...Array(MAX_WORK_TRIES - 1).fill('Error (status 503)'),
    'Error (status 503); tried 5 times, so not given back: no later run sends it',
  ]);

  // A sixth run, with Wix answering again: the query, the five links, and no send.
  const before = await site.requestCount();
  expect(await runSummaries()).toBe(0);
  expect(await site.operationsSince(before)).toEqual(['data.query 200', ...EXHAUSTED_CHAIN]);
});
