import { automationConfig, setupEvents } from '../support/events';

/* The blog-like settings a site may change: turned off, and an icon on the like message or none. */

beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

it('makes no API call and sends nothing when like messages are turned off', async () => {
  const site = await setupEvents({ config: automationConfig({ blogLikes: { enabled: false } }) });
  await site.like('post-1', { memberId: site.members.ann.id });
  const before = (await site.control.requests()).length;

  const [delivery] = await site.deliver();

  expect(delivery!.result).toMatchObject({ status: 'skipped', detail: 'blog like messages are turned off' });
  expect((await site.control.requests()).length).toBe(before);
  expect(await site.control.conversations()).toEqual([]);
});

it('puts the configured icon on the like message', async () => {
  const iconUrl = 'https://static.example.com/heart.png';
  const site = await setupEvents({ config: automationConfig({ blogLikes: { iconUrl } }) });
  await site.like('post-1', { memberId: site.members.ann.id });

  await site.deliver();

  const [conversation] = await site.control.conversations();
  expect(conversation!.messages).toEqual([
    expect.objectContaining({
      content: expect.objectContaining({
        minimal: { text: 'New like', url: 'https://www.example.com/post/post-1', iconUrl },
      }),
    }),
  ]);
});

it('sends the like message without an icon when the site sets none', async () => {
  const site = await setupEvents({ config: automationConfig({ blogLikes: { iconUrl: undefined } }) });
  await site.like('post-1', { memberId: site.members.ann.id });

  await site.deliver();

  const [conversation] = await site.control.conversations();
  expect(conversation!.messages).toEqual([
    expect.objectContaining({
      content: expect.objectContaining({ minimal: { text: 'New like', url: 'https://www.example.com/post/post-1' } }),
    }),
  ]);
});
