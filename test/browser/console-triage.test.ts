import { setupBrowser } from './support';

let env: Awaited<ReturnType<typeof setupBrowser>>;
beforeAll(async () => {
  env = await setupBrowser();
});
afterAll(async () => {
  await env.close();
});

const sendAsAnn = (text: string) =>
  env.post('/_webMethods/inbox.web/sendMemberMessage', [text], env.playground.session.identities.member.token);

it('counts unread messages per conversation, marks new ones, and clears the count when opened', async () => {
  await env.post('/_webMethods/inbox.web/submitContactForm', [
    { firstName: 'Cara', lastName: 'Diaz', email: 'cara@example.com', message: 'Do you ship to Portugal?' },
  ]);
  await sendAsAnn('Is my order on its way?');
  const page = await env.open('/console', 'admin');
  await page.locator('body[data-ready="true"]').waitFor();
  const row = (name: string) => page.locator('[data-testid="conversation"]').filter({ hasText: name });

  // Ann's conversation, newest, opens first; Cara's has not been opened: new, one unread message.
  await page.locator('#thread-title').filter({ hasText: 'Ann Lee' }).waitFor();
  expect(await row('Cara').locator('[data-testid="new"]').count()).toBe(1);
  expect(await row('Cara').locator('[data-testid="unread"]').textContent()).toBe('1');
  expect(await row('Ann Lee').locator('[data-testid="unread"]').count()).toBe(0);
  // The customer's words are the preview, not the site's automatic acknowledgement.
  expect(await row('Cara').locator('.conversation__preview').textContent()).toContain('Do you ship to Portugal?');
  expect(await row('Cara').textContent()).toContain('cara@example.com');

  // Open Cara's; a new message from Ann, who is no longer open, is unread.
  await row('Cara').locator('button').click();
  await page.locator('#thread-title').filter({ hasText: 'Cara' }).waitFor();
  expect(await row('Cara').locator('[data-testid="unread"]').count()).toBe(0);
  expect(await row('Cara').locator('[data-testid="new"]').count()).toBe(0);
  expect(await page.locator('[data-testid="participant-email"]').textContent()).toBe('cara@example.com');
  expect(await page.locator('[data-testid="participant-kind"]').textContent()).toBe('Contact');
  await sendAsAnn('Hello again');
  await row('Ann Lee').locator('[data-testid="unread"]').filter({ hasText: '1' }).waitFor();
  await sendAsAnn('Anyone there?');
  await row('Ann Lee').locator('[data-testid="unread"]').filter({ hasText: '2' }).waitFor();

  await row('Ann Lee').locator('button').click();
  await page.locator('#thread [data-testid="message"]').filter({ hasText: 'Anyone there?' }).waitFor();
  expect(await row('Ann Lee').locator('[data-testid="unread"]').count()).toBe(0);
});

it('simulates a blog like from the console: the like message and its event appear', async () => {
  const page = await env.open('/console', 'admin');
  await page.locator('body[data-ready="true"]').waitFor();
  await page.click('#simulate-like');
  await page.locator('#simulate-status').filter({ hasText: 'Blog like: sent.' }).waitFor();

  const event = page.locator('#events-log [data-testid="delivery"][data-event-name="wixBlog_onPostLiked"]').first();
  await event.waitFor();
  expect(await event.getAttribute('data-status')).toBe('done');
  await event.locator('summary').click();
  expect(await event.locator('[data-testid="payload"]').textContent()).toContain('postId');
  await page.locator('#thread [data-testid="message"][data-content-type="MINIMAL"]').first().waitFor();
});

it('hides skipped deliveries until asked, and links an Inbox event to its conversation', async () => {
  await sendAsAnn('One more thing');
  const page = await env.open('/console', 'admin');
  await page.locator('body[data-ready="true"]').waitFor();
  const skipped = page.locator('#events-log [data-testid="delivery"][data-status="skipped"]');
  await page.locator('#events-hidden').filter({ hasText: 'skipped hidden' }).waitFor();
  expect(await skipped.first().isVisible()).toBe(false);
  await page.check('#show-skipped');
  expect(await skipped.first().isVisible()).toBe(true);

  await page.locator('[data-testid="conversation"]').filter({ hasText: 'Cara' }).locator('button').click();
  await page.locator('#thread-title').filter({ hasText: 'Cara' }).waitFor();
  const annEvent = page
    .locator('#events-log [data-testid="delivery"][data-event-name="wixCrmInbox_onMessageSentToBusiness"]')
    .first();
  await annEvent.locator('[data-testid="open-conversation"]').click();
  await page.locator('#thread-title').filter({ hasText: 'Ann Lee' }).waitFor();
});
