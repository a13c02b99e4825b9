import * as z from 'zod/mini';

/**
 * Characters that are invisible or that control layout: C0/C1 controls (Cc), format characters (Cf:
 * zero-width space/joiners, BOM, soft hyphen, bidi overrides), line/paragraph separators, everything
 * Unicode calls Default_Ignorable (Hangul fillers, variation selectors, the combining grapheme
 * joiner) and the braille blank. An email holding one looks like another person's address but is a different
 * contact, so it is refused rather than silently cleaned. Tabs and line breaks are plain whitespace:
 * trimmed at the ends, refused by the address pattern inside.
 */
const INVISIBLE = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]/u;
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

/** An email address as a visitor types it, normalized; a field error if it hides characters. */
export function emailAddress(label: string, max: number) {
  // Invisible characters are looked for before trimming: trim() would silently drop a leading BOM.
  const typed = z
    .pipe(
      z
        .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be text`) })
        .check(
          z.refine((value) => !INVISIBLE.test(value), {
            error: `${label} contains invisible or control characters; please type it again`,
          }),
        ),
      z.transform((value) => value.trim()),
    )
    .check(z.refine((value) => value.length > 0, { error: `${label} is required` }));
  // Length and shape are judged on the normalized form, the one that is stored (NFKC can lengthen).
  return z.pipe(
    typed,
    z.pipe(
      z.transform(normalizeEmail),
      z.string().check(
        z.refine((value) => value.length <= max, { error: `${label} must be at most ${max} characters` }),
        z.regex(EMAIL_PATTERN, { error: `${label} must be an email address` }),
      ),
    ),
  );
}
