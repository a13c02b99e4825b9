import { isoDate, type EmulatorContext } from '../context';
import { NotFound } from '../errors';
import { appendEvent } from '../events/outbox';
import { immediateTransaction, statement } from '../store/statements';

export const EVENT_SUBMISSION_CREATED = 'wixForms_onSubmissionCreated';
export const EVENT_SUBMISSION_UPDATED = 'wixForms_onSubmissionUpdated';
export const EVENT_LEGACY_FORM_SUBMIT = 'wixCrm_onFormSubmit';

/** The Wix Forms namespace, as in Wix's own event example. */
export const WIX_FORMS_NAMESPACE = 'wix.form_app.form';

/** The statuses of a Wix Forms submission (wix-forms-v2 `SubmissionStatus`). */
export const SUBMISSION_STATUSES = ['PENDING', 'PAYMENT_WAITING', 'PAYMENT_CANCELED', 'CONFIRMED'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export type Submitter = { memberId: string } | { visitorId: string };

export interface NewSubmission {
  formId: string;
  namespace?: string;
  /** Field key → value, keys exactly as the form defines them (`first_name_1`). */
  submissions: Record<string, unknown>;
  submitter: Submitter;
  status?: SubmissionStatus;
}

/**
 * A Wix Forms submission: the `wixForms_onSubmissionCreated` event a site receives. The entity has
 * the fields of wix-forms-v2 `FormSubmission` that Wix's created-event example shows (`_id`,
 * `formId`, `namespace`, `status`, `submissions`, `revision`, `submitter`, `seen`, `_createdDate`,
 * `_updatedDate`); the example's `owner` is left out, as the `FormSubmission` type does not list it
 * and its value for a site visitor is not documented. There is no form name: Wix's payload has none.
 */
export function createSubmission(ctx: EmulatorContext, input: NewSubmission) {
  const now = isoDate(ctx.clock.now());
  const submission: Submission = {
    _id: ctx.ids.uuid(),
    formId: input.formId,
    namespace: input.namespace ?? WIX_FORMS_NAMESPACE,
    status: input.status ?? 'PENDING',
    submissions: input.submissions,
    revision: '1',
    submitter: input.submitter,
    seen: false,
    _createdDate: now,
    _updatedDate: now,
  };
  return immediateTransaction(ctx.db, () => ({
    submission,
    eventId: storeAndAnnounce(ctx, submission, EVENT_SUBMISSION_CREATED, now),
  }));
}

type Submission = {
  _id: string;
  formId: string;
  namespace: string;
  status: SubmissionStatus;
  submissions: Record<string, unknown>;
  revision: string;
  submitter: Submitter;
  seen: boolean;
  _createdDate: string;
  _updatedDate: string;
};

/**
 * A submission's status changes (a payment form paid or canceled, a pending submission confirmed):
 * the `wixForms_onSubmissionUpdated` event, which Wix documents as triggered when a submission is
 * updated, its order status is updated, or it is confirmed. The entity is the submission as it is
 * now, its `revision` one higher; the payload has the created event's shape (`entity`, `metadata`).
 */
export function updateSubmissionStatus(ctx: EmulatorContext, id: string, status: SubmissionStatus) {
  return immediateTransaction(ctx.db, () => {
    const row = statement(ctx.db, 'SELECT body FROM form_submissions WHERE id = ?').get(id) as
      { body: string } | undefined;
    if (!row) throw new NotFound('SUBMISSION_NOT_FOUND', `No Wix Forms submission ${id}.`);
    const now = isoDate(ctx.clock.now());
    const stored = JSON.parse(row.body) as Submission;
    const submission = { ...stored, status, revision: String(Number(stored.revision) + 1), _updatedDate: now };
    return { submission, eventId: storeAndAnnounce(ctx, submission, EVENT_SUBMISSION_UPDATED, now) };
  });
}

/** Keeps the submission as the event carries it and queues the event; returns the event's id. */
function storeAndAnnounce(ctx: EmulatorContext, submission: Submission, name: string, now: string): string {
  statement(ctx.db, 'INSERT OR REPLACE INTO form_submissions (id, body) VALUES (?, ?)').run(
    submission._id,
    JSON.stringify(submission),
  );
  const eventId = ctx.ids.uuid();
  appendEvent(ctx, {
    id: eventId,
    name,
    orderingKey: `form:${submission.formId}`,
    payload: {
      entity: submission,
      metadata: { id: eventId, entityId: submission._id, eventTime: now, triggeredByAnonymizeRequest: false },
    },
  });
  return eventId;
}

export interface LegacySubmission {
  contactId: string;
  formName: string;
  submissionData: { fieldName: string; fieldValue: string }[];
  attachments: { name: string; type: string; url: string }[];
}

/**
 * A legacy Wix Forms submission: the `wixCrm_onFormSubmit` event (wix-crm-backend `FormSubmitEvent`:
 * `contactId`, `formName`, `submissionTime`, `submissionData`, `attachments`). The event has no id of
 * its own; `eventId` names it in the emulator's outbox only (for redelivery), not in the payload.
 */
export function submitLegacyForm(ctx: EmulatorContext, input: LegacySubmission) {
  const event = {
    contactId: input.contactId,
    formName: input.formName,
    submissionTime: isoDate(ctx.clock.now()),
    submissionData: input.submissionData,
    attachments: input.attachments,
  };
  const eventId = ctx.ids.uuid();
  appendEvent(ctx, {
    id: eventId,
    name: EVENT_LEGACY_FORM_SUBMIT,
    orderingKey: `contact:${input.contactId}`,
    payload: event,
  });
  return { event, eventId };
}
