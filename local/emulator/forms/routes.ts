import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { appendOrCreateContact, getContact } from '../contacts/contacts';
import type { EmulatorContext } from '../context';
import { NotFound } from '../errors';
import { readJsonBody } from '../http/read-request';
import { findMember } from '../members/members';
import { parseOrThrow } from '../validation/field-violations';
import { exactlyOneOf, guid, list, oneOfValues, text } from '../validation/wix-formats';
import { createSubmission, submitLegacyForm, SUBMISSION_STATUSES, updateSubmissionStatus } from './submissions';

/** Wix documents no limit on a form's fields; this only keeps a control request sane. */
const MAX_FIELDS = 500;

const submissionsMap = z
  .record(text({ min: 1, max: 1000 }), z.unknown(), {
    error: (issue) =>
      issue.input === undefined || issue.input === null ? 'is required' : 'must be an object of field key → value',
  })
  .refine((map) => Object.keys(map).length <= MAX_FIELDS, { error: `must have at most ${MAX_FIELDS} fields` });

const submissionRequest = z.object({
  formId: guid(),
  namespace: text({ min: 1, max: 200 }).nullish(),
  formName: text({ min: 1, max: 200 }).nullish(),
  submissions: submissionsMap,
  submitter: z
    .object(
      { memberId: guid().nullish(), visitorId: guid().nullish() },
      { error: (issue) => (issue.input === undefined || issue.input === null ? 'is required' : 'must be an object') },
    )
    .superRefine(exactlyOneOf(['memberId', 'visitorId'], 'submitter')),
  status: oneOfValues(SUBMISSION_STATUSES).nullish(),
});

const statusRequest = z.object({ status: oneOfValues(SUBMISSION_STATUSES) });

const legacyRequest = z
  .object({
    formName: text({ min: 1, max: 200 }),
    contactId: guid().nullish(),
    email: text({ max: 255 })
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'must be an email address' })
      .nullish(),
    submissionData: list(z.object({ fieldName: text({ min: 1, max: 1000 }), fieldValue: text({ max: 100_000 }) }), {
      max: MAX_FIELDS,
    }),
    attachments: list(
      z.object({
        name: text({ min: 1, max: 1000 }),
        type: oneOfValues(['UNDEFINED', 'DOCUMENT', 'IMAGE', 'VIDEO']),
        url: text({ min: 1, max: 2000 }),
      }),
      { max: MAX_FIELDS },
    ).nullish(),
  })
  .superRefine(exactlyOneOf(['contactId', 'email'], 'the submitting contact'));

/**
 * The `submissions` map exactly as the caller wrote it. The rest of a request body has its keys
 * normalized (snake_case → lowerCamel, as Wix gateways accept both), but a form's field keys are the
 * form's own names (`first_name_1`) and Wix keeps them as written. Wix documents no reserved field
 * keys, so `constructor`, `prototype` and `__proto__` are field keys like any other: `JSON.parse`
 * makes each an own property of the map, which is passed on as parsed (zod's copy would drop
 * `__proto__`), never merged into another object.
 */
async function rawSubmissions(c: Context): Promise<unknown> {
  const raw = await c.req.text();
  if (raw.trim() === '') return undefined; // no body: as readJsonBody reads it, an empty request
  const body = JSON.parse(raw) as { submissions?: unknown } | null;
  return body !== null && typeof body === 'object' ? body.submissions : undefined;
}

/**
 * Control routes that stand in for a visitor submitting a form on the site (Wix Forms renders and
 * submits the form; the site only receives the event). Mounted under `/_emulator/v1/forms`.
 */
export function formsControlRoutes(ctx: EmulatorContext): Hono {
  const routes = new Hono();

  routes.post('/submissions', async (c) => {
    const normalized = (await readJsonBody(c)) as Record<string, unknown>;
    const submissions = await rawSubmissions(c);
    const request = parseOrThrow(submissionRequest, { ...normalized, submissions });
    const { memberId, visitorId } = request.submitter;
    if (memberId && !findMember(ctx.db, memberId)) {
      throw new NotFound('MEMBER_NOT_FOUND', `No member ${memberId}: create it first with POST /_emulator/v1/members.`);
    }
    return c.json(
      createSubmission(ctx, {
        formId: request.formId,
        ...(request.namespace ? { namespace: request.namespace } : {}),
        submissions: submissions as Record<string, unknown>, // checked above; as written (rawSubmissions)
        submitter: memberId ? { memberId } : { visitorId: visitorId! },
        ...(request.status ? { status: request.status } : {}),
      }),
    );
  });

  // Stands in for what changes a submission's status on Wix: a payment made or canceled, a confirmation.
  routes.post('/submissions/:id/status', async (c) => {
    const request = parseOrThrow(statusRequest, await readJsonBody(c));
    return c.json(updateSubmissionStatus(ctx, c.req.param('id'), request.status));
  });

  routes.post('/legacy-submissions', async (c) => {
    const request = parseOrThrow(legacyRequest, await readJsonBody(c));
    // Wix makes a contact of every legacy form's submitter; `email` does the same here.
    const contact = request.contactId
      ? getContact(ctx, request.contactId)
      : appendOrCreateContact(ctx, { email: request.email!, firstName: null, lastName: null }).contact;
    return c.json(
      submitLegacyForm(ctx, {
        contactId: contact.id,
        formName: request.formName,
        submissionData: request.submissionData,
        attachments: request.attachments ?? [],
      }),
    );
  });

  return routes;
}
