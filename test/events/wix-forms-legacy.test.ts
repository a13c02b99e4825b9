import { createEventHandlers } from 'backend/automations/event-handlers';
import { runWithWixContext } from '../../local/velo/wix-context';
import { automationConfig, setupEvents } from '../support/events';

/**
 * The legacy `wixCrm_onFormSubmit` handler called directly, as Velo calls it, with the documented
 * `FormSubmitEvent` shape (`contactId, formName, submissionTime` as a Date, `submissionData`,
 * `attachments`): for the events the emulator's control route cannot emit, because it always
 * names a contact.
 */
async function setup() {
  const handlers = createEventHandlers(automationConfig(), {
    now: () => Date.parse('2026-11-23T10:00:00Z'),
    sleep: async () => undefined,
    random: () => 0.5,
  });
  const site = await setupEvents({ handlers: { ...handlers } });
  const tokens = {
    callerToken: (await site.control.token('ANONYMOUS_VISITOR')).token,
    elevatedToken: (await site.control.token('APP')).token,
  };
  const logged = jest.spyOn(console, 'log');
  const rejected = jest.spyOn(console, 'error');
  return {
    ...site,
    submit: (event: unknown) =>
      runWithWixContext(site.emulator.fetch, tokens, () => handlers.wixCrm_onFormSubmit(event)),
    /** The handler's outcome lines (one JSON line per event, for the Velo site logs). */
    outcomeLines: () =>
      [...logged.mock.calls, ...rejected.mock.calls]
        .map(([line]) => line)
        .filter((line): line is string => typeof line === 'string' && line.startsWith('{"source":"inbox-connector"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
afterEach(() => jest.restoreAllMocks());

const submission = {
  formName: 'Contact',
  submissionTime: new Date('2026-11-23T09:59:00.000Z'),
  submissionData: [{ fieldName: 'Message', fieldValue: 'Hi' }],
  attachments: [],
};

it('skips a legacy submission that names no contact, logs why under its claim key, and calls no API', async () => {
  const site = await setup();
  const before = (await site.control.requests()).length;
  for (const contactId of [undefined, null]) {
    await expect(site.submit({ ...submission, contactId })).resolves.toEqual({
      status: 'skipped',
      detail: 'the event names no contact: no conversation',
    });
  }
  const line = {
    source: 'inbox-connector',
    handler: 'wixCrm_onFormSubmit',
    key: 'legacy-form:-:Contact:2026-11-23T09:59:00.000Z',
    status: 'skipped',
    detail: 'the event names no contact: no conversation',
  };
  expect(site.outcomeLines()).toEqual([line, line]);
  expect((await site.control.requests()).length).toBe(before);
  expect(await site.control.conversations()).toEqual([]);
});

it('skips a legacy submission with no field and no attachment, and calls no API', async () => {
  const site = await setup();
  const contactId = '00000000-0000-4000-8000-0000000000c0';
  const before = (await site.control.requests()).length;
  await expect(site.submit({ ...submission, contactId, submissionData: [] })).resolves.toEqual({
    status: 'skipped',
    detail: 'the submission has no fields',
  });
  expect((await site.control.requests()).length).toBe(before);
  expect(await site.control.conversations()).toEqual([]);
});

it('keeps two long claim keys apart when they differ only past the length Wix Data ids allow', async () => {
  const site = await setup();
  const contactId = site.members.ann.contactId;
  // Claim keys name the form; these two are the same for their first 300 characters.
  const [first, second] = ['A', 'B'].map((end) => ({ ...submission, contactId, formName: `${'x'.repeat(300)}${end}` }));
  await expect(site.submit(first)).resolves.toMatchObject({ status: 'done' });
  await expect(site.submit(second)).resolves.toMatchObject({ status: 'done' });
  await expect(site.submit(first)).resolves.toMatchObject({ status: 'duplicate' });
});

it('takes a submission time carried as JSON text, in UTC or with an offset', async () => {
  const site = await setup();
  for (const submissionTime of ['2026-11-23T09:59:00.000Z', '2026-11-23T10:59:00+01:00']) {
    await expect(site.submit({ ...submission, submissionTime })).resolves.toEqual({
      status: 'skipped',
      detail: 'the event names no contact: no conversation',
    });
  }
});

it('rejects, and logs as invalid, a legacy event without a form name or whose submission time is not a time', async () => {
  const site = await setup();
  const contactId = '00000000-0000-4000-8000-0000000000c1';
  const before = (await site.control.requests()).length;
  const events = [
    { ...submission, contactId, formName: undefined },
    { ...submission, contactId, submissionTime: 'yesterday' },
    { ...submission, contactId, submissionTime: new Date(Number.NaN) },
  ];
  for (const event of events) {
    await expect(site.submit(event)).resolves.toEqual({ status: 'invalid', detail: expect.any(String) });
  }
  expect(site.outcomeLines().map((line) => [line.status, line.detail])).toEqual([
    ['invalid', expect.stringContaining('formName')],
    ['invalid', expect.stringContaining('submissionTime')],
    ['invalid', expect.stringContaining('submissionTime')],
  ]);
  expect((await site.control.requests()).length).toBe(before);
});
