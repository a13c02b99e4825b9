/**
 * What makes an email address acceptable and its one stored form, without zod: shared by the zod
 * schema (email.ts, the backend's authority) and the page's own check (contact-form-check.ts), which
 * must stay small enough for the contact page bundle.
 */

/**
 * Characters that are invisible or that control layout: C0/C1 controls (Cc), format characters (Cf:
 * zero-width space/joiners, BOM, soft hyphen, bidi overrides), line/paragraph separators, everything
 * Unicode calls Default_Ignorable (Hangul fillers, variation selectors, the combining grapheme
 * joiner) and the braille blank. An email holding one looks like another person's address but is a different
 * contact, so it is refused rather than silently cleaned. Tabs and line breaks are plain whitespace:
 * trimmed at the ends, refused by the address pattern inside.
 */
export const INVISIBLE = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]/u;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The one form an email is used in: NFKC (full-width and compatibility letters become plain ones),
 * trimmed, domain lowercased (domains are case-insensitive; the local part is left as typed).
 */
export function normalizeEmail(email: string): string {
  const normalized = email.normalize('NFKC').trim();
  const at = normalized.lastIndexOf('@');
  return at < 0 ? normalized : normalized.slice(0, at + 1) + normalized.slice(at + 1).toLowerCase();
}

/** `ann+news@example.com` → `ann@example.com` (the site owner's choice: `removePlusTag` in settings). */
export function withoutPlusTag(email: string): string {
  return email.replace(/^([^+@]+)\+[^@]*@/, '$1@');
}

/**
 * The email rules of `emailAddress` (email.ts), in the same order and with the same messages, without
 * zod: for the contact page's own check (contact-form-check.ts, whose test proves it equal to the zod
 * schema) and for the backend's synchronous reading of a Wix Forms email field.
 */
export function checkEmailAddress(label: string, max: number, value: unknown): { error: string } | { value: string } {
  if (typeof value !== 'string')
    return { error: value === undefined ? `${label} is required` : `${label} must be text` };
  if (INVISIBLE.test(value))
    return { error: `${label} contains invisible or control characters; please type it again` };
  const trimmed = value.trim();
  if (trimmed.length === 0) return { error: `${label} is required` };
  const normalized = normalizeEmail(trimmed);
  if (normalized.length > max) return { error: `${label} must be at most ${max} characters` };
  if (!EMAIL_PATTERN.test(normalized)) return { error: `${label} must be an email address` };
  return { value: normalized };
}
