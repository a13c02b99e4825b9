import { INBOX_LIMITS as L } from 'public/inbox-limits';

/** One field of an Inbox FORM message. */
export interface FormField {
  name: string;
  value: string;
}

/** Appended where text was cut, so the business can see that something is missing. */
export const TRUNCATED_MARK = '… [truncated]';
/** The name of the last field when a submission has more fields than Inbox takes. */
export const MORE_FIELDS_NAME = 'More fields';
const UNNAMED_FIELD = '(unnamed field)';

/**
 * A submitted value as Inbox text. Wix Forms values are JSON (text, numbers, booleans for
 * checkboxes, lists for multi-choice, objects for addresses or files): lists are joined with ", ",
 * booleans read Yes / No, objects are written as JSON, an empty value is an empty string.
 *
 * @example valueText(['Red', 'Blue']) // 'Red, Blue'
 */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  // What is left is a JSON number (written as its digits) or object. The event arrives as JSON, so
  // nothing here can make this throw (no cycles, no BigInt) or answer undefined (no functions).
  return JSON.stringify(value);
}

/** `text` cut to `max` characters, ending in the truncation mark when it was cut. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - TRUNCATED_MARK.length)}${TRUNCATED_MARK}`;
}

/**
 * Fields that fit Inbox's FORM limits (inbox-contract.md §2.6): names trimmed, never empty, and cut
 * at 8192 characters; values cut at 8192 characters; at most 15 fields, the 15th holding every field
 * from there on as `name: value` lines. Nothing is dropped without a mark, and the result is always
 * sendable, so a large submission never fails its event.
 */
export function fitFields(fields: readonly FormField[]): FormField[] {
  const fitted = fields.map((field) => ({
    name: cut(field.name.trim() || UNNAMED_FIELD, L.formFieldName),
    value: cut(field.value, L.formFieldValue),
  }));
  if (fitted.length <= L.formFields) return fitted;
  const kept = fitted.slice(0, L.formFields - 1);
  const rest = fitted.slice(L.formFields - 1).map((field) => `${field.name}: ${field.value}`);
  return [...kept, { name: MORE_FIELDS_NAME, value: cut(rest.join('\n'), L.formFieldValue) }];
}
