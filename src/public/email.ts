import { EMAIL_PATTERN, INVISIBLE, normalizeEmail } from './email-rules';
import type { Zod } from './validation';

export { EMAIL_PATTERN, normalizeEmail, withoutPlusTag } from './email-rules';

/** An email address as a visitor types it, normalized; a field error if it hides characters. */
export function emailAddress(z: Zod, label: string, max: number) {
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
