import { FORM, setupForms as setup, statusOf, visitorSubmission } from '../support/wix-forms';

/* The README's Wix Forms limits, stated as literals: at most 15 fields, the 15th holding the rest as
 * `name: value` lines; names and values cut at 8192 characters ending in "… [truncated]"; the title
 * at 256. Emails: the contact form's 254 characters. */
const MARK = '… [truncated]';

it('keeps exactly 15 fields, and a value of exactly 8192 characters, as they are', async () => {
  const site = await setup();
  const submissions: Record<string, unknown> = { email: 'pat@example.com', essay: 'e'.repeat(8192) };
  for (let i = 3; i <= 15; i++) submissions[`field_${i}`] = `value ${i}`;
  await site.submitForm(visitorSubmission(submissions));
  expect((await site.deliver()).map(statusOf)).toEqual(['done']);
  const [message] = await site.formMessages();
  const fields = message.content.form.fields as { name: string; value: string }[];
  expect(fields.map((f) => f.name)).toEqual(Object.keys(submissions));
  expect(fields[1]!.value).toBe('e'.repeat(8192));
  expect(fields[14]).toEqual({ name: 'field_15', value: 'value 15' });
});

it('cuts the folded "More fields" value at 8192 characters when the fields past the 14th hold more', async () => {
  const site = await setup();
  const submissions: Record<string, unknown> = { email: 'pat@example.com' };
  for (let i = 2; i <= 14; i++) submissions[`field_${i}`] = `value ${i}`;
  submissions.story_1 = 's'.repeat(5000);
  submissions.story_2 = 't'.repeat(5000);
  await site.submitForm(visitorSubmission(submissions));
  expect((await site.deliver()).map(statusOf)).toEqual(['done']);
  const [message] = await site.formMessages();
  const last = message.content.form.fields[14] as { name: string; value: string };
  expect(last.name).toBe('More fields');
  expect(last.value).toHaveLength(8192);
  expect(last.value).toBe(
    `${`story_1: ${'s'.repeat(5000)}\nstory_2: ${'t'.repeat(5000)}`.slice(0, 8192 - MARK.length)}${MARK}`,
  );
});

it('cuts a configured title over 256 characters to 256, ending in the mark', async () => {
  const site = await setup({ perForm: { [FORM]: { title: 'Q'.repeat(300) } } });
  await site.submitForm(visitorSubmission({ email: 'pat@example.com' }));
  expect((await site.deliver()).map(statusOf)).toEqual(['done']);
  const [message] = await site.formMessages();
  expect(message.content.form.title).toBe(`${'Q'.repeat(256 - MARK.length)}${MARK}`);
});

it('takes an email of 254 characters and passes over one of 255', async () => {
  const site = await setup();
  const email = (length: number) => `${'a'.repeat(length - '@example.com'.length)}@example.com`;
  await site.submitForm(visitorSubmission({ email: email(255) }));
  await site.submitForm(visitorSubmission({ email: email(254) }));
  expect((await site.deliver()).map((d) => d.result)).toEqual([
    { status: 'skipped', detail: 'no member submitter and no email field: no conversation to write to' },
    { status: 'done', detail: expect.stringMatching(/^form message sent for submission /) },
  ]);
  expect(await site.formMessages()).toHaveLength(1);
});
