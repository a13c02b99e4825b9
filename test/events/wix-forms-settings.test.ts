import { FORM, setupForms as setup, statusOf, visitorSubmission } from '../support/wix-forms';

const contactMessage = { formName: 'Contact', submissionData: [{ fieldName: 'Message', fieldValue: 'Hi' }] };

it('forwards no new form when the forms list names legacy forms only', async () => {
  const site = await setup({ forms: { formNames: ['Contact'] } });
  await site.submitForm(visitorSubmission({ email: 'lea@example.com' }));
  await site.submitLegacyForm({ ...contactMessage, email: 'lea@example.com' });
  expect((await site.deliver()).map((d) => d.result)).toEqual([
    { status: 'skipped', detail: `form ${FORM} is not forwarded` },
    { status: 'done', detail: 'form message sent for form "Contact"' },
  ]);
  expect(await site.formMessages()).toHaveLength(1);
});

it('forwards no legacy form when the forms list names new forms only', async () => {
  const site = await setup({ forms: { formIds: [FORM] } });
  await site.submitForm(visitorSubmission({ email: 'lea@example.com' }));
  await site.submitLegacyForm({ ...contactMessage, email: 'lea@example.com' });
  expect((await site.deliver()).map((d) => d.result)).toEqual([
    { status: 'done', detail: expect.stringMatching(/^form message sent for submission /) },
    { status: 'skipped', detail: 'form "Contact" is not forwarded' },
  ]);
  expect(await site.formMessages()).toHaveLength(1);
});

it('reads the email from the configured keys in order, before a key named "email"', async () => {
  // reply_to is not in the submission, contact_address holds no email: backup_address is the first that does.
  const site = await setup({ emailKeys: ['reply_to', 'contact_address', 'backup_address'] });
  await site.submitForm(
    visitorSubmission({
      email: 'auto@example.com',
      contact_address: 'ask at the desk',
      backup_address: 'kit@example.com',
    }),
  );
  await site.deliver();
  const [message, ...others] = await site.formMessages();
  expect(others).toEqual([]);
  expect(message.participant).toEqual({ contactId: await site.contactWithEmail('kit@example.com') });
  expect(message.participant).not.toEqual({ contactId: await site.contactWithEmail('auto@example.com') });
});

it('passes over an email field left empty and takes the next one, in any case, that holds an email', async () => {
  const site = await setup();
  await site.submitForm(visitorSubmission({ email: '', Work_Email: ' kit@example.com ', message: 'Hi' }));
  expect((await site.deliver()).map(statusOf)).toEqual(['done']);
  const [message] = await site.formMessages();
  expect(message.participant).toEqual({ contactId: await site.contactWithEmail('kit@example.com') });
  expect(message.content.form.fields).toEqual([
    { name: 'email', value: '' },
    { name: 'Work_Email', value: ' kit@example.com ' },
    { name: 'message', value: 'Hi' },
  ]);
});

it('does not take an address from a field whose key does not say email: a referral form names a friend', async () => {
  const site = await setup();
  await site.submitForm(visitorSubmission({ your_name: 'Ivy', friend_contact: 'friend@example.com' }));
  expect((await site.deliver()).map((d) => d.result)).toEqual([
    { status: 'skipped', detail: 'no member submitter and no email field: no conversation to write to' },
  ]);
  expect(await site.control.conversations()).toEqual([]);
});

it('takes no address that hides an invisible character, as the contact form refuses it: no lookalike contact', async () => {
  const site = await setup();
  await site.submitForm(visitorSubmission({ email: 'ann\u200b@example.com', message: 'It is me, Ann' }));
  expect((await site.deliver()).map((d) => d.result)).toEqual([
    { status: 'skipped', detail: 'no member submitter and no email field: no conversation to write to' },
  ]);
  expect(await site.control.conversations()).toEqual([]);
  expect((await site.control.requests()).filter((r) => r.operation === 'contacts.appendOrCreateContact')).toEqual([]);
});

it('reads a full-width email as the address it stands for, as the contact form does: a member email stays refused', async () => {
  const site = await setup();
  await site.submitForm(visitorSubmission({ email: 'ａｎｎ@ＥＸＡＭＰＬＥ.com', message: 'It is me, Ann' }));
  expect((await site.deliver()).map((d) => d.result)).toEqual([
    {
      status: 'skipped',
      detail: 'the email belongs to a member who was not logged in: not written to their conversation',
    },
  ]);
  expect(await site.formMessages()).toEqual([]);
});

it('labels only the fields a label is configured for: fields called "constructor" or "toString" keep their names', async () => {
  // A plain lookup in the labels would find Object's methods for these keys and fail the event.
  const site = await setup({
    perForm: { [FORM]: { labels: { email: 'Email' } }, Contact: { labels: { Message: 'Your message' } } },
  });
  // Field keys as Wix Forms sends them (JSON): `__proto__` is a key like the others, not a prototype.
  const fields = JSON.parse(
    '{"email":"ned@example.com","toString":"a","valueOf":"b","constructor":"e","prototype":"f","__proto__":"g"}',
  ) as Record<string, unknown>;
  await site.submitForm(visitorSubmission(fields));
  await site.submitLegacyForm({
    formName: 'Contact',
    email: 'ned@example.com',
    submissionData: [
      { fieldName: 'Message', fieldValue: 'Hi' },
      { fieldName: 'constructor', fieldValue: 'c' },
      { fieldName: 'hasOwnProperty', fieldValue: 'd' },
    ],
  });
  expect((await site.deliver()).map(statusOf)).toEqual(['done', 'done']);
  const [created, legacy] = await site.formMessages();
  expect(created.content.form.fields).toEqual([
    { name: 'Email', value: 'ned@example.com' },
    { name: 'toString', value: 'a' },
    { name: 'valueOf', value: 'b' },
    { name: 'constructor', value: 'e' },
    { name: 'prototype', value: 'f' },
    { name: '__proto__', value: 'g' },
  ]);
  expect(legacy.content.form).toMatchObject({
    title: 'Contact',
    fields: [
      { name: 'Your message', value: 'Hi' },
      { name: 'constructor', value: 'c' },
      { name: 'hasOwnProperty', value: 'd' },
    ],
  });
});

it('still stores the message when a configured title or label is blank: "Form" and "(unnamed field)" stand in', async () => {
  const site = await setup({ perForm: { [FORM]: { title: '   ', labels: { note: ' ' } } } });
  await site.submitForm(visitorSubmission({ email: 'ola@example.com', note: 'Call me' }));
  expect((await site.deliver()).map(statusOf)).toEqual(['done']);
  const [message] = await site.formMessages();
  expect(message.content.form).toMatchObject({
    title: 'Form',
    fields: [
      { name: 'email', value: 'ola@example.com' },
      { name: '(unnamed field)', value: 'Call me' },
    ],
  });
});
