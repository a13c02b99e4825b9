import { setupBrowser } from './support';

let env: Awaited<ReturnType<typeof setupBrowser>>;
beforeEach(async () => {
  env = await setupBrowser();
});
afterEach(async () => {
  await env.close();
});

it('lets the admin pick Ann from the recipient picker and send her a template she then sees', async () => {
  const { identities } = env.playground.session;
  const page = await env.open('/admin-console', 'admin');
  const picker = page.locator('#recipientPicker');
  await page.waitForFunction(() => !(document.getElementById('recipientPicker') as HTMLSelectElement).disabled);
  expect(await picker.inputValue()).toBe('');
  expect(await page.locator('label[for="recipientPicker"]').textContent()).toBe('Choose a member or contact');

  await picker.selectOption({ label: 'Ann Lee (ann@example.com) · member' });
  expect(await page.inputValue('#recipientType')).toBe('member');
  expect(await page.inputValue('#recipientId')).toBe(identities.member.id);
  await page.fill('#templateTitle', 'Picked from the list');
  await page.click('#sendTemplateButton');
  await page.locator('#adminSuccess').filter({ hasText: 'Template message sent.' }).waitFor();

  const thread = await env.open('/member-messages', 'member');
  await thread.locator('#thread > li').filter({ hasText: 'Picked from the list' }).waitFor();
});
