import { setupBrowser } from './support';

let env: Awaited<ReturnType<typeof setupBrowser>>;
beforeEach(async () => {
  env = await setupBrowser();
});
afterEach(async () => {
  await env.close();
});

async function storedMessages() {
  const conversations = await env.control.conversations();
  return conversations.flatMap((c) => c.messages as { content: { contentType: string } }[]);
}

it('sends the contact form from a real browser and shows the success state', async () => {
  const page = await env.open('/contact');
  await page.fill('#firstName', 'Cara');
  await page.fill('#lastName', 'Diaz');
  await page.fill('#email', 'cara@example.com');
  await page.fill('#message', 'Do you ship to Portugal?');
  await page.check('#subscribeNewsletter');
  await page.click('#submitButton');
  await page.locator('#successMessage').waitFor({ state: 'visible' });
  expect(await page.textContent('#successMessage')).toContain('Thank you');
  expect(await page.isChecked('#subscribeNewsletter')).toBe(false);
  expect((await storedMessages()).map((m) => m.content.contentType)).toEqual(['FORM']);
});

it('shows inline errors for invalid input and stores nothing', async () => {
  const page = await env.open('/contact');
  await page.fill('#email', 'not-an-email');
  await page.click('#submitButton');
  await page.locator('#emailError').waitFor({ state: 'visible' });
  expect(await page.textContent('#emailError')).toBe('Email must be an email address');
  expect(await page.textContent('#firstNameError')).toBe('First name is required');
  expect(await storedMessages()).toEqual([]);

  // Tied to the inputs for assistive technology, focus on the first, cleared once corrected.
  expect(await page.getAttribute('#firstName', 'aria-invalid')).toBe('true');
  expect(await page.getAttribute('#firstName', 'aria-describedby')).toBe('firstNameError');
  expect(await page.getAttribute('#lastName', 'aria-invalid')).toBeNull();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('firstName');
  await page.fill('#firstName', 'Cara');
  await page.locator('#firstNameError').waitFor({ state: 'hidden' });
  expect(await page.getAttribute('#firstName', 'aria-invalid')).toBeNull();
  expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
});

it('does not send an admin template with only a recipient', async () => {
  const page = await env.open('/admin-console', 'admin');
  await page.fill('#recipientId', env.playground.session.identities.member.id);
  await page.click('#sendTemplateButton');
  await page.locator('#templateTitleError').waitFor({ state: 'visible' });
  expect(await page.textContent('#templateTitleError')).toBe('Add a title, a text line, an image or a button');
  expect(await page.getAttribute('#templateTitle', 'aria-invalid')).toBe('true');
  expect(await page.locator('label[for="recipientId"]').textContent()).toContain('Member or contact id');
  expect(await storedMessages()).toEqual([]);
});
