import { inboxSettings } from 'backend/lib/settings';
import { setupBrowser } from './support';

const settings = inboxSettings.contactForm as { captchaRequired: boolean };

let env: Awaited<ReturnType<typeof setupBrowser>>;
beforeEach(async () => {
  settings.captchaRequired = true; // the playground runs in this process: it reads the same settings
  env = await setupBrowser();
});
afterEach(async () => {
  settings.captchaRequired = false;
  await env.close();
});

it('asks for the local captcha stand-in, then sends the form with its token and resets it', async () => {
  const page = await env.open('/contact');
  await page.fill('#firstName', 'Cara');
  await page.fill('#email', 'cara@example.com');
  await page.fill('#message', 'Do you ship to Portugal?');
  await page.click('#submitButton');
  await page.locator('#formError').waitFor({ state: 'visible' });
  expect(await page.textContent('#formError')).toBe('Please complete the captcha.');

  await page.check('#captchaBox');
  await page.waitForFunction(() => Boolean(document.getElementById('captcha')?.dataset['token']));
  await page.click('#submitButton');
  await page.locator('#successMessage').waitFor({ state: 'visible' });
  expect(await page.isChecked('#captchaBox')).toBe(false);
  const messages = (await env.control.conversations()).flatMap((c) => c.messages);
  expect(messages).toHaveLength(1);
});
