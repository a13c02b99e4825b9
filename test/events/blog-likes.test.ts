import { setupEvents } from '../support/events';

const VISITOR = '7f000000-0000-4000-8000-000000000001';

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
  const before = (await site.control.requests()).length;
  const deliveries = await site.deliver();
  const calls = (await site.control.requests()).length - before;
  const statuses = deliveries.filter((d) => d.name === 'wixBlog_onPostLiked').map((d) => status(d.result));
  expect(statuses.filter((s) => s === 'done')).toHaveLength(20);
  expect(statuses.filter((s) => s === 'throttled')).toHaveLength(480);
  // A sent like: claim, conversation, the look for an earlier attempt, send. A counted like: its
  // claim. One look for ended summary windows (none yet).
  expect(calls).toBe(20 * 4 + 480 + 1);
});

it('stores exactly one like message when the send stored it but its answer was lost', async () => {
  const site = await setupEvents();
  await site.control.injectFault({ method: 'POST', path: '/inbox/v2/messages', kind: 'drop-after' });
  const { eventId } = await site.like('post-1', { anonymousVisitorId: visitor(1) });
  const [failed] = await site.deliver();
  expect(failed!.result).toMatchObject({ status: 'failed' });
  expect(await likeTexts(site)).toEqual(['New like']); // stored although the handler saw a failure

  await site.redeliver(eventId);
  const [retried] = (await site.deliver()).filter((d) => d.name === 'wixBlog_onPostLiked');
  expect(retried!.result).toMatchObject({ status: 'done', detail: expect.stringMatching(/earlier attempt/) });
  expect(await likeTexts(site)).toEqual(['New like']);
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

it('summarizes the likes past the budget: like messages and summary counts add up to the burst', async () => {
  const site = await setupEvents();
  for (let i = 0; i < 50; i++) await site.like('post-1', { anonymousVisitorId: visitor(i) });
  const burst = await site.deliver();
  expect(burst.filter((d) => status(d.result) === 'throttled')).toHaveLength(30);

  // The hour's window has ended: the next like (another post) sends the summary of post-1.
  site.clock.now += 61 * 60_000;
  await site.like('post-2', { anonymousVisitorId: visitor(99) });
  const [next] = await site.deliver();
  expect(next!.result).toMatchObject({ status: 'done', detail: expect.stringMatching(/1 like summary sent/) });

  const texts = await likeTexts(site);
  const messages = (await site.control.conversations()).flatMap((c) => c.messages) as unknown as StoredMessage[];
  const forPost1 = messages.filter((m) => m.content.minimal?.url.endsWith('/post-1'));
  const likes = forPost1.filter((m) => m.content.minimal!.text === 'New like').length;
  const summaries = forPost1.map((m) => /^(\d+) more people liked this post$/.exec(m.content.minimal!.text));
  expect(summaries.filter(Boolean)).toHaveLength(1);
  expect(likes).toBe(20);
  expect(likes + summaries.reduce((sum, match) => sum + (match ? Number(match[1]) : 0), 0)).toBe(50);
  expect(texts.filter((t) => t === '30 more people liked this post')).toHaveLength(1);

  // Later passes do not send the summary again.
  site.clock.now += 2 * 60_000;
  await site.like('post-3', { anonymousVisitorId: visitor(98) });
  await site.deliver();
  expect((await likeTexts(site)).filter((t) => t.includes('more people'))).toHaveLength(1);
});
