import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PHONE, setupBrowser } from './support';

/**
 * `UPDATE_SCREENSHOTS=1 npx jest test/browser/screenshots.test.ts` refreshes the README's pictures;
 * other runs take them into a temporary folder, so a test run leaves the working tree clean.
 */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', '..', 'docs', 'screenshots')
  : mkdtempSync(join(tmpdir(), 'screenshots-'));

let env: Awaited<ReturnType<typeof setupBrowser>>;
beforeEach(async () => {
  env = await setupBrowser();
});
afterEach(async () => {
  await env.close();
});

it('takes the README screenshots: contact form errors, the console on a desktop and a phone, the member thread', async () => {
  const { identities } = env.playground.session;
  const contact = await env.open('/contact');
  await contact.fill('#firstName', 'Cara');
  await contact.fill('#lastName', 'Diaz');
  await contact.fill('#email', 'cara@example');
  await contact.fill('#message', 'Do you ship to Portugal? I would like to order two of the blue ones.');
  await contact.click('#submitButton');
  await contact.locator('#emailError').waitFor({ state: 'visible' });
  await contact.screenshot({ path: join(SCREENSHOTS, 'contact.png'), fullPage: true });

  // A member's conversation with a form, a template reply, a basic reply and a blog-like message.
  await contact.fill('#email', 'cara@example.com');
  await contact.click('#submitButton');
  await contact.locator('#successMessage').waitFor({ state: 'visible' });
  await env.post(
    '/_webMethods/inbox.web/submitContactForm',
    [{ firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', message: 'Can I change my delivery date?' }],
    identities.member.token,
  );
  await env.post(
    '/_webMethods/inbox-admin.web/sendTemplateMessage',
    [
      { memberId: identities.member.id },
      {
        title: 'Your delivery',
        textLines: ['Pick a new date below.', 'We deliver Monday to Friday.'],
        imageUrl: `${env.playground.url}/_playground/sample-image.svg`,
        buttons: [
          { label: 'Choose a date', launchUrl: 'https://www.example.com/delivery' },
          { label: 'Call me', interactionId: 'call-back' },
        ],
      },
    ],
    identities.admin.token,
  );
  await env.post('/_emulator/v1/blog/likes', { postId: 'spring-collection', memberId: identities.member.id });
  await env.playground.deliverEvents();

  const console = await env.open('/console', 'admin');
  const thread = console.locator('#thread');
  await console.locator('[data-testid="conversation"]').first().waitFor();
  await thread.locator('[data-testid="message"][data-content-type="MINIMAL"]').waitFor();
  const types = await thread
    .locator('[data-testid="message"]')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-content-type')));
  expect(new Set(types)).toEqual(new Set(['FORM', 'BASIC', 'TEMPLATE', 'MINIMAL']));
  await console.locator('#events-log [data-testid="delivery"]:not([hidden])').first().waitFor();
  await console.screenshot({ path: join(SCREENSHOTS, 'console.png') });

  // The member's side of the same conversation: one repeater item per message.
  await env.post(
    '/_webMethods/inbox.web/sendMemberMessage',
    ['Thanks! Friday works.\nCould you ring the bell twice?'],
    identities.member.token,
  );
  const member = await env.open('/member-messages', 'member', PHONE);
  await member.locator('#thread > li').filter({ hasText: 'ring the bell' }).waitFor();
  await member
    .locator('#thread img[data-velo-id="messageImage"]:not([hidden])')
    .evaluate((img) => (img as HTMLImageElement).decode());
  await member.screenshot({ path: join(SCREENSHOTS, 'member-thread.png'), fullPage: true });

  // The console on a phone: the list, then a thread.
  const phone = await env.open('/console', 'admin', PHONE);
  await phone.locator('body[data-ready="true"]').waitFor();
  await phone.locator('[data-testid="conversation"]').filter({ hasText: 'Ann Lee' }).locator('button').click();
  await phone.locator('#thread [data-testid="message"]').filter({ hasText: 'ring the bell' }).waitFor();
  await phone.screenshot({ path: join(SCREENSHOTS, 'console-phone.png') });

  for (const name of ['contact.png', 'console.png', 'member-thread.png', 'console-phone.png'])
    expect(statSync(join(SCREENSHOTS, name)).size).toBeGreaterThan(10_000);
}, 90_000);
