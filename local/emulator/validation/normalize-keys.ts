import { BadRequest } from '../errors';

/** Keys never copied from a request: they would reach an object's prototype. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** No Wix request nests anywhere near this deep; deeper input is rejected rather than recursed into. */
export const MAX_JSON_DEPTH = 32;

function camelCase(key: string): string {
  if (!key.includes('_')) return key;
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Returns a deep copy of parsed JSON with snake_case keys turned into lowerCamel (Wix gateways accept
 * proto field names as well as JSON names, inbox-contract.md §1.2) and prototype-polluting keys dropped.
 * When both forms of a key are present, the lowerCamel one wins.
 *
 * `freeForm` names the request's free-form maps by their lowerCamel dotted path (`dataItem.data`,
 * `metadata`): their keys are the caller's own data, not proto field names, and Wix keeps them as
 * written (a Wix Data field `first_name`, a form's `first_name_1`), so inside them nothing is renamed.
 */
export function normalizeKeys(value: unknown, freeForm: readonly string[] = [], depth = 0, path = ''): unknown {
  if (depth > MAX_JSON_DEPTH) {
    throw new BadRequest('NESTING_TOO_DEEP', `Request JSON is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  if (Array.isArray(value)) return value.map((item) => normalizeKeys(item, freeForm, depth + 1, path));
  if (value === null || typeof value !== 'object') return value;
  const verbatim = path === FREE || freeForm.includes(path);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const name = verbatim ? key : camelCase(key);
    if (FORBIDDEN_KEYS.has(key) || FORBIDDEN_KEYS.has(name)) continue;
    if (name !== key && Object.hasOwn(value, name)) continue;
    out[name] = normalizeKeys(child, freeForm, depth + 1, verbatim ? FREE : path ? `${path}.${name}` : name);
  }
  return out;
}

/** The path of anything inside a free-form map: kept verbatim at every depth below it. */
const FREE = '\0free-form';
