import { setupEvents } from '../support/events';
import { FORM, OTHER_FORM, setupForms as setup, statusOf, visitorSubmission, type Outcome } from '../support/wix-forms';
import { MORE_FIELDS_NAME, TRUNCATED_MARK } from 'backend/automations/form-fields';

/* eslint-disable @typescript-eslint/no-explicit-any */

it('turns a member submission into one FORM message in the member conversation, keys as written', async () => {
  const site = await setup();
  const { ann } = site.members;
  await site.submitForm({
    formId: FORM,
    submissions: {
      first_name_1: 'Ann',
      message_1: 'Hello',
      newsletter: true,
      terms: false,
      colours: ['Red', 'Blue'],
      address: { city: 'Lisbon' },
      phone: null,
    },
    submitter: { memberId: ann.id },
  });
  const [delivery] = await site.deliver();
  expect(delivery!.result).toMatchObject({ status: 'done' });
  const [message, ...others] = await site.formMessages();
  expect(others).toHaveLength(0);
  expect(message).toMatchObject({
    participant: { memberId: ann.id },
    direction: 'PARTICIPANT_TO_BUSINESS',
    visibility: 'BUSINESS',
    sender: { memberId: ann.id },
    content: {
      form: {
        title: 'Wix Forms submission',
        fields: [
          { name: 'first_name_1', value: 'Ann' },
          { name: 'message_1', value: 'Hello' },
          { name: 'newsletter', value: 'Yes' },
          { name: 'terms', value: 'No' },
          { name: 'colours', value: 'Red, Blue' },
          { name: 'address', value: '{"city":"Lisbon"}' },
          { name: 'phone', value: '' },
        ],
      },
    },
  });
});

it("sends a member's submission without looking for an earlier copy: the claim proved none was sent", async () => {
  const site = await setup();
  await site.submitForm({
    formId: FORM,
    submissions: { message_1: 'Hello' },
    submitter: { memberId: site.members.ann.id },
  });
  const before = (await site.control.requests()).length;
  expect((await site.deliver()).map(statusOf)).toEqual(['done']);
  const operations = (await site.control.requests()).slice(before).map((r) => `${r.operation} ${r.status}`);
  expect(operations).toEqual(['data.insert 200', 'inbox.getOrCreateConversation 200', 'inbox.sendMessage 200']);
});

it('uses the configured title and field labels of a form', async () => {
  const site = await setup({ perForm: { [FORM]: { title: 'Quote request', labels: { email_1: 'Email' } } } });
  await site.submitForm(visitorSubmission({ email_1: 'dan@example.com', budget: 1200 }));
  await site.deliver();
  const [message] = await site.formMessages();
  expect(message.content.form).toEqual({
    title: 'Quote request',
    fields: [
      { name: 'Email', value: 'dan@example.com' },
      { name: 'budget', value: '1200' },
    ],
    media: [],
  });
});

it('creates a contact from the email field of a visitor submission, then finds the same contact again', async () => {
  const site = await setup();
  await site.submitForm(visitorSubmission({ first_name: 'Dan', email_4f2a: 'dan@example.com' }));
  await site.submitForm(visitorSubmission({ email_4f2a: 'DAN@example.com', note: 'second' }));
  expect((await site.deliver()).map(statusOf)).toEqual(['done', 'done']);
  const conversations = await site.control.conversations();
  expect(conversations).toHaveLength(1);
  expect(conversations[0]!.participant).toEqual({ contactId: expect.any(String) });
  const messages = await site.formMessages();
  expect(messages.map((m) => m.sender)).toEqual([
    { contactId: conversations[0]!.participant.contactId },
    { contactId: conversations[0]!.participant.contactId },
  ]);
  const operations = (await site.control.requests()).map((r) => r.operation);
  expect(operations.filter((o) => o === 'contacts.appendOrCreateContact')).toHaveLength(2);
});

it('writes a legacy wixCrm_onFormSubmit submission into the contact conversation, titled by the form name', async () => {
  const site = await setup();
  const { ann } = site.members;
  const contact = (
    await site.submitLegacyForm({ formName: 'Feedback Form', email: 'eve@example.com', submissionData: [] })
  ).body.event.contactId as string;
  await site.deliver(); // no fields: skipped
  await site.submitLegacyForm({
    formName: 'Feedback Form',
    contactId: contact,
    submissionData: [
      { fieldName: 'First Name', fieldValue: 'Eve' },
      { fieldName: 'Email', fieldValue: 'eve@example.com' },
    ],
    attachments: [{ name: 'flowers.jpg', type: 'IMAGE', url: 'wix:image://v1/68d3a9_1d.jpg/flowers.jpg' }],
  });
  expect((await site.deliver()).map(statusOf)).toEqual(['done']);
  const [message, ...others] = await site.formMessages();
  expect(others).toHaveLength(0);
  expect(message).toMatchObject({
    participant: { contactId: contact },
    sender: { contactId: contact },
    direction: 'PARTICIPANT_TO_BUSINESS',
    visibility: 'BUSINESS',
    content: {
      form: {
        title: 'Feedback Form',
        fields: [
          { name: 'First Name', value: 'Eve' },
          { name: 'Email', value: 'eve@example.com' },
          { name: 'Attachments', value: 'flowers.jpg: wix:image://v1/68d3a9_1d.jpg/flowers.jpg' },
        ],
      },
    },
  });
  expect(message.participant).not.toEqual({ memberId: ann.id });
});

it('sends one message for a redelivered submission event, new and legacy', async () => {
  const site = await setup();
  const { eventId } = (await site.submitForm(visitorSubmission({ email: 'fay@example.com' }))).body;
  const legacy = (
    await site.submitLegacyForm({
      formName: 'Contact',
      email: 'gus@example.com',
      submissionData: [{ fieldName: 'Message', fieldValue: 'Hi' }],
    })
  ).body;
  await site.deliver();
  await site.redeliver(eventId);
  await site.redeliver(legacy.eventId);
  expect((await site.deliver()).map(statusOf)).toEqual(['duplicate', 'duplicate']);
  expect(await site.formMessages()).toHaveLength(2);
});

it('stores one message when the send stored it but its answer was lost, new and legacy', async () => {
  const site = await setup();
  for (const path of ['/inbox/v2/messages', '/inbox/v2/messages']) {
    await site.control.injectFault({ method: 'POST', path, kind: 'drop-after' });
  }
  const { eventId } = (await site.submitForm(visitorSubmission({ email: 'hal@example.com' }))).body;
  const legacy = (
    await site.submitLegacyForm({
      formName: 'Contact',
      email: 'ida@example.com',
      submissionData: [{ fieldName: 'Message', fieldValue: 'Hi' }],
    })
  ).body;
  expect((await site.deliver()).map(statusOf)).toEqual(['failed', 'failed']);
  expect(await site.formMessages()).toHaveLength(2); // stored although each handler saw a failure

  await site.redeliver(eventId);
  await site.redeliver(legacy.eventId);
  const retried = await site.deliver();
  expect(retried.map((d) => d.result)).toEqual([
    expect.objectContaining({ status: 'done', detail: expect.stringMatching(/earlier attempt/) }),
    expect.objectContaining({ status: 'done', detail: expect.stringMatching(/earlier attempt/) }),
  ]);
  expect(await site.formMessages()).toHaveLength(2);
});

it('folds fields past the 15th into the last one and cuts long names and values, and still stores the message', async () => {
  const site = await setup({ perForm: { [FORM]: { labels: { named: 'n'.repeat(9000) } } } });
  const submissions: Record<string, unknown> = { email: 'hal@example.com', long: 'x'.repeat(9000), named: 'long name' };
  for (let i = 1; i <= 15; i++) submissions[`field_${i}`] = `value ${i}`;
  await site.submitForm(visitorSubmission(submissions));
  expect((await site.deliver()).map(statusOf)).toEqual(['done']);
  const [message] = await site.formMessages();
  const fields = message.content.form.fields as { name: string; value: string }[];
  expect(fields).toHaveLength(15);
  expect(fields[1]).toEqual({ name: 'long', value: `${'x'.repeat(8192 - TRUNCATED_MARK.length)}${TRUNCATED_MARK}` });
  expect(fields[2]!.name).toHaveLength(8192);
  expect(fields[2]!.name.endsWith(TRUNCATED_MARK)).toBe(true);
  expect(fields[13]).toEqual({ name: 'field_11', value: 'value 11' });
  expect(fields[14]).toEqual({
    name: MORE_FIELDS_NAME,
    value: ['field_12: value 12', 'field_13: value 13', 'field_14: value 14', 'field_15: value 15'].join('\n'),
  });
});

it('skips a visitor submission without an email, with a reason, and stores nothing', async () => {
  const site = await setup();
  await site.submitForm(visitorSubmission({ first_name: 'Ivy', phone: '+44 20 7946 0000', email: 'not an email' }));
  const [delivery] = await site.deliver();
  expect(delivery!.result).toEqual({
    status: 'skipped',
    detail: 'no member submitter and no email field: no conversation to write to',
  });
  expect(await site.control.conversations()).toEqual([]);
  expect((await site.control.requests()).filter((r) => r.operation?.startsWith('inbox.'))).toEqual([]);
});

it('does not write into a member conversation for a visitor who typed that member email', async () => {
  const site = await setup();
  await site.submitForm(visitorSubmission({ email: 'ann@example.com', message: 'I am Ann, honest' }));
  const [delivery] = await site.deliver();
  expect(delivery!.result).toMatchObject({ status: 'skipped', detail: expect.stringContaining('member') });
  expect(await site.formMessages()).toEqual([]);
});

it('forwards PENDING and CONFIRMED submissions by default and skips a payment still waiting', async () => {
  const site = await setup();
  for (const status of ['PENDING', 'CONFIRMED', 'PAYMENT_WAITING']) {
    await site.submitForm(visitorSubmission({ email: 'jo@example.com', status_was: status }, { status }));
  }
  const deliveries = await site.deliver();
  expect(deliveries.map(statusOf)).toEqual(['done', 'done', 'skipped']);
  expect((deliveries[2]!.result as Outcome).detail).toBe('submission status PAYMENT_WAITING is not forwarded');
  expect(await site.formMessages()).toHaveLength(2);
});

it('forwards only CONFIRMED submissions when set to', async () => {
  const site = await setup({ statuses: ['CONFIRMED'] });
  await site.submitForm(visitorSubmission({ email: 'kim@example.com' }));
  await site.submitForm(visitorSubmission({ email: 'kim@example.com' }, { status: 'CONFIRMED' }));
  expect((await site.deliver()).map(statusOf)).toEqual(['skipped', 'done']);
  expect(await site.formMessages()).toHaveLength(1);
});

it('forwards only the listed forms: new forms by id, legacy forms by name', async () => {
  const site = await setup({ forms: { formIds: [FORM], formNames: ['Contact'] } });
  await site.submitForm(visitorSubmission({ email: 'lea@example.com' }));
  await site.submitForm(visitorSubmission({ email: 'lea@example.com' }, { formId: OTHER_FORM }));
  const legacy = { email: 'lea@example.com', submissionData: [{ fieldName: 'Message', fieldValue: 'Hi' }] };
  await site.submitLegacyForm({ ...legacy, formName: 'Contact' });
  await site.submitLegacyForm({ ...legacy, formName: 'Newsletter' });
  const deliveries = await site.deliver();
  expect(deliveries.map(statusOf)).toEqual(['done', 'skipped', 'done', 'skipped']);
  expect((deliveries[1]!.result as Outcome).detail).toBe(`form ${OTHER_FORM} is not forwarded`);
  expect((deliveries[3]!.result as Outcome).detail).toBe('form "Newsletter" is not forwarded');
  expect(await site.formMessages()).toHaveLength(2);
});

it('sends a Wix Forms message with notifications on, so the site owner hears about it', async () => {
  const site = await setup();
  await site.submitForm({ formId: FORM, submissions: { message: 'Hi' }, submitter: { memberId: site.members.ann.id } });
  await site.deliver();
  const sends = (await site.control.requests()).filter((r) => r.operation === 'inbox.sendMessage');
  expect(sends.map((r) => r.sendNotifications)).toEqual([true]);
});

it('hands the handlers the Velo event shape: documented Date fields as Dates, map keys as written', async () => {
  const seen: Record<string, any> = {};
  const site = await setupEvents({
    handlers: {
      wixForms_onSubmissionCreated: (event: any) => (seen.created = event),
      wixCrm_onFormSubmit: (event: any) => (seen.legacy = event),
    },
  });
  await site.submitForm(visitorSubmission({ first_name_1: 'Oli', Email_Address: 'oli@example.com' }));
  await site.submitLegacyForm({ formName: 'Form', email: 'oli@example.com', submissionData: [] });
  await site.deliver();
  expect(seen.created.entity._createdDate).toBeInstanceOf(Date);
  expect(seen.created.entity._updatedDate).toBeInstanceOf(Date);
  expect(typeof seen.created.metadata.eventTime).toBe('string');
  expect(Object.keys(seen.created.entity.submissions)).toEqual(['first_name_1', 'Email_Address']);
  expect(seen.legacy.submissionTime).toBeInstanceOf(Date);
});

it('sends a legacy submission of attachments alone, one line each, and skips one with neither fields nor attachments', async () => {
  const site = await setup();
  const contact = (
    await site.submitLegacyForm({ formName: 'Apply', email: 'ivy@example.com', submissionData: [], attachments: [] })
  ).body.event.contactId as string;
  await site.deliver(); // no fields and no attachments: skipped
  expect(await site.formMessages()).toEqual([]);

  // Attachments alone are a submission worth a message.
  await site.submitLegacyForm({
    formName: 'Apply',
    contactId: contact,
    submissionData: [],
    attachments: [
      { name: 'cv.pdf', type: 'DOCUMENT', url: 'wix:document://v1/ugd/68d3a9_2e.pdf/cv.pdf' },
      { name: 'me.jpg', type: 'IMAGE', url: 'wix:image://v1/68d3a9_3f.jpg/me.jpg' },
    ],
  });
  expect((await site.deliver()).map(statusOf)).toEqual(['done']);
  const [message] = await site.formMessages();
  expect(message.content.form).toMatchObject({
    title: 'Apply',
    fields: [
      {
        name: 'Attachments',
        value: 'cv.pdf: wix:document://v1/ugd/68d3a9_2e.pdf/cv.pdf\nme.jpg: wix:image://v1/68d3a9_3f.jpg/me.jpg',
      },
    ],
  });
});

it('uses the configured title and field labels of a legacy form, by its name', async () => {
  const site = await setup({ perForm: { 'Feedback Form': { title: 'Feedback', labels: { 'First Name': 'Name' } } } });
  await site.submitLegacyForm({
    formName: 'Feedback Form',
    email: 'eve@example.com',
    submissionData: [
      { fieldName: 'First Name', fieldValue: 'Eve' },
      { fieldName: 'Comment', fieldValue: 'Lovely' },
    ],
  });
  expect((await site.deliver()).map(statusOf)).toEqual(['done']);
  const [message] = await site.formMessages();
  expect(message.content.form).toMatchObject({
    title: 'Feedback',
    fields: [
      { name: 'Name', value: 'Eve' },
      { name: 'Comment', value: 'Lovely' },
    ],
  });
});

it('writes nothing when Wix Forms messages are turned off, new or legacy, and says so', async () => {
  const site = await setup({ enabled: false });
  await site.submitForm(visitorSubmission({ email: 'ivy@example.com', message: 'Hello' }));
  await site.submitLegacyForm({
    formName: 'Contact',
    email: 'lea@example.com',
    submissionData: [{ fieldName: 'Message', fieldValue: 'Hi' }],
  });
  expect((await site.deliver()).map((d) => d.result)).toEqual([
    { status: 'skipped', detail: 'Wix Forms messages are turned off' },
    { status: 'skipped', detail: 'Wix Forms messages are turned off' },
  ]);
  expect(await site.formMessages()).toEqual([]);
});

it('skips a submission with no fields at all, with a reason', async () => {
  const site = await setup();
  await site.submitForm(visitorSubmission({}));
  const [delivery] = await site.deliver();
  expect(delivery!.result).toEqual({ status: 'skipped', detail: 'the submission has no fields' });
  expect(await site.formMessages()).toEqual([]);
});
