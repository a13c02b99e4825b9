import { auth } from '@wix/essentials';
import { items } from '@wix/data';
import { CLAIMS_COLLECTION } from 'backend/automations/claims';
import { sendDueLikeSummaries, windowOf } from 'backend/automations/like-summaries';
import { automationConfig, setupEvents } from '../support/events';

const VISITOR = '7f000000-0000-4000-8000-000000000001';

type Site = Awaited<ReturnType<typeof setupEvents>>;

it('turns a like into one MINIMAL message from the liker to the business', async () => {
  const site = await setupEvents();
  await site.like('post-1', { memberId: site.members.ann.id });
  const [delivery] = await site.deliver();
  expect(delivery!.result).toMatchObject({ status: 'done' });
  const [conversation] = await site.control.conversations();
  expect(conversation!.participant).toMatchObject({ memberId: site.members.ann.id });
  const likeMessages = conversation!.messages as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(likeMessages).toHaveLength(1);
  expect(likeMessages[0]).toMatchObject({
    direction: 'PARTICIPANT_TO_BUSINESS',
    visibility: 'BUSINESS',
    content: { minimal: { text: 'New like', url: 'https://www.example.com/post/post-1' } },
    // For the business only: sent by the site, with a short reference (12 hex digits) to its event.
    badges: [{ text: expect.stringMatching(/^Sent automatically · ref [0-9a-f]{12}$/), badgeVisibility: 'BUSINESS' }],
  });
});

it('sends one message for a duplicate like event and a second like of the same post', async () => {
  const site = await setupEvents();
  const { eventId } = await site.like('post-1', { anonymousVisitorId: VISITOR });
  await site.deliver();
  await site.redeliver(eventId);
  await site.like('post-1', { anonymousVisitorId: VISITOR });
  const deliveries = await site.deliver();
  expect(deliveries.map((d) => (d.result as { status: string }).status)).toEqual(['duplicate', 'duplicate']);
  const messages = (await site.control.conversations()).flatMap((c) => c.messages);
  expect(messages).toHaveLength(1);
});

it('makes three Wix calls for a like: its claim, the conversation and the message', async () => {
  const site = await setupEvents();
  await site.like('post-1', { memberId: site.members.ann.id });
  const before = await site.requestCount();
  const [delivery] = await site.deliver();
  expect(delivery!.result).toMatchObject({ status: 'done', detail: 'like message sent for post post-1' });
  // No look for an earlier attempt's message: the claim's insert proved no delivery held this like before.
  expect(await site.operationsSince(before)).toEqual([
    'data.insert 200',
    'inbox.getOrCreateConversation 200',
    'inbox.sendMessage 200',
  ]);
});

it('looks for the earlier attempt after a failed send gave the claim back, and sends once', async () => {
  const site = await setupEvents();
  await site.control.fault('POST', '/inbox/v2/messages', 503);
  const { eventId } = await site.like('post-1', { memberId: site.members.ann.id });
  expect((await site.deliver())[0]!.result).toMatchObject({ status: 'failed' });

  await site.redeliver(eventId);
  const before = await site.requestCount();
  const [retried] = (await site.deliver()).filter((d) => d.name === 'wixBlog_onPostLiked');
  expect(retried!.result).toMatchObject({ status: 'done', detail: 'like message sent for post post-1' });
  expect(await site.operationsSince(before)).toEqual([
    'data.insert 409', // the like's claim: taken
    'data.get 200', // ... and given back
    'data.insert 200', // the claim's next link: a retry
    'inbox.getOrCreateConversation 200',
    'inbox.listMessages 200', // the look for the earlier attempt's message: none, so it sends
    'inbox.sendMessage 200',
  ]);
  expect(await likeTexts(site)).toEqual(['New like']);
});

it('looks for an earlier attempt on every like when the site has no claims collection', async () => {
  const site = await setupEvents({ variants: { claimsCollection: 'missing' } });
  const { eventId } = await site.like('post-1', { memberId: site.members.ann.id });
  const before = await site.requestCount();
  await site.deliver();
  expect(await site.operationsSince(before)).toEqual([
    'data.insert 404', // WDE0025: handled without the once-only guarantee
    'inbox.getOrCreateConversation 200',
    'inbox.listMessages 200', // nothing proves this is the first attempt
    'inbox.sendMessage 200',
  ]);

  await site.redeliver(eventId);
  const [again] = (await site.deliver()).filter((d) => d.name === 'wixBlog_onPostLiked');
  expect(again!.result).toMatchObject({ status: 'done', detail: expect.stringMatching(/earlier attempt/) });
  expect(await likeTexts(site)).toEqual(['New like']);
});

it('costs a duplicate like its claim insert and one read (was it given back? no)', async () => {
  const site = await setupEvents();
  const { eventId } = await site.like('post-1', { memberId: site.members.ann.id });
  await site.deliver();
  await site.redeliver(eventId);
  const before = await site.requestCount();
  const [repeat] = await site.deliver();
  expect(repeat!.result).toMatchObject({ status: 'duplicate' });
  // No "released" sibling: Wix Data answers 404, which the SDK's items.get returns as null.
  expect(await site.operationsSince(before)).toEqual(['data.insert 409', 'data.get 404']);
});

const visitor = (n: number) => `7f000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const status = (result: unknown) => (result as { status: string }).status;
type StoredMessage = { content: { minimal?: { text: string; url: string } }; sender: Record<string, string> };

/** Every stored like message and like summary, as the business sees them. */
async function likeTexts(site: Awaited<ReturnType<typeof setupEvents>>): Promise<string[]> {
  const messages = (await site.control.conversations()).flatMap((c) => c.messages) as unknown as StoredMessage[];
  return messages.map((m) => m.content.minimal?.text ?? '');
}

beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

it('bounds the API calls of a burst of 500 likes: past the budget a like costs only its claim', async () => {
  const site = await setupEvents();
  for (let i = 0; i < 500; i++) await site.like(`post-${i % 5}`, { anonymousVisitorId: visitor(i) });
  const before = await site.requestCount();
  const deliveries = await site.deliver();
  const calls = (await site.requestCount()) - before;
  const statuses = deliveries.filter((d) => d.name === 'wixBlog_onPostLiked').map((d) => status(d.result));
  expect(statuses.filter((s) => s === 'done')).toHaveLength(20);
  expect(statuses.filter((s) => s === 'throttled')).toHaveLength(480);
  // A sent like: claim, conversation, send (a first attempt has no earlier message to look for). A
  // counted like: its claim. No summary check on the like path (a scheduled job sends summaries).
  expect(calls).toBe(20 * 3 + 480);
});

it('stores exactly one like message when the send stored it but its answer was lost', async () => {
  const site = await setupEvents();
  await site.control.injectFault({ method: 'POST', path: '/inbox/v2/messages', kind: 'drop-after' });
  const { eventId } = await site.like('post-1', { anonymousVisitorId: visitor(1) });
  const [failed] = await site.deliver();
  expect(failed!.result).toMatchObject({ status: 'failed' });
  expect(await likeTexts(site)).toEqual(['New like']); // stored although the handler saw a failure

  await site.redeliver(eventId);
  const before = await site.requestCount();
  const [retried] = (await site.deliver()).filter((d) => d.name === 'wixBlog_onPostLiked');
  expect(retried!.result).toMatchObject({ status: 'done', detail: expect.stringMatching(/earlier attempt/) });
  expect(await likeTexts(site)).toEqual(['New like']);
  // The claim was given back, so the redelivery knew to look (and found the message: no send).
  expect(await site.operationsSince(before)).toEqual([
    'data.insert 409', // the like's claim: taken
    'data.get 200', // ... and given back
    'data.insert 200', // the claim's next link: a retry
    'inbox.getOrCreateConversation 200',
    'inbox.listMessages 200', // the look for the earlier attempt's message
  ]);
});

it('does not charge the budget for redeliveries of a handled like', async () => {
  const site = await setupEvents();
  const { eventId } = await site.like('post-1', { anonymousVisitorId: visitor(1) });
  await site.deliver();
  for (let i = 0; i < 21; i++) await site.redeliver(eventId);
  const repeats = await site.deliver();
  expect(repeats.map((d) => status(d.result))).toEqual(Array(21).fill('duplicate'));

  await site.like('post-1', { anonymousVisitorId: visitor(2) });
  const [fresh] = await site.deliver();
  expect(fresh!.result).toMatchObject({ status: 'done' });
  expect(await likeTexts(site)).toEqual(['New like', 'New like']);
});

/** Runs the like-summary job's work as a backend instance would, at the site's clock. */
function runSummaries(site: Site, at = site.clock.now) {
  return site.asJob(() => sendDueLikeSummaries(at, automationConfig().blogLikes));
}

it('summarizes the likes past the budget: like messages and summary counts add up to the burst', async () => {
  const site = await setupEvents();
  for (let i = 0; i < 50; i++) await site.like('post-1', { anonymousVisitorId: visitor(i) });
  const burst = await site.deliver();
  expect(burst.filter((d) => status(d.result) === 'throttled')).toHaveLength(30);
  expect(await runSummaries(site)).toBe(0); // the window has not ended

  // The hour's window has ended: the scheduled job sends the summary of post-1, with no like needed.
  site.clock.now += 61 * 60_000;
  expect(await runSummaries(site)).toBe(1);

  const texts = await likeTexts(site);
  const messages = (await site.control.conversations()).flatMap((c) => c.messages) as unknown as StoredMessage[];
  const forPost1 = messages.filter((m) => m.content.minimal?.url.endsWith('/post-1'));
  const likes = forPost1.filter((m) => m.content.minimal!.text === 'New like').length;
  const summaries = forPost1.map((m) => /^(\d+) more people liked this post$/.exec(m.content.minimal!.text));
  expect(summaries.filter(Boolean)).toHaveLength(1);
  expect(likes).toBe(20);
  expect(likes + summaries.reduce((sum, match) => sum + (match ? Number(match[1]) : 0), 0)).toBe(50);
  expect(texts.filter((t) => t === '30 more people liked this post')).toHaveLength(1);

  // Later runs do not send the summary again.
  site.clock.now += 60 * 60_000;
  expect(await runSummaries(site)).toBe(0);
  expect((await likeTexts(site)).filter((t) => t.includes('more people'))).toHaveLength(1);
});

it('sends one summary per post per window when two backend instances run the job at once', async () => {
  const site = await setupEvents();
  for (let i = 0; i < 26; i++) await site.like(`post-${i % 2}`, { anonymousVisitorId: visitor(i) });
  await site.deliver(); // 20 like messages; 6 counted, 3 per post
  site.clock.now += 61 * 60_000;
  for (let i = 26; i < 30; i++) await site.like('post-0', { anonymousVisitorId: visitor(i) });
  await site.deliver(); // a new minute: 4 more like messages, none counted

  const [first, second] = await Promise.all([runSummaries(site), runSummaries(site)]);
  expect(first! + second!).toBe(2);
  expect((await likeTexts(site)).filter((t) => t.includes('more people')).sort()).toEqual([
    '3 more people liked this post',
    '3 more people liked this post',
  ]);
});

it('sends a summary whose answer was lost once: the next run finds it instead of sending again', async () => {
  const site = await setupEvents();
  for (let i = 0; i < 21; i++) await site.like('post-1', { anonymousVisitorId: visitor(i) });
  await site.deliver();
  site.clock.now += 61 * 60_000;
  await site.control.injectFault({ method: 'POST', path: '/inbox/v2/messages', kind: 'drop-after' });
  expect(await runSummaries(site)).toBe(0); // stored, but the job saw a failure and gave the claim back
  expect((await likeTexts(site)).filter((t) => t.includes('more'))).toEqual(['1 more person liked this post']);

  const before = await site.requestCount();
  expect(await runSummaries(site)).toBe(1);
  expect((await likeTexts(site)).filter((t) => t.includes('more'))).toEqual(['1 more person liked this post']);
  const operations = await site.operationsSince(before);
  expect(operations).toContain('inbox.listMessages 200');
  expect(operations).not.toContain('inbox.sendMessage 200');
});

it('logs a failed summary, and says so when its claim could not be given back and no later run will send it', async () => {
  const site = await setupEvents();
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  for (let i = 0; i < 21; i++) await site.like('post-1', { anonymousVisitorId: visitor(i) });
  await site.deliver();
  site.clock.now += 61 * 60_000;
  // The summary's send fails; so do the three attempts to give its claim back (an insert, made after the
  // claim's own insert: the fault is set once the send is under way).
  await site.control.fault('POST', '/inbox/v2/messages', 503);
  const fetch = site.emulator.fetch;
  site.emulator.fetch = async (request) => {
    const path = new URL(request.url).pathname;
    if (path === '/inbox/v2/messages') await site.control.fault('POST', '/wix-data/v2/items', 503, 3);
    return fetch.call(site.emulator, request);
  };
  expect(await runSummaries(site)).toBe(0);
  site.emulator.fetch = fetch;
  const failures = logged.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('like summary'));
  expect(failures.map((line) => JSON.parse(line) as unknown)).toEqual([
    {
      source: 'inbox-connector',
      handler: 'like summary',
      key: expect.stringMatching(/^likesum:post-1:/),
      status: 'failed',
      detail:
        'Error (status 503); not given back, so no later run sends it: ' +
        'Error: Injected fault: 503 for POST /wix-data/v2/items.',
    },
  ]);
  // As it says: the summary stays claimed.
  expect(await runSummaries(site)).toBe(0);
  expect((await likeTexts(site)).filter((t) => t.includes('more'))).toEqual([]);
});

it('gives no budget back for a redelivered like that was counted, not sent', async () => {
  const site = await setupEvents();
  for (let i = 0; i < 21; i++) await site.like('post-1', { anonymousVisitorId: visitor(i) });
  const [counted] = (await site.deliver()).filter((d) => status(d.result) === 'throttled');
  expect(counted).toBeDefined();
  // Its redelivery is a duplicate; it had taken no budget, so it gives none back.
  await site.redeliver(counted!.eventId);
  expect((await site.deliver()).map((d) => status(d.result))).toEqual(['duplicate']);

  await site.like('post-1', { anonymousVisitorId: visitor(21) });
  const [next] = await site.deliver();
  expect(status(next!.result)).toBe('throttled'); // still the same minute: the budget of 20 is spent
  expect((await likeTexts(site)).filter((t) => t === 'New like')).toHaveLength(20);
});

it('counts the likes of one window in one summary, however far apart they came in it', async () => {
  const site = await setupEvents(); // the clock starts on the hour: one summary window (an hour) begins
  const statuses: string[] = [];
  for (const minute of [0, 30]) {
    site.clock.now += minute * 60_000;
    for (let i = 0; i < 21; i++) await site.like('post-1', { anonymousVisitorId: visitor(minute * 100 + i) });
    statuses.push(...(await site.deliver()).map((d) => status(d.result)));
  }
  expect(statuses.filter((s) => s === 'throttled')).toHaveLength(2); // one past the budget each time

  site.clock.now += 31 * 60_000; // the window has ended
  expect(await runSummaries(site)).toBe(1);
  expect((await likeTexts(site)).filter((t) => t.includes('more'))).toEqual(['2 more people liked this post']);
});

it('counts every counted like of a window, past the 1,000 items Wix Data gives in one page', async () => {
  const site = await setupEvents();
  const config = automationConfig().blogLikes;
  // 1,001 counted likes, stored as the like handler stores them (a claim carrying its summary fields):
  // faster than 1,001 like events, and the same items.
  const insert = auth.elevate(items.insert);
  await site.asJob(async () => {
    for (let i = 0; i < 1001; i++) {
      await insert(CLAIMS_COLLECTION, {
        _id: `like:post-1:visitor:${visitor(i)}`, // the like claim's first link
        summaryPostId: 'post-1',
        summaryWindow: windowOf(site.clock.now, config),
        summaryLiker: { anonymousVisitorId: visitor(i) },
      });
    }
  });
  site.clock.now += 61 * 60_000;
  expect(await runSummaries(site)).toBe(1);
  expect((await likeTexts(site)).filter((t) => t.includes('more'))).toEqual(['1001 more people liked this post']);
});
