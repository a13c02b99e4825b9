import type { ContactForm } from './contact-form';
import { checkEmailAddress } from './email-rules';
import { firstErrorPerField } from './field-errors';
import { INBOX_LIMITS } from './inbox-limits';
import type { Validated } from './validation';

/**
 * The contact form's check for the page, without zod: zod/mini alone is twice the 3 KB the contact
 * page may weigh (issue #13). The zod schema in contact-form.ts stays the authority (the backend
 * enforces it); this gives the visitor exactly the same field errors, messages and normalized value,
 * which test/site/contact-form-check.test.ts proves with random and adversarial inputs. The `type`
 * imports above are erased: nothing of zod reaches the page.
 */

type FieldResult = { error: string } | { value: unknown };

const typeError = (label: string, value: unknown) =>
  value === undefined ? `${label} is required` : `${label} must be text`;

/** Same rules as `trimmedText` in validation.ts. */
function trimmedText(label: string, min: number, max: number) {
  return (value: unknown): FieldResult => {
    if (typeof value !== 'string') return { error: typeError(label, value) };
    const trimmed = value.trim();
    if (trimmed.length < min) return { error: `${label} is required` }; // min is 0 or 1 here
    if (trimmed.length > max) return { error: `${label} must be at most ${max} characters` };
    return { value: trimmed };
  };
}

/** Same rules, in the same order, as `emailAddress` in email.ts. */
function emailAddress(label: string, max: number) {
  return (value: unknown): FieldResult => checkEmailAddress(label, max, value);
}

const ofType =
  (type: string, error: string) =>
  (value: unknown): FieldResult =>
    typeof value === type ? { value } : { error };

/** Field → [optional, rule], in the schema's order (the order errors and the value's keys come in). */
const FIELDS: Record<keyof ContactForm, [boolean, (value: unknown) => FieldResult]> = {
  firstName: [false, trimmedText('First name', 1, 100)],
  lastName: [true, trimmedText('Last name', 0, 100)],
  email: [false, emailAddress('Email', 254)],
  message: [false, trimmedText('Message', 1, INBOX_LIMITS.formFieldValue)],
  subscribeNewsletter: [true, ofType('boolean', 'Subscribe must be true or false')],
  website: [true, ofType('string', 'website must be text')],
  captchaToken: [true, trimmedText('Captcha', 0, 4096)],
};

/**
 * Checks `input` as `validateContactForm` does. Like zod, a field counts as given when `key in input`
 * (inherited ones too), an optional field given as `undefined` stays in the value as `undefined`, and
 * any other enumerable key (`for…in`) is "not an accepted field".
 */
export function checkContactForm(input: unknown): Validated<ContactForm> {
  const { fieldErrors, add } = firstErrorPerField();
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    add('(input)', 'The form must be an object of its fields');
    return { ok: false, fieldErrors };
  }
  const fields = input as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  let ok = true;
  for (const [field, [optional, rule]] of Object.entries(FIELDS)) {
    const given = field in fields;
    const raw = fields[field];
    if (optional && raw === undefined) {
      if (given) value[field] = undefined;
      continue;
    }
    const result = rule(raw);
    if ('error' in result) {
      ok = false;
      add(field, result.error);
    } else value[field] = result.value;
  }
  for (const key in fields) {
    if (Object.prototype.hasOwnProperty.call(FIELDS, key)) continue;
    ok = false;
    add(key, 'is not an accepted field');
  }
  return ok ? { ok: true, value: value as ContactForm } : { ok: false, fieldErrors };
}
