import * as z from 'zod/mini';
import { firstErrorPerField } from './field-errors';

/** Field name → a message safe to show next to that field. */
export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

/**
 * Validates `input` with a zod/mini schema (small enough for page bundles) and returns field errors
 * keyed by dotted path (`buttons.0.label`), first error per field.
 */
export function validate<S extends z.ZodMiniType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const { fieldErrors, add } = firstErrorPerField();
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key].join('.'), 'is not an accepted field');
      continue;
    }
    add(issue.path.join('.') || '(input)', issue.message);
  }
  return { ok: false, fieldErrors };
}

/** A trimmed string with a length range; messages say what is wrong in words a visitor understands. */
export function trimmedText(label: string, limits: { min?: number; max: number }) {
  return z
    .pipe(
      z.string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be text`) }),
      z.transform((value) => value.trim()),
    )
    .check(
      z.refine((value) => value.length >= (limits.min ?? 0), {
        error: limits.min === 1 ? `${label} is required` : `${label} must be at least ${limits.min} characters`,
      }),
      z.refine((value) => value.length <= limits.max, { error: `${label} must be at most ${limits.max} characters` }),
    );
}

/** An absolute http(s) URL (Wix `WEB_URL`). */
export function webUrl(label: string, max: number) {
  return z
    .string({ error: `${label} must be a URL` })
    .check(
      z.maxLength(max, { error: `${label} must be at most ${max} characters` }),
      z.refine(isWebUrl, { error: `${label} must be an absolute http(s) URL` }),
    );
}

export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A Wix id (GUID). */
export function guid(label: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be an id`) })
    .check(z.regex(GUID_PATTERN, { error: `${label} must be an id` }));
}
