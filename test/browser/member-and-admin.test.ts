import { setupBrowser } from './support';

let env: Awaited<ReturnType<typeof setupBrowser>>;
beforeEach(async () => {
  env = await setupBrowser();
});
afterEach(async () => {
  await env.close();
});

it('lets the member send a message and shows it in their thread', async () => {
  const page = await env.open('/member-messages', 'member');
  await page.locator('#thread').filter({ hasText: 'No messages yet.' }).waitFor();
  await page.fill('#memberMessage', 'Is my order on its way?');
  await page.click('#sendButton');
  await page.locator('#memberSuccess').waitFor({ state: 'visible' });
  await page.locator('#thread').filter({ hasText: 'You: Is my order on its way?' }).waitFor();
  expect(await page.inputValue('#memberMessage')).toBe('');
});

it('refuses an admin web method to a visitor, even called by hand from the page', async () => {
  const page = await env.open('/contact', 'visitor');
  const answer = await page.evaluate(async () => {
    const session = (await (await fetch('/_playground/session')).json()) as {
      identities: { visitor: { token: string } };
    };
    const response = await fetch('/_webMethods/inbox-admin.web/sendBasicMessage', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: session.identities.visitor.token },
      body: JSON.stringify([{ memberId: '00000000-0000-4000-8000-000000000001' }, { items: [{ text: 'hi' }] }]),
    });
    return { status: response.status, body: (await response.json()) as { code?: string } };
  });
  expect(answer).toEqual({ status: 403, body: expect.objectContaining({ code: 'FORBIDDEN' }) });
  expect(await env.control.conversations()).toEqual([]);
});

it('shows a visitor submission in the console, and an admin reply fires the participant event', async () => {
  const contact = await env.open('/contact', 'visitor');
  await contact.fill('#firstName', 'Cara');
  await contact.fill('#email', 'cara@example.com');
  await contact.fill('#message', 'Do you ship to Portugal?');
  await contact.click('#submitButton');
  await contact.locator('#successMessage').waitFor({ state: 'visible' });

  const console = await env.open('/console', 'admin');
  await console.locator('[data-testid="conversation"]').first().waitFor();
  await console.locator('#thread [data-testid="message"][data-content-type="FORM"]').waitFor();
  expect(await console.locator('#thread').textContent()).toContain('Do you ship to Portugal?');

  await console.fill('#composer-text', 'Yes, we ship to Portugal.');
  await console.click('#send-reply');
  await console
    .locator('#thread [data-testid="message"][data-direction="BUSINESS_TO_PARTICIPANT"]')
    .filter({ hasText: 'Yes, we ship to Portugal.' })
    .waitFor();
  await console
    .locator('#events-log [data-testid="delivery"][data-event-name="wixCrmInbox_onMessageSentToParticipant"]')
    .first()
    .waitFor();
});
