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
});
