import { setupBrowser } from './support';

let env: Awaited<ReturnType<typeof setupBrowser>>;
beforeEach(async () => {
  env = await setupBrowser();
});
afterEach(async () => {
  await env.close();
});

it('shows a legacy chat message sent via the control route under its channel, live, marked "Legacy chat"', async () => {
  const { identities } = env.playground.session;
  const { channel } = await env.post<{ channel: { id: string } }>('/_emulator/v1/chat/channels', {
    memberId: identities.member.id,
  });
  const page = await env.open('/console', 'admin');
  await page.locator('body[data-ready="true"]').waitFor();

  // Sent while the console is open: the live feed brings it in.
  await env.post('/_emulator/v1/chat/messages', {
    channelId: channel.id,
    text: 'Hello from the old chat widget',
    direction: 'VisitorToBusiness',
  });
  const row = page.locator(`#legacy-chat-list [data-channel-id="${channel.id}"]`);
  await row.locator('summary').filter({ hasText: 'Hello from the old chat widget' }).waitFor();
  expect(await row.locator('[data-testid="legacy-chat"]').textContent()).toBe('Legacy chat');
  expect(await row.locator('.conversation__name').textContent()).toBe('Ann Lee');
  // The Inbox list does not change: legacy chat is its own section.
  expect(await page.locator('#conversation-list [data-testid="conversation"]').count()).toBe(0);

  await row.locator('summary').click();
  const message = row.locator('[data-testid="chat-message"]');
  await message.first().waitFor();
  expect(await message.count()).toBe(1);
  expect(await message.locator('.chat-message__text').textContent()).toBe('Hello from the old chat widget');

  // A reply arrives: the channel stays open and shows both, in order.
  await env.post('/_emulator/v1/chat/messages', {
    channelId: channel.id,
    text: 'Hi Ann!',
    direction: 'BusinessToVisitor',
  });
  await message.nth(1).waitFor();
  expect(await message.locator('.chat-message__text').allTextContents()).toEqual([
    'Hello from the old chat widget',
    'Hi Ann!',
  ]);
});
