import { checkEmailAddress } from 'public/email-rules';
import { INBOX_LIMITS as L } from 'public/inbox-limits';
import { formContent } from 'public/message-content';
import { contactForEmail } from '../lib/caller';
import { conversationIdFor, type Participant } from '../lib/inbox';
import { markerFor, sendOnce } from '../lib/send-once';
import type { Attempt } from './claims';
import type { WixFormSettings, WixFormsConfig } from './config';
import { cut, fitFields, valueText, type FormField } from './form-fields';
import {
  legacyFormSubmitSchema,
  submissionEventSchema,
  type LegacyFormSubmitEvent,
  type SubmissionEvent,
} from './form-schemas';
import type { Outcome } from './outcome';
import type { HandlerSpec } from './run-handler';

/** Options every Wix Forms message shares: how the business is told about it. */
export interface FormMessageOptions {
  /** Inbox `sendNotifications` on the form message (lib/settings.ts `notifications.inbound`). */
  sendNotifications: boolean;
}

/**
 * Wix Forms → Inbox: each submission becomes ONE FORM message from the submitter to the business,
 * visible to the business only, in the submitter's own conversation: a logged-in member's
 * conversation, or else that of the contact with the submission's email. Once only per submission:
 * the created event forwards it when its status is one of `statuses`, and so does an updated event
 * (Wix sends one when a submission is confirmed, or its payment status changes), so a payment form
 * created `PAYMENT_WAITING` is forwarded once it is paid (`CONFIRMED`), and a submission forwarded when
 * created is not forwarded again by its updates. One handler for each event name.
 *
 * The submitter's `visitorId` is not used as an Inbox visitor: Wix does not say it is the same id as
 * Inbox's `anonymousVisitorId` (platform-audit.md), and a message in the wrong visitor's
 * conversation would be worse than none.
 */
export function wixFormsHandler(
  config: WixFormsConfig,
  options: FormMessageOptions,
  name: 'wixForms_onSubmissionCreated' | 'wixForms_onSubmissionUpdated',
): HandlerSpec<SubmissionEvent> {
  return {
    name,
    schema: submissionEventSchema,
    claimKey: formKey,
    precheck: (event) => {
      const { entity } = event;
      if (!config.enabled) return { status: 'skipped', detail: 'Wix Forms messages are turned off' };
      if (entity.status && !(config.statuses as string[]).includes(entity.status)) {
        return { status: 'skipped', detail: `submission status ${entity.status} is not forwarded` };
      }
      if (!isListed(config, 'formIds', entity.formId)) {
        return { status: 'skipped', detail: `form ${entity.formId} is not forwarded` };
      }
      if (Object.keys(entity.submissions).length === 0) {
        return { status: 'skipped', detail: 'the submission has no fields' };
      }
      if (!memberIdOf(event) && !emailOf(entity.submissions, config.emailKeys)) {
        return { status: 'skipped', detail: 'no member submitter and no email field: no conversation to write to' };
      }
      return undefined;
    },
    run: async (event, attempt) => {
      const { entity } = event;
      const found = await submitterOf(event, config);
      if ('skipped' in found) return { status: 'skipped', detail: found.skipped };
      const settings = ownEntry(config.perForm, entity.formId);
      const fields = labelledFields(Object.entries(entity.submissions), settings);
      const title = settings?.title ?? config.defaultTitle;
      return sendForm(
        found.participant,
        formKey(event),
        { title, fields },
        options,
        `submission ${entity._id}`,
        attempt,
      );
    },
  };
}

/**
 * Legacy Wix Forms (`wixCrm_onFormSubmit`): the event names the contact Wix made from the form, so
 * the message goes to that contact's conversation. The event carries no id: the claim key is the
 * contact, form and submission time, which identify one submission.
 */
export function legacyFormHandler(
  config: WixFormsConfig,
  options: FormMessageOptions,
): HandlerSpec<LegacyFormSubmitEvent> {
  return {
    name: 'wixCrm_onFormSubmit',
    schema: legacyFormSubmitSchema,
    claimKey: legacyFormKey,
    precheck: (event) => {
      if (!config.enabled) return { status: 'skipped', detail: 'Wix Forms messages are turned off' };
      if (!isListed(config, 'formNames', event.formName)) {
        return { status: 'skipped', detail: `form "${event.formName}" is not forwarded` };
      }
      if (!event.contactId) return { status: 'skipped', detail: 'the event names no contact: no conversation' };
      if (event.submissionData.length === 0 && !event.attachments?.length) {
        return { status: 'skipped', detail: 'the submission has no fields' };
      }
      return undefined;
    },
    run: async (event, attempt) => {
      const settings = ownEntry(config.perForm, event.formName);
      const submitted = event.submissionData.map((field): [string, unknown] => [field.fieldName, field.fieldValue]);
      const fields = labelledFields(submitted, settings);
      if (event.attachments?.length) {
        // Attachment URLs are `wix:` media URLs, not web URLs Inbox media takes: listed as text.
        const lines = event.attachments.map((file) => `${file.name}: ${file.url}`);
        fields.push({ name: 'Attachments', value: lines.join('\n') });
      }
      const title = settings?.title ?? event.formName;
      const what = `form "${event.formName}"`;
      return sendForm({ contactId: event.contactId! }, legacyFormKey(event), { title, fields }, options, what, attempt);
    },
  };
}

/** Every form is forwarded, or only those in the list: new forms by id, legacy forms by name. */
function isListed(config: WixFormsConfig, list: 'formIds' | 'formNames', form: string): boolean {
  return config.forms === 'all' || (config.forms[list]?.includes(form) ?? false);
}

/**
 * A key's own entry in a settings map. Form names and field keys are the site's own words, so one
 * may be `constructor` or `toString`: a plain lookup would find Object's method instead of nothing.
 */
function ownEntry<T>(map: Record<string, T> | undefined, key: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Each submitted field as `{name, value}`: its configured label, else its key as Wix wrote it. */
function labelledFields(submitted: [key: string, value: unknown][], settings?: WixFormSettings): FormField[] {
  return submitted.map(([key, value]) => ({ name: ownEntry(settings?.labels, key) ?? key, value: valueText(value) }));
}

function memberIdOf(event: SubmissionEvent): string | undefined {
  const submitter = event.entity.submitter;
  return submitter && 'memberId' in submitter ? submitter.memberId : undefined;
}

/**
 * An email address by the contact form's rules (public/email-rules.ts, the same as public/email.ts): trimmed and normalized (NFKC,
 * domain in lower case), at most 254 characters, and refused if it hides an invisible character,
 * which would make a lookalike of someone else's address (a contact of its own).
 */
function emailAt(submissions: Record<string, unknown>, key: string): string | undefined {
  const checked = checkEmailAddress('Email', 254, ownEntry(submissions, key));
  return 'value' in checked ? checked.value : undefined;
}

/** The submitter's email: the first configured key that holds one, else the first "email" key that does. */
export function emailOf(submissions: Record<string, unknown>, keys: readonly string[]): string | undefined {
  const emailKeys = Object.keys(submissions).filter((key) => /email/i.test(key));
  for (const key of [...keys, ...emailKeys]) {
    const email = emailAt(submissions, key);
    if (email !== undefined) return email;
  }
  return undefined;
}

/**
 * The member who submitted, or else the contact with the submission's email (found or created).
 * An email that belongs to a member who was not logged in is not used: writing into a member's
 * conversation takes that member's session, the same rule as the contact form (lib/contact-form.ts).
 */
async function submitterOf(
  event: SubmissionEvent,
  config: WixFormsConfig,
): Promise<{ participant: Participant } | { skipped: string }> {
  const memberId = memberIdOf(event);
  if (memberId) return { participant: { memberId } };
  const { submissions } = event.entity;
  const email = emailOf(submissions, config.emailKeys)!;
  // Only the email: a typed email proves nothing, so a submission never changes an existing
  // contact's details (docs/decisions/0009-unverified-senders.md); the names stay in the message.
  const contact = await contactForEmail(email);
  if (contact.isMemberEmail) {
    return { skipped: 'the email belongs to a member who was not logged in: not written to their conversation' };
  }
  return { participant: { contactId: contact.contactId } };
}

/**
 * The once-only key of a Wix Forms submission: its id, the same in its created and updated events (an
 * event id would let each update forward the submission again).
 */
const formKey = (event: SubmissionEvent) => `form-submission:${event.entity._id}`;

/** The legacy event has no id: the contact, form and submission time identify one submission. */
const legacyFormKey = (event: LegacyFormSubmitEvent) =>
  `legacy-form:${event.contactId ?? '-'}:${event.formName}:${new Date(event.submissionTime).toISOString()}`;

/**
 * Sends the submission's FORM message once: `sendOnce` finds an earlier attempt whose answer was lost
 * (the message carries a business-only marker derived from the claim key), so a redelivery after a
 * lost answer does not store the submission twice (docs/decisions/0010-delivery-and-idempotency.md).
 */
async function sendForm(
  participant: Participant,
  key: string,
  form: { title: string; fields: FormField[] },
  options: FormMessageOptions,
  what: string,
  attempt: Attempt,
): Promise<Outcome> {
  const content = await formContent({
    title: cut(form.title.trim() || 'Form', L.formTitle),
    fields: fitFields(form.fields),
  });
  // fitFields keeps every limit, so this cannot fail; if it ever does, the event fails loudly.
  // Stryker disable next-line all: unreachable: a submission with no field is skipped before this, the title and every field name are non-empty and every text cut to its limit (form-fields.ts), so only a future limit change could reach it
  if (!content.ok) throw new Error(`form message is invalid: ${Object.keys(content.fieldErrors).join(', ')}`);
  const conversationId = await conversationIdFor(participant);
  const { alreadySent } = await sendOnce(
    conversationId,
    markerFor(key),
    {
      content: content.value,
      direction: 'PARTICIPANT_TO_BUSINESS',
      visibility: 'BUSINESS',
      sendAs: 'PARTICIPANT',
      sendNotifications: options.sendNotifications,
    },
    attempt,
  );
  if (alreadySent) return { status: 'done', detail: `form message for ${what} was stored by an earlier attempt` };
  return { status: 'done', detail: `form message sent for ${what}` };
}
