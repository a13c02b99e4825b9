import { z } from 'zod';

const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Wix `@format GUID`. */
export const guid = () =>
  z.string({ error: requiredOrType('a GUID string') }).regex(GUID_PATTERN, { error: 'must be a GUID' });

export function isWebUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
}

/** Wix `@format WEB_URL`: an absolute http(s) URL. */
export const webUrl = (maxLength: number) =>
  text({ max: maxLength }).refine(isWebUrl, {
    error: 'must be an absolute http(s) URL',
    params: { violatedRule: 'FORMAT' },
  });

/** A string with Wix length limits; the message says what the limit is. */
export function text(limits: { min?: number; max?: number } = {}) {
  let schema = z.string({ error: requiredOrType('a string') });
  if (limits.min !== undefined) {
    const error = limits.min === 1 ? 'must not be empty' : `must be at least ${limits.min} characters`;
    schema = schema.min(limits.min, { error });
  }
  if (limits.max !== undefined) schema = schema.max(limits.max, { error: `must be at most ${limits.max} characters` });
  return schema;
}

/** A list with Wix size limits. */
export function list<T extends z.ZodType>(item: T, limits: { min?: number; max?: number } = {}) {
  let schema = z.array(item, { error: requiredOrType('a list') });
  if (limits.min !== undefined) schema = schema.min(limits.min, { error: `must have at least ${limits.min} items` });
  if (limits.max !== undefined) schema = schema.max(limits.max, { error: `must have at most ${limits.max} items` });
  return schema;
}

/** An enum; the message lists the accepted values. */
export function oneOfValues<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${values.join(', ')}`),
  });
}

export function bool() {
  return z.boolean({ error: requiredOrType('a boolean') });
}

export function integer(limits: { min?: number; max?: number } = {}) {
  let schema = z.number({ error: requiredOrType('a number') }).int({ error: 'must be an integer' });
  if (limits.min !== undefined) schema = schema.min(limits.min, { error: `must be at least ${limits.min}` });
  if (limits.max !== undefined) schema = schema.max(limits.max, { error: `must be at most ${limits.max}` });
  return schema;
}

function requiredOrType(expected: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null ? 'is required' : `must be ${expected}`;
}

/**
 * Exactly one of `keys` is set on `value` (Wix one-ofs). Adds an ONE_OF_ALIGNMENT issue otherwise.
 */
export function exactlyOneOf(keys: readonly string[], what: string) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const present = keys.filter((key) => value[key] !== undefined && value[key] !== null);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          present.length === 0
            ? `${what}: exactly one of ${keys.join(', ')} is required`
            : `${what}: only one of ${keys.join(', ')} may be set, got ${present.join(' and ')}`,
        params: { violatedRule: 'ONE_OF_ALIGNMENT' },
      });
    }
  };
}
