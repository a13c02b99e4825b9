import { PLAYGROUND_FORM } from '../../local/playground/html';
import { setupBrowser } from './support';

let env: Awaited<ReturnType<typeof setupBrowser>>;
beforeEach(async () => {
  env = await setupBrowser();
});
afterEach(async () => {
  await env.close();
});

it('a Wix Forms submission on the playground page appears in the Inbox console as a FORM message', async () => {
  const page = await env.open('/', 'visitor');
  await page.click('a[href="/wix-forms"] >> nth=-1');
  await page.fill('#wf-first_name_1', 'Nia');
  await page.fill('#wf-email_4f2a', 'nia@example.com');
  await page.selectOption('#wf-topic_1', 'Shipping');
  await page.fill('#wf-message_1', 'Can you deliver on Saturday?');
  await page.check('input[name="newsletter_1"]');
  await page.click('#wixFormSubmit');
  await page.locator('#wixFormSuccess').waitFor({ state: 'visible' });

  const [event] = (await env.control.events()).filter((e) => e.name === 'wixForms_onSubmissionCreated');
  expect(event!.payload.entity).toMatchObject({
    formId: PLAYGROUND_FORM.id,
    submitter: { visitorId: expect.any(String) },
    submissions: {
      first_name_1: 'Nia',
      email_4f2a: 'nia@example.com',
      topic_1: 'Shipping',
      message_1: 'Can you deliver on Saturday?',
      newsletter_1: true,
    },
  });

  const console = await env.open('/console', 'admin');
  await console.locator('[data-testid="conversation"]').first().waitFor();
  const message = console.locator('#thread [data-testid="message"][data-content-type="FORM"]');
  await message.waitFor();
  const text = await message.textContent();
  expect(text).toContain('Wix Forms submission');
  expect(text).toContain('Can you deliver on Saturday?');
  expect(text).toContain('email_4f2a');
  await console
    .locator('#events-log [data-testid="delivery"][data-event-name="wixForms_onSubmissionCreated"]')
    .first()
    .waitFor();
});

it('refuses a submission without an email in the browser and sends nothing', async () => {
  const page = await env.open('/wix-forms', 'visitor');
  await page.fill('#wf-message_1', 'No email given');
  await page.click('#wixFormSubmit');
  await page.locator('#wixFormError').waitFor({ state: 'visible' });
  expect(await env.control.events()).toEqual([]);
});

it('submits as the member when acting as the member, into the member conversation', async () => {
  const page = await env.open('/wix-forms', 'member');
  await page.fill('#wf-email_4f2a', 'ann@example.com');
  await page.fill('#wf-message_1', 'Member here');
  await page.click('#wixFormSubmit');
  await page.locator('#wixFormSuccess').waitFor({ state: 'visible' });
  await env.playground.deliverEvents();
  const conversations = await env.control.conversations();
  const memberId = env.playground.session.identities.member.id;
  expect(conversations.map((c) => c.participant)).toEqual([expect.objectContaining({ memberId })]);
});
