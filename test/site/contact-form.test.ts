import * as inbox from 'backend/inbox.web';
import { setupSite } from '../support/site';

const validForm = {
  firstName: 'Cara',
  lastName: 'Diaz',
  email: 'cara@example.com',
  message: 'Do you ship to Portugal?',
  subscribeNewsletter: true,
};

it('stores a visitor submission as a FORM message to the business in the contact conversation', async () => {
  const site = await setupSite();
  const result = await site.call(inbox, 'submitContactForm', [validForm], 'visitor');
  expect(result).toEqual({ ok: true, value: { received: true } });
  const [conversation] = await site.control.conversations();
  expect(conversation!.participant).toEqual({ contactId: expect.any(String) });
  const [form, ack] = conversation!.messages as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(form.direction).toBe('PARTICIPANT_TO_BUSINESS');
  expect(form.visibility).toBe('BUSINESS');
  expect(form.content.form.fields).toContainEqual({ name: 'Message', value: 'Do you ship to Portugal?' });
  expect(form.sender).toEqual({ contactId: conversation!.participant.contactId });
  expect(ack.direction).toBe('BUSINESS_TO_PARTICIPANT');
});

it('uses the minimum API calls for a new visitor: member lookup, contact, conversation, send, acknowledgement', async () => {
  const site = await setupSite();
  await site.call(inbox, 'submitContactForm', [validForm], 'visitor');
  const operations = (await site.control.requests()).map((r) => r.operation);
  expect(operations).toEqual([
    'members.getCurrentMember',
    'contacts.appendOrCreateContact',
    'inbox.getOrCreateConversation', // new: nothing in it to count for the rate limit
    'inbox.sendMessage',
    'inbox.sendMessage',
  ]);
});

it('refuses a visitor who uses a member email, and stores nothing', async () => {
  const site = await setupSite();
  const result = await site.call(inbox, 'submitContactForm', [{ ...validForm, email: 'ann@example.com' }], 'visitor');
  expect(result).toMatchObject({ ok: false, error: { code: 'LOGIN_REQUIRED' } });
  expect((await site.control.conversations()).flatMap((c) => c.messages)).toHaveLength(0);
});

it('rejects bad input with field errors and stores nothing', async () => {
  const site = await setupSite();
  const result = await site.call(inbox, 'submitContactForm', [{ ...validForm, email: 'nope', extra: 1 }], 'visitor');
  expect(result).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', fieldErrors: { email: expect.any(String), extra: expect.any(String) } },
  });
  expect(await site.control.requests()).toEqual([]);
});
