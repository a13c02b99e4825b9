import { z } from 'zod';
import { InvalidArgument, type FieldViolation, type ViolatedRule } from '../errors';

/** `['message','content','basic','items',0,'text']` → `message.content.basic.items[0].text` */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/**
 * The field a violation of the request as a whole names: a body that is not a JSON object, or a one-of
 * between top-level fields. Every violation names a field, so a caller always knows where to look.
 */
const WHOLE_REQUEST_FIELD = 'request';

/** The one place a zod issue becomes a Wix field violation. */
function toViolation(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): FieldViolation {
  const field = formatFieldPath([...prefix, ...issue.path]) || WHOLE_REQUEST_FIELD;
  const rule = ruleOf(issue);
  return { field, description: issue.message, violatedRule: rule };
}

function ruleOf(issue: z.core.$ZodIssue): ViolatedRule {
  const missing = issue.input === undefined || issue.input === null;
  switch (issue.code) {
    case 'invalid_type':
      return missing ? 'REQUIRED_FIELD' : 'VALIDATION';
    case 'too_big':
      return issue.origin === 'string' ? 'MAX_LENGTH' : issue.origin === 'array' ? 'MAX_SIZE' : 'MAX';
    case 'too_small':
      return issue.origin === 'string' ? 'MIN_LENGTH' : issue.origin === 'array' ? 'MIN_SIZE' : 'MIN';
    case 'invalid_format':
      return 'FORMAT';
    case 'invalid_value':
      return missing ? 'REQUIRED_FIELD' : 'INVALID_ENUM_VALUE';
    case 'custom': {
      const rule = (issue.params as { violatedRule?: ViolatedRule } | undefined)?.violatedRule;
      return rule ?? 'VALIDATION';
    }
    default:
      return 'VALIDATION';
  }
}

/**
 * Parses `input` with `schema`, or throws `InvalidArgument` listing every violation, sorted by field
 * (as Wix sorts them). `prefix` is prepended to each field path (e.g. `['paging']`).
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const violations = result.error.issues
    .map((issue) => toViolation(issue, prefix))
    .sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
  throw new InvalidArgument(violations);
}
