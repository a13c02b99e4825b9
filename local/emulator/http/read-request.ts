import type { Context } from 'hono';
import { BadRequest } from '../errors';
import { normalizeKeys } from '../validation/normalize-keys';

/**
 * The JSON body of a request, with keys normalized (snake_case accepted, prototype keys dropped), except
 * inside the free-form maps named in `freeForm` (see normalizeKeys). A body that is not JSON is a 400
 * before any handler logic runs.
 */
export async function readJsonBody(c: Context, freeForm: readonly string[] = []): Promise<unknown> {
  const raw = await c.req.text();
  if (raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new BadRequest('MALFORMED_JSON', `Request body is not valid JSON: ${(error as Error).message}`);
  }
  return normalizeKeys(parsed, freeForm);
}

/**
 * The query of a GET request as one object. The SDK sends a request with nested fields as a single
 * `.r` parameter holding base64url JSON (inbox-contract.md §1.3); REST callers send flat dotted keys
 * (`paging.limit=10`). Both become the same nested object.
 */
export function readQuery(c: Context): Record<string, unknown> {
  const url = new URL(c.req.url);
  const packed = url.searchParams.get('.r');
  if (packed !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(packed, 'base64url').toString('utf8'));
    } catch {
      throw new BadRequest('MALFORMED_QUERY', 'The `.r` query parameter is not base64url-encoded JSON.');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new BadRequest('MALFORMED_QUERY', 'The `.r` query parameter must encode a JSON object.');
    }
    return normalizeKeys(parsed) as Record<string, unknown>;
  }
  const nested: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    setPath(nested, key.split('.'), value);
  }
  return normalizeKeys(nested) as Record<string, unknown>;
}

/** Flat query values are strings; numeric paging fields are turned into numbers where they parse. */
const NUMERIC_QUERY_FIELDS = new Set(['limit', 'offset']);

function setPath(target: Record<string, unknown>, path: string[], value: string): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const child = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (child === null || typeof child !== 'object') {
      const created: Record<string, unknown> = {};
      Object.defineProperty(node, segment, { value: created, enumerable: true, writable: true, configurable: true });
      node = created;
    } else {
      node = child as Record<string, unknown>;
    }
  }
  const leaf = path.at(-1)!;
  const typed = NUMERIC_QUERY_FIELDS.has(leaf) && /^-?\d+$/.test(value) ? Number(value) : value;
  Object.defineProperty(node, leaf, { value: typed, enumerable: true, writable: true, configurable: true });
}
