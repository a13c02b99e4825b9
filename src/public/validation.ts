import type * as Z from 'zod/mini';
import { firstErrorPerField } from './field-errors';

/** Field name → a message safe to show next to that field. */
export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

/** The zod/mini module: schemas are written as functions of it (see `lazySchema`). */
export type Zod = typeof Z;

/**
 * Some of zod's functions, by name. The rules a page also uses take only what they call, so page code
 * can pass an object of named imports: a whole `* as z` namespace passed as a value would keep all of
 * zod (about 85 KB gzipped) in the page bundle.
 */
export type ZodParts<K extends keyof Zod> = Pick<Zod, K>;

/**
 * Validates `input` with a zod/mini schema (small enough for page bundles) and returns field errors
 * keyed by dotted path (`buttons.0.label`), first error per field.
 */
export function validate<S extends Z.ZodMiniType>(schema: S, input: unknown): Validated<Z.output<S>> {
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

/** A schema built on first use: `await schema()` gives the same schema object every time. */
export type LazySchema<S extends Z.ZodMiniType> = () => Promise<S>;

/** What a lazy schema's values are once validated. */
export type LazyOutput<L extends LazySchema<Z.ZodMiniType>> = Z.output<Awaited<ReturnType<L>>>;
export type LazyInput<L extends LazySchema<Z.ZodMiniType>> = Z.input<Awaited<ReturnType<L>>>;

let zod: Promise<Zod> | undefined;

/**
 * zod/mini, imported with the first schema that is used rather than with the module. Every zod entry
 * point loads all of zod/v4/core and its 64 locale modules (about 90 modules): a cold backend module
 * that imported it statically paid ~150 ms before its first call, whether or not the call validates.
 * A failed import is not kept, so the next use tries again.
 */
function loadZod(): Promise<Zod> {
  return (zod ??= import('zod/mini').catch((error: unknown) => {
    zod = undefined;
    throw error;
  }));
}

/**
 * A schema built from zod on its first use (zod itself loads then: see `loadZod`). Each schema is
 * built once, so a backend instance pays only for the schemas of the calls it serves; a failed load or
 * build is not kept. `build` is a plain function of zod, so page code, which bundles zod anyway, can
 * build the same schema at once (see `ZodParts`).
 *
 * @example const nameSchema = lazySchema((z) => trimmedText(z, 'Name', { min: 1, max: 100 }));
 *          const checked = validate(await nameSchema(), input);
 */
export function lazySchema<S extends Z.ZodMiniType>(build: (z: Zod) => S): LazySchema<S> {
  let built: Promise<S> | undefined;
  return () =>
    (built ??= loadZod()
      .then(build)
      .catch((error: unknown) => {
        built = undefined;
        throw error;
      }));
}

/** Validates `input` with a lazy schema, building it (and loading zod) first if this is its first use. */
export async function validateLazily<S extends Z.ZodMiniType>(
  schema: LazySchema<S>,
  input: unknown,
): Promise<Validated<Z.output<S>>> {
  return validate(await schema(), input);
}

/** A trimmed string with a length range; messages say what is wrong in words a visitor understands. */
export function trimmedText(
  z: ZodParts<'pipe' | 'string' | 'transform' | 'refine'>,
  label: string,
  limits: { min?: number; max: number },
) {
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
export function webUrl(z: ZodParts<'string' | 'maxLength' | 'refine'>, label: string, max: number) {
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
export function guid(z: ZodParts<'string' | 'regex'>, label: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be an id`) })
    .check(z.regex(GUID_PATTERN, { error: `${label} must be an id` }));
}
