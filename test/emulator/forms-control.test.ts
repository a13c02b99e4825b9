import { createEmulator } from '../../local/emulator';
import { sequentialIds } from '../../local/emulator/context';
import { controlClient } from '../support/emulator';

/* eslint-disable @typescript-eslint/no-explicit-any */

const FORM = '21bcb6c7-02b3-4ed1-b6db-7856094fac03';
const VISITOR = '7f000000-0000-4000-8000-0000000000f1';
const UNKNOWN_ID = '9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f';
const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const SUBMISSIONS = '/_emulator/v1/forms/submissions';
const LEGACY = '/_emulator/v1/forms/legacy-submissions';

async function setup() {
  const emulator = createEmulator({ ids: sequentialIds(), clock: { now: () => NOW } });
  const control = controlClient(emulator.fetch);
  const member = await control.createMember('ann@example.com', 'Ann Lee');
  /** A raw body, so a test can send exactly the JSON text it means. */
  const rawPost = async (path: string, body: string) => {
    const response = await emulator.fetch(
      new Request(`http://emulator.test${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    );
    return { status: response.status, body: (await response.json()) as any };
  };
  return { control, member, rawPost };
}

it('emits wixForms_onSubmissionCreated with the payload Wix documents, keys of the submissions map as written', async () => {
  const { control, rawPost } = await setup();
  const answer = await rawPost(
    SUBMISSIONS,
    JSON.stringify({
      formId: FORM,
      form_name: 'Contact us',
      submissions: { first_name_1: 'Patsy', email_4f2a: 'patsy@example.com', address: { street_name: 'Main' } },
      submitter: { visitorId: VISITOR },
    }),
  );
  expect(answer.status).toBe(200);
  const submission = {
    _id: expect.any(String),
    formId: FORM,
    namespace: 'wix.form_app.form',
    status: 'PENDING',
    submissions: { first_name_1: 'Patsy', email_4f2a: 'patsy@example.com', address: { street_name: 'Main' } },
    revision: '1',
    submitter: { visitorId: VISITOR },
    seen: false,
    _createdDate: '2026-11-23T10:00:00.000Z',
    _updatedDate: '2026-11-23T10:00:00.000Z',
  };
  expect(answer.body).toEqual({ submission, eventId: expect.any(String) });
  const [event] = await control.events();
  expect(event).toMatchObject({ id: answer.body.eventId, name: 'wixForms_onSubmissionCreated' });
  expect(event!.payload).toEqual({
    entity: submission,
    metadata: {
      id: answer.body.eventId,
      entityId: answer.body.submission._id,
      eventTime: '2026-11-23T10:00:00.000Z',
      triggeredByAnonymizeRequest: false,
    },
  });
});

it('takes a member submitter, a namespace and a status', async () => {
  const { control, member } = await setup();
  const { status, body } = await control.call<any>('POST', SUBMISSIONS, {
    formId: FORM,
    namespace: 'wix.pricing_plans.form',
    submissions: {},
    submitter: { memberId: member.id },
    status: 'CONFIRMED',
  });
  expect(status).toBe(200);
  expect(body.submission).toMatchObject({
    namespace: 'wix.pricing_plans.form',
    status: 'CONFIRMED',
    submitter: { memberId: member.id },
  });
});

it('emits wixCrm_onFormSubmit with the documented legacy payload, making a contact from an email', async () => {
  const { control } = await setup();
  const { status, body } = await control.call<any>('POST', LEGACY, {
    formName: 'Feedback Form',
    email: 'john.doe@example.com',
    submissionData: [{ fieldName: 'First Name', fieldValue: 'John' }],
    attachments: [{ name: 'flowers.jpg', type: 'IMAGE', url: 'wix:image://v1/68d3a9.jpg/flowers.jpg' }],
  });
  expect(status).toBe(200);
  const payload = {
    contactId: expect.any(String),
    formName: 'Feedback Form',
    submissionTime: '2026-11-23T10:00:00.000Z',
    submissionData: [{ fieldName: 'First Name', fieldValue: 'John' }],
    attachments: [{ name: 'flowers.jpg', type: 'IMAGE', url: 'wix:image://v1/68d3a9.jpg/flowers.jpg' }],
  };
  expect(body).toEqual({ event: payload, eventId: expect.any(String) });
  const [event] = await control.events();
  expect(event).toMatchObject({ id: body.eventId, name: 'wixCrm_onFormSubmit', payload });
  const again = await control.call<any>('POST', LEGACY, {
    formName: 'Feedback Form',
    contactId: body.event.contactId,
    submissionData: [],
  });
  expect(again.body.event).toMatchObject({ contactId: body.event.contactId, attachments: [] });
});

it.each([
  ['no form id', { submissions: {}, submitter: { visitorId: VISITOR } }, 'formId'],
  ['a form id that is not a GUID', { formId: 'contact', submissions: {}, submitter: { visitorId: VISITOR } }, 'formId'],
  ['no submissions', { formId: FORM, submitter: { visitorId: VISITOR } }, 'submissions'],
  [
    'submissions that are a list',
    { formId: FORM, submissions: ['a'], submitter: { visitorId: VISITOR } },
    'submissions',
  ],
  ['no submitter', { formId: FORM, submissions: {} }, 'submitter'],
  [
    'two submitters',
    { formId: FORM, submissions: {}, submitter: { visitorId: VISITOR, memberId: VISITOR } },
    'submitter',
  ],
  ['an unknown status', { formId: FORM, submissions: {}, submitter: { visitorId: VISITOR }, status: 'DONE' }, 'status'],
])('refuses a submission with %s: 400 naming the field, nothing emitted', async (_case, body, field) => {
  const { control } = await setup();
  const answer = await control.call<any>('POST', SUBMISSIONS, body);
  expect(answer.status).toBe(400);
  expect(answer.body.details.validationError.fieldViolations).toContainEqual(expect.objectContaining({ field }));
  expect(await control.events()).toEqual([]);
});

it('keeps the field keys constructor, prototype and __proto__ as data: Wix documents no reserved keys', async () => {
  const { control, rawPost } = await setup();
  const answer = await rawPost(
    SUBMISSIONS,
    `{"formId":"${FORM}","submissions":{"constructor":"c","prototype":"p","__proto__":{"polluted":true}},` +
      `"submitter":{"visitorId":"${VISITOR}"}}`,
  );
  expect(answer.status).toBe(200);
  const [event] = await control.events();
  const submissions = (event!.payload as any).entity.submissions as Record<string, unknown>;
  expect(Object.keys(submissions)).toEqual(['constructor', 'prototype', '__proto__']);
  expect(Object.getOwnPropertyDescriptor(submissions, '__proto__')?.value).toEqual({ polluted: true });
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

it('refuses malformed JSON with 400, emitting nothing', async () => {
  const { control, rawPost } = await setup();
  expect((await rawPost(SUBMISSIONS, '{"formId":')).status).toBe(400);
  expect(await control.events()).toEqual([]);
});

it('refuses a request with no body with 400 naming the missing fields (the fuzzer found a 500)', async () => {
  const { control, rawPost } = await setup();
  const answer = await rawPost(SUBMISSIONS, '');
  expect(answer.status).toBe(400);
  const fields = answer.body.details.validationError.fieldViolations.map((v: { field: string }) => v.field);
  expect(fields).toEqual(expect.arrayContaining(['formId', 'submissions', 'submitter']));
  expect(await control.events()).toEqual([]);
});

it('answers 404 for an unknown member submitter or legacy contact', async () => {
  const { control } = await setup();
  const member = await control.call<any>('POST', SUBMISSIONS, {
    formId: FORM,
    submissions: { a: 1 },
    submitter: { memberId: UNKNOWN_ID },
  });
  expect(member.status).toBe(404);
  const legacy = await control.call<any>('POST', LEGACY, {
    formName: 'Form',
    contactId: UNKNOWN_ID,
    submissionData: [],
  });
  expect(legacy.status).toBe(404);
  expect(await control.events()).toEqual([]);
});

it('refuses a legacy submission with neither or both of contactId and email, or no form name', async () => {
  const { control, member } = await setup();
  const base = { formName: 'Form', submissionData: [] };
  for (const body of [
    base,
    { ...base, contactId: member.contactId, email: 'a@example.com' },
    { email: 'a@example.com', submissionData: [] },
  ]) {
    expect((await control.call('POST', LEGACY, body)).status).toBe(400);
  }
  expect(await control.events()).toEqual([]);
});

describe('a status change', () => {
  const statusOf = (id: string) => `${SUBMISSIONS}/${id}/status`;

  it('emits wixForms_onSubmissionUpdated with the submission as it is now, one revision on', async () => {
    const { control } = await setup();
    const created = await control.call<any>('POST', SUBMISSIONS, {
      formId: FORM,
      submissions: { email: 'jo@example.com' },
      submitter: { visitorId: VISITOR },
      status: 'PAYMENT_WAITING',
    });
    const paid = await control.call<any>('POST', statusOf(created.body.submission._id), { status: 'CONFIRMED' });
    expect(paid.status).toBe(200);
    const submission = { ...created.body.submission, status: 'CONFIRMED', revision: '2' };
    expect(paid.body).toEqual({ submission, eventId: expect.any(String) });
    const [, event] = await control.events();
    expect(event).toMatchObject({ id: paid.body.eventId, name: 'wixForms_onSubmissionUpdated' });
    expect(event!.payload).toEqual({
      entity: submission,
      metadata: {
        id: paid.body.eventId,
        entityId: submission._id,
        eventTime: '2026-11-23T10:00:00.000Z',
        triggeredByAnonymizeRequest: false,
      },
    });
    // A second change builds on the first.
    const canceled = await control.call<any>('POST', statusOf(submission._id), { status: 'PAYMENT_CANCELED' });
    expect(canceled.body.submission).toMatchObject({ status: 'PAYMENT_CANCELED', revision: '3' });
  });

  it('answers 404 for an unknown submission, and for one the data reset removed', async () => {
    const { control } = await setup();
    expect((await control.call('POST', statusOf(UNKNOWN_ID), { status: 'CONFIRMED' })).status).toBe(404);
    const created = await control.call<any>('POST', SUBMISSIONS, {
      formId: FORM,
      submissions: {},
      submitter: { visitorId: VISITOR },
    });
    await control.call('POST', '/_emulator/v1/reset');
    expect((await control.call('POST', statusOf(created.body.submission._id), { status: 'CONFIRMED' })).status).toBe(
      404,
    );
    expect(await control.events()).toEqual([]);
  });

  it('refuses a status Wix Forms does not have, or none, changing nothing', async () => {
    const { control } = await setup();
    const created = await control.call<any>('POST', SUBMISSIONS, {
      formId: FORM,
      submissions: {},
      submitter: { visitorId: VISITOR },
    });
    for (const body of [{ status: 'PAID' }, {}, { status: 7 }]) {
      expect((await control.call('POST', statusOf(created.body.submission._id), body)).status).toBe(400);
    }
    expect((await control.events()).map((e) => e.name)).toEqual(['wixForms_onSubmissionCreated']);
  });
});
