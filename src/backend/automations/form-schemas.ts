import { lazySchema, type LazyOutput, type Zod } from 'public/validation';

/**
 * The parts of the Wix Forms event payloads the handlers rely on, checked before anything is done.
 * Unknown fields are allowed: Wix adds fields over time. Sources: the Velo docs of
 * `wixForms_onSubmissionCreated` and `wixForms_onSubmissionUpdated` (wix-forms-v2 Events: the
 * submission as `entity`, and `metadata`) and of `wixCrm_onFormSubmit` (wix-crm-backend Events,
 * `FormSubmitEvent`). Each schema is built, and zod
 * loaded, when its event first comes (validation.ts `lazySchema`).
 */

const id = (z: Zod) => z.string().check(z.minLength(1), z.maxLength(200));
/** A time as Velo gives it (a Date) or as JSON carries it (a string). */
const time = (z: Zod) => z.union([z.date(), z.string()]);

/** A JSON object (an event payload's map): not null, not an array. */
const isRecord = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Exactly one of the documented submitter ids (`Submitter` is a one-of). */
const submitter = (z: Zod) =>
  z.union([
    z.object({ memberId: id(z) }),
    z.object({ visitorId: id(z) }),
    z.object({ applicationId: id(z) }),
    z.object({ userId: id(z) }),
  ]);

/** A new Wix Forms submission event, created or updated: the submission as it is now, and the event's metadata. */
export const submissionEventSchema = lazySchema((z) =>
  z.object({
    entity: z.object({
      _id: id(z),
      formId: id(z),
      namespace: z.optional(z.string()),
      status: z.optional(z.string()),
      /**
       * Field key (as the form defines it, e.g. `first_name_1`) → submitted value, any JSON. Checked
       * and kept as Wix sent it, not copied: zod's copy of a record drops a field keyed `__proto__`.
       * No message: a rejected payload is logged by field names only (run-handler.ts).
       */
      submissions: z.custom<Record<string, unknown>>(isRecord),
      submitter: z.optional(submitter(z)),
      _createdDate: z.optional(time(z)),
    }),
    metadata: z.object({ id: id(z), entityId: z.optional(z.string()), eventTime: z.optional(time(z)) }),
  }),
);
export type SubmissionEvent = LazyOutput<typeof submissionEventSchema>;

/**
 * `contactId` may be missing: the handler then skips the event with a reason (README, Wix Forms).
 * `formName` and an attachment's `name` are strings in Velo's `FormSubmitEvent`, and the handler
 * relies on them (the form's settings and title, the claim key, the attachment line). The submission
 * time identifies the submission in the claim key, so it must be a real time: a valid Date as Velo
 * documents it, or an ISO date-time as JSON would carry it.
 */
export const legacyFormSubmitSchema = lazySchema((z) =>
  z.object({
    contactId: z.optional(z.nullable(z.string())),
    formName: z.string(),
    submissionTime: z.union([z.date(), z.iso.datetime({ offset: true })]),
    submissionData: z.array(z.object({ fieldName: z.string(), fieldValue: z.unknown() })),
    attachments: z.optional(
      z.nullable(z.array(z.object({ name: z.string(), type: z.optional(z.string()), url: z.string() }))),
    ),
  }),
);
export type LegacyFormSubmitEvent = LazyOutput<typeof legacyFormSubmitSchema>;
