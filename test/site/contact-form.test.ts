import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { inboxSettings } from 'backend/lib/settings';
import { setupSite } from '../support/site';

const validForm = {
  firstName: 'Cara',
  lastName: 'Diaz',
  email: 'cara@example.com',
  message: 'Do you ship to Portugal?',
  subscribeNewsletter: true,
};

type Site = Awaited<ReturnType<typeof setupSite>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Stored = Record<string, any>;

const allMessages = async (site: Site) =>
  (await site.control.conversations()).flatMap(
    (c) => c.messages.map((m) => ({ ...m, participant: c.participant })) as Stored[],
  );

function contactRow(site: Site, email: string) {
  return site.emulator.context.db.prepare('SELECT * FROM contacts WHERE email = ?').get(email) as Stored | undefined;
}

it('stores a visitor submission as a business-only FORM message in the contact conversation, marked unverified', async () => {
  const site = await setupSite();
  const result = await site.call(inbox, 'submitContactForm', [validForm], 'visitor');
  expect(result).toEqual({ ok: true, value: { received: true } });
  const [conversation] = await site.control.conversations();
  expect(conversation!.participant).toEqual({ contactId: expect.any(String) });
  const [form, ...rest] = conversation!.messages as Stored[];
  expect(form!.direction).toBe('PARTICIPANT_TO_BUSINESS');
  expect(form!.visibility).toBe('BUSINESS');
  expect(form!.content.form.title).toBe(`${inboxSettings.contactForm.formTitle} (email not verified)`);
  expect(form!.content.form.fields).toEqual([
    { name: 'Sender', value: 'A visitor who is not logged in. The email was typed and is not verified.' },
    { name: 'First name', value: 'Cara' },
    { name: 'Last name', value: 'Diaz' },
    { name: 'Email (not verified)', value: 'cara@example.com' },
    { name: 'Message', value: 'Do you ship to Portugal?' },
    { name: 'Subscribe to newsletter', value: 'Yes' },
  ]);
  // Recorded by the site, not "sent by" the contact; and nothing written into the contact's thread.
  expect(form!.sender).toEqual({ appId: expect.any(String) });
  expect(rest).toEqual([]);
});

it('says "No" for a visitor who left the newsletter box unticked, and leaves out an empty last name', async () => {
  const site = await setupSite();
  const form = { ...validForm, lastName: '', subscribeNewsletter: false };
  expect(await site.call(inbox, 'submitContactForm', [form], 'visitor')).toMatchObject({ ok: true });
  const [stored] = await allMessages(site);
  expect(stored!.content.form.fields.slice(1)).toEqual([
    { name: 'First name', value: 'Cara' },
    { name: 'Email (not verified)', value: 'cara@example.com' },
    { name: 'Message', value: 'Do you ship to Portugal?' },
    { name: 'Subscribe to newsletter', value: 'No' },
  ]);
});

it('cuts a long configured title with its "(email not verified)" mark to the form title\'s 256 characters', async () => {
  const settings = inboxSettings.contactForm as { formTitle: string };
  const original = settings.formTitle;
  settings.formTitle = 'T'.repeat(250);
  try {
    const site = await setupSite();
    expect(await site.call(inbox, 'submitContactForm', [validForm], 'visitor')).toMatchObject({ ok: true });
    const [stored] = await allMessages(site);
    expect(stored!.content.form.title).toBe(`${'T'.repeat(250)} (emai`);
  } finally {
    settings.formTitle = original;
  }
});

it('sends a member no acknowledgement when the site turns it off, only the form', async () => {
  const acknowledgement = inboxSettings.contactForm.acknowledgement as { enabled: boolean };
  acknowledgement.enabled = false;
  try {
    const site = await setupSite();
    const form = { ...validForm, email: 'ann@example.com' };
    expect(await site.call(inbox, 'submitContactForm', [form], 'ann')).toMatchObject({ ok: true });
    const messages = await allMessages(site);
    expect(messages.map((m) => m.direction)).toEqual(['PARTICIPANT_TO_BUSINESS']);
  } finally {
    acknowledgement.enabled = true;
  }
});

it("counts only the site's earlier forms against a visitor's email, not the business's replies to that contact", async () => {
  const site = await setupSite();
  expect(await site.call(inbox, 'submitContactForm', [validForm], 'visitor')).toMatchObject({ ok: true });
  const contactId = contactRow(site, 'cara@example.com')!.id as string;
  for (let i = 0; i < 6; i++) {
    const reply = [{ contactId }, { items: [{ text: `Reply ${i}` }] }];
    expect(await site.call(admin, 'sendBasicMessage', reply, 'admin')).toMatchObject({ ok: true });
  }
  expect(await site.call(inbox, 'submitContactForm', [validForm], 'visitor')).toEqual({
    ok: true,
    value: { received: true },
  });
});

it('cuts the preview of a long acknowledgement to 256 characters, keeping its whole text', async () => {
  const acknowledgement = inboxSettings.contactForm.acknowledgement as { text: string };
  const original = acknowledgement.text;
  acknowledgement.text = 'Thanks! '.repeat(40).trim();
  try {
    const site = await setupSite();
    const form = { ...validForm, email: 'ann@example.com' };
    expect(await site.call(inbox, 'submitContactForm', [form], 'ann')).toMatchObject({ ok: true });
    const ack = (await allMessages(site)).find((m) => m.direction === 'BUSINESS_TO_PARTICIPANT');
    expect(ack?.content.previewText).toBe(acknowledgement.text.slice(0, 256));
    expect(ack?.content.basic.items).toEqual([{ text: acknowledgement.text }]);
  } finally {
    acknowledgement.text = original;
  }
});

it("never changes an existing contact's name from a public form", async () => {
  const site = await setupSite();
  const app = await site.control.token('APP');
  // A contact that exists with an email only (no name yet): Wix's append-or-create would fill the name in.
  await site.emulator.fetch(
    new Request('http://emulator.test/contacts/v4/contact-submit', {
      method: 'POST',
      headers: { authorization: app.token },
      body: JSON.stringify({ info: { emails: { items: [{ email: 'dana@example.com' }] } } }),
    }),
  );
  const before = contactRow(site, 'dana@example.com');
  await site.call(
    inbox,
    'submitContactForm',
    [{ ...validForm, email: 'dana@example.com', firstName: 'Mallory' }],
    'visitor',
  );
  expect(contactRow(site, 'dana@example.com')).toEqual(before);
  expect(before).toMatchObject({ first_name: null, last_name: null });
});

it('creates a new contact from the email alone: typed names stay in the message, not on the contact', async () => {
  const site = await setupSite();
  await site.call(inbox, 'submitContactForm', [validForm], 'visitor');
  expect(contactRow(site, 'cara@example.com')).toMatchObject({ first_name: null, last_name: null });
});

it('uses the minimum API calls for a new visitor: member lookup, budget place, contact, conversation, send', async () => {
  const site = await setupSite();
  await site.call(inbox, 'submitContactForm', [validForm], 'visitor');
  const operations = (await site.control.requests()).map((r) => r.operation);
  expect(operations).toEqual([
    'members.getCurrentMember',
    'data.insert', // a place in the site-wide visitor budget
    'contacts.appendOrCreateContact',
    'inbox.getOrCreateConversation', // new: nothing in it to count for the rate limit
    'inbox.sendMessage', // no acknowledgement: a typed email is not proof
  ]);
});

it("answers a visitor using a member's email exactly as any visitor, and marks the message for the business", async () => {
  const site = await setupSite();
  const asMember = await site.call(inbox, 'submitContactForm', [{ ...validForm, email: 'ann@example.com' }], 'visitor');
  const asOther = await site.call(inbox, 'submitContactForm', [validForm], 'visitor');
  expect(asMember).toEqual(asOther);
  const inAnns = (await allMessages(site)).filter((m) => m.participant.memberId === site.members.ann.id);
  expect(inAnns).toHaveLength(1);
  expect(inAnns[0]).toMatchObject({ visibility: 'BUSINESS', sender: { appId: expect.any(String) } });
  expect(inAnns[0]!.content.form.fields[0]).toEqual({
    name: 'Sender',
    value:
      "Sent by a visitor using a member's email, not logged in. The member has not confirmed it and does not see it.",
  });
  expect(await site.call(inbox, 'getMyMessages', [], 'ann')).toEqual({ ok: true, value: [] });
});

it("does not let strangers' forms naming a member's email lock that member out once logged in", async () => {
  const site = await setupSite();
  const { maxMessages } = inboxSettings.contactForm.rateLimit;
  const flood = [];
  for (let i = 0; i <= maxMessages; i++) {
    flood.push(await site.call(inbox, 'submitContactForm', [{ ...validForm, email: 'ann@example.com' }], 'visitor'));
  }
  expect(flood.at(-1)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  // Ann logs in: her own allowance is untouched.
  for (let i = 0; i < maxMessages; i++) {
    expect(await site.call(inbox, 'submitContactForm', [validForm], 'ann')).toEqual({
      ok: true,
      value: { received: true },
    });
  }
  expect(await site.call(inbox, 'submitContactForm', [validForm], 'ann')).toMatchObject({
    ok: false,
    error: { code: 'RATE_LIMITED' },
  });
});

it('refuses an email hiding a zero-width or control character with a field error, and calls nothing', async () => {
  const site = await setupSite();
  for (const email of [
    'ann@example.com\u200b',
    'ann\u200d@example.com',
    '\ufeffann@example.com',
    'ann@exa\u0000mple.com',
  ]) {
    const result = await site.call(inbox, 'submitContactForm', [{ ...validForm, email }], 'visitor');
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        fieldErrors: { email: expect.stringMatching(/invisible or control characters/) },
      },
    });
  }
  expect(await site.control.requests()).toEqual([]);
});

it('normalizes a look-alike email (NFKC, domain case) to the one contact it stands for', async () => {
  const site = await setupSite();
  await site.call(inbox, 'submitContactForm', [{ ...validForm, email: 'ｃａｒａ@EXAMPLE.com' }], 'visitor');
  await site.call(inbox, 'submitContactForm', [{ ...validForm, email: ' cara@Example.COM ' }], 'visitor');
  const conversations = await site.control.conversations();
  expect(conversations).toHaveLength(1);
  const emails = (conversations[0]!.messages as Stored[]).map(
    (m) => m.content.form.fields.find((f: Stored) => f.name === 'Email (not verified)').value,
  );
  expect(emails).toEqual(['cara@example.com', 'cara@example.com']);
});

it('keeps plus-addressing by default, and folds it into one contact when the owner turns removePlusTag on', async () => {
  const site = await setupSite();
  const settings = inboxSettings.contactForm as { removePlusTag: boolean };
  await site.call(inbox, 'submitContactForm', [{ ...validForm, email: 'cara+shop@example.com' }], 'visitor');
  expect(contactRow(site, 'cara+shop@example.com')).toBeDefined();
  settings.removePlusTag = true;
  try {
    await site.call(inbox, 'submitContactForm', [{ ...validForm, email: 'cara+news@example.com' }], 'visitor');
  } finally {
    settings.removePlusTag = false;
  }
  expect(contactRow(site, 'cara+news@example.com')).toBeUndefined();
  expect(contactRow(site, 'cara@example.com')).toBeDefined();
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
