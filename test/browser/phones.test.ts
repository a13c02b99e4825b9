import { DESKTOP, PHONE, setupBrowser } from './support';

let env: Awaited<ReturnType<typeof setupBrowser>>;
beforeAll(async () => {
  env = await setupBrowser();
  // Two conversations, so that the console has a list to choose from.
  const { identities } = env.playground.session;
  await env.post('/_webMethods/inbox.web/sendMemberMessage', ['Is my order on its way?'], identities.member.token);
  await env.post('/_webMethods/inbox.web/submitContactForm', [
    { firstName: 'Cara', lastName: 'Diaz', email: 'cara@example.com', message: 'Do you ship to Portugal?' },
  ]);
});
afterAll(async () => {
  await env.close();
});

const PAGES = ['/', '/contact', '/member-messages', '/admin-console', '/console'];

it.each([
  ['desktop', DESKTOP],
  ['phone', PHONE],
])('no page scrolls sideways on a %s, misses a file or repeats its title', async (_name, viewport) => {
  const overflowing: string[] = [];
  const missing: string[] = [];
  const titles: string[] = [];
  for (const path of PAGES) {
    const page = await env.open(path, 'member', viewport);
    page.on('response', (response) => {
      // A missing file, not a refused web-method call (the admin page lists recipients as this member: 403).
      const refusedCall = response.status() === 403 && response.url().includes('/_webMethods/');
      if (response.status() >= 400 && !refusedCall) missing.push(`${response.status()} ${response.url()}`);
    });
    // Loaded again with the listener in place, so that every request of the page is seen.
    await page.reload({ waitUntil: 'load' });
    titles.push(await page.title());
    if (path === '/console') await page.locator('body[data-ready="true"]').waitFor();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, window: innerWidth }));
    if (widths.scroll > widths.window) overflowing.push(`${path}: ${widths.scroll} > ${widths.window}`);
    await page.close();
  }
  expect(overflowing).toEqual([]);
  expect(missing).toEqual([]);
  expect(titles.filter((title) => /^(.+) · \1$/.test(title))).toEqual([]);
});

it('lets a phone go from the conversation list to a thread, reply, and back', async () => {
  const page = await env.open('/console', 'admin', PHONE);
  await page.locator('body[data-ready="true"]').waitFor();
  const list = page.locator('#conversation-list');
  const thread = page.locator('#thread');
  expect(await list.isVisible()).toBe(true);
  expect(await thread.isVisible()).toBe(false);

  await page.locator('[data-testid="conversation"]').filter({ hasText: 'Cara' }).locator('button').click();
  await thread.locator('[data-testid="message"]').filter({ hasText: 'Do you ship to Portugal?' }).waitFor();
  expect(await list.isVisible()).toBe(false);
  // The reply box spans the screen, not a sliver of it.
  expect((await page.locator('#composer-text').boundingBox())!.width).toBeGreaterThan(300);
  await page.fill('#composer-text', 'Yes, we do.');
  await page.click('#send-reply');
  await thread.locator('[data-testid="message"]').filter({ hasText: 'Yes, we do.' }).waitFor();

  await page.click('#back-to-list');
  expect(await list.isVisible()).toBe(true);
  expect(await thread.isVisible()).toBe(false);
});

it('keeps an unsent reply with its own conversation', async () => {
  const page = await env.open('/console', 'admin');
  await page.locator('body[data-ready="true"]').waitFor();
  const open = async (name: string) => {
    await page.locator('[data-testid="conversation"]').filter({ hasText: name }).locator('button').click();
    await page.locator('#thread-title').filter({ hasText: name }).waitFor();
  };
  await open('Ann Lee');
  await page.fill('#composer-text', 'Half-written answer for Ann');
  await open('Cara');
  expect(await page.inputValue('#composer-text')).toBe('');
  await open('Ann Lee');
  expect(await page.inputValue('#composer-text')).toBe('Half-written answer for Ann');
});

it('blocks an empty reply with a plain-words message and sends nothing', async () => {
  const page = await env.open('/console', 'admin');
  await page.locator('body[data-ready="true"]').waitFor();
  const before = (await env.control.conversations()).flatMap((c) => c.messages).length;
  await page.fill('#composer-text', '   ');
  await page.click('#send-reply');
  await page.locator('#composer-error').filter({ hasText: 'Write a message first.' }).waitFor();
  expect(await page.locator('#composer-error').textContent()).not.toContain('INVALID_ARGUMENT');
  expect((await env.control.conversations()).flatMap((c) => c.messages)).toHaveLength(before);
});
