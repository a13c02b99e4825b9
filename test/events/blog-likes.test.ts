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

it('bounds the API calls of a burst of 500 likes', async () => {
  const site = await setupEvents();
  for (let i = 0; i < 500; i++) {
    await site.like(`post-${i % 5}`, { anonymousVisitorId: `7f000000-0000-4000-8000-${String(i).padStart(12, '0')}` });
  }
  const before = (await site.control.requests()).length;
  const deliveries = await site.deliver();
  const calls = (await site.control.requests()).length - before;
  const statuses = deliveries.map((d) => (d.result as { status: string }).status);
  expect(statuses.filter((s) => s === 'done')).toHaveLength(20);
  expect(statuses.filter((s) => s === 'throttled')).toHaveLength(480);
  // Each sent like costs a claim, a conversation and a send; throttled likes cost nothing.
  expect(calls).toBe(60);
});
