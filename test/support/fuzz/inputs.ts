/**
 * Generic fuzz inputs, independent of any one endpoint: odd values, mutations of valid requests,
 * random JSON, raw bodies, query strings and path segments.
 */
import fc from 'fast-check';

/** Sets an own property, even `__proto__` (an assignment would set the prototype instead). */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of plain data that keeps own `__proto__` keys, `undefined` and NaN. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, child] of Object.entries(value)) setOwn(out, key, copy(child));
  return out;
}

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** URL-encodes any string; lone surrogates (which encodeURIComponent refuses) become U+FFFD. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  }
}

export const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

// prettier-ignore
const SPECIAL_STRINGS = [
  '', ' ', '\t\n', '\u0000', '\ud800', 'a\udc00b', '\u202eevil', '\ufeff', 'e\u0301', '😀'.repeat(300),
  '<script>alert(1)</script>', "' OR 1=1 --", '${7*7}', 'null', 'true', '0', '-1', '1e400', '[]', '{}',
  '__proto__', 'constructor', 'javascript:alert(1)', 'http://', 'https://', '//example.com',
  'ftp://example.com/a', 'https://exa mple.com', 'not-an-email@', '00000000-0000-0000-0000-000000000000',
  'ZZZZZZZZ-ZZZZ-4ZZZ-8ZZZ-ZZZZZZZZZZZZ', 'ann@example.com\u200b', 'ａｎｎ@ＥＸＡＭＰＬＥ.com', 'ann@exam\u00adple.com',
];

/** Characters a reader cannot see: zero-width, joiners, BOM, soft hyphen, bidi controls, fillers, C0/C1. */
// prettier-ignore
export const INVISIBLE_CHARACTERS = [
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u202e', '\u2066', '\u3164', '\u115f', '\ufe0f',
  '\u034f', '\u2800', '\u0000', '\u0007', '\u0085', '\u2028',
];

/** A valid email with one invisible character slipped in: looks like the address, is not it. */
export const lookAlikeEmail = (valid: fc.Arbitrary<string>) =>
  fc.tuple(valid, fc.constantFrom(...INVISIBLE_CHARACTERS), fc.nat()).map(([email, invisible, at]) => {
    const i = at % (email.length + 1);
    return email.slice(0, i) + invisible + email.slice(i);
  });

/**
 * What a member does in their own conversation, in any order, with other traffic in between: the
 * shape that walked around a rate limit that read only the newest messages.
 */
export type InterleavedAction =
  { kind: 'form' } | { kind: 'memberMessage' } | { kind: 'businessReplies'; count: number };
export const interleavedActions: fc.Arbitrary<InterleavedAction[]> = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.constant({ kind: 'form' as const }) },
    { weight: 3, arbitrary: fc.constant({ kind: 'memberMessage' as const }) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 120 }).map((count) => ({ kind: 'businessReplies' as const, count })),
    },
  ),
  { minLength: 6, maxLength: 40 },
);

/** Strings at and just past the limits the emulator and the site check, and far past them. */
const hugeString = fc
  .constantFrom(100, 101, 255, 256, 257, 512, 513, 2000, 2001, 4001, 8193, 16_384, 16_385, 70_000)
  .chain((n) => fc.constantFrom('x', 'é', ' ', '😀').map((unit) => unit.repeat(n)));

const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

const prototypeKey = fc.constantFrom('__proto__', 'constructor', 'prototype');

/** Names every object inherits: a look-up by name that is not an own-property look-up finds these. */
export const INHERITED_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

/**
 * Arrays at and far past the lengths a server may spread or walk: 17 (one past the web-method argument
 * limit), 1,000, and 150,000 (which overflows the stack when spread into a call).
 */
export const hugeArray: fc.Arbitrary<unknown[]> = fc
  .oneof(
    { weight: 3, arbitrary: fc.constant(17) },
    { weight: 2, arbitrary: fc.constant(1000) },
    { weight: 1, arbitrary: fc.constant(150_000) },
  )
  .chain((length) => fc.constantFrom<unknown>(0, '', null, {}).map((item) => new Array<unknown>(length).fill(item)));

/** A value of the wrong type, size or shape for almost any field. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 1e21, -0, [], {}, [null], [[]], [{}]) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 4, arbitrary: oddString },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 20, max: 80 }), fc.boolean()).map(([d, a]) => nested(d, a)) },
  { weight: 1, arbitrary: fc.webUrl() },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 30 }) },
  { weight: 1, arbitrary: fc.tuple(prototypeKey, fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => copy({ [k]: v })) },
  { weight: 1, arbitrary: hugeArray },
);

/** Names for extra fields: prototype keys, inherited names, fields the server sets, odd strings. */
const extraKey = fc.oneof(
  // prettier-ignore
  fc.constantFrom(...INHERITED_NAMES, 'id', '_id', 'sender', 'appId', 'conversationId', 'participantId',
    'direction', 'visibility', 'a.b', '0', ''),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

type Slot = { parent: Record<string | number, unknown>; key: string | number };

/** Every position that holds a value, the root included (as `box.v`), in document order. */
function slotsOf(box: { v: unknown }): Slot[] {
  const slots: Slot[] = [];
  const walk = (parent: Record<string | number, unknown>, key: string | number) => {
    slots.push({ parent, key });
    const value = parent[key];
    if (value !== null && typeof value === 'object') {
      for (const k of Object.keys(value)) walk(value as Record<string, unknown>, Array.isArray(value) ? Number(k) : k);
    }
  };
  walk(box, 'v');
  return slots;
}

const MUTATIONS = ['drop', 'replace', 'replace', 'extra', 'retype', 'wrap', 'rename'] as const;
type Mutation = { kind: (typeof MUTATIONS)[number]; at: number; value: unknown; key: string };

export const isContainer = (value: unknown): value is object => value !== null && typeof value === 'object';

function applyMutation(box: { v: unknown }, m: Mutation): void {
  const slots = slotsOf(box);
  const { parent, key } = slots[m.at % slots.length]!;
  const value = parent[key];
  switch (m.kind) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return;
    case 'replace':
      return setOwn(parent, String(key), copy(m.value));
    case 'extra': {
      const containers = slots.map((s) => s.parent[s.key]).filter(isContainer);
      const container = containers[m.at % Math.max(1, containers.length)];
      if (Array.isArray(container)) container.push(copy(m.value));
      else if (container) setOwn(container, m.key, copy(m.value));
      return;
    }
    case 'retype': // numbers and booleans as strings, strings as numbers
      return setOwn(parent, String(key), typeof value === 'string' ? Number(value) : JSON.stringify(value));
    case 'wrap': // arrays where objects belong, and the other way round
      return setOwn(parent, String(key), Array.isArray(value) ? { ...value } : [value]);
    case 'rename': // snake_case (which the emulator accepts), upper case, or a trailing space
      if (typeof key === 'string' && !Array.isArray(parent)) {
        const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        delete parent[key];
        setOwn(parent, [snake, key.toUpperCase(), `${key} `][m.at % 3]!, value);
      }
      return;
  }
}

/** One to three mutations of a valid value: dropped, replaced, extra, renamed or re-typed fields. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const mutation = fc.record({ kind: fc.constantFrom(...MUTATIONS), at: fc.nat(), value: oddValue, key: extraKey });
  return fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([value, mutations]) => {
    const box = { v: copy(value) };
    for (const m of mutations) applyMutation(box, m);
    return box.v;
  });
}

/** Bodies that are not the JSON of anything, or not of an object. */
// prettier-ignore
const RAW_BODIES = [
  '', ' ', '\n', '{', '}', '[', '{"a":', '{a:1}', "{'a':1}", '{"a":1,}', 'undefined', 'NaN', '1e999', '-', 'null',
  'true', '""', '0', '[]', '{}', '\ufeff{}', '\u0000', '{"a":"\\ud800"}', '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}', '['.repeat(5000) + ']'.repeat(5000),
  '{"a":'.repeat(40) + '1' + '}'.repeat(40),
];

/** Raw bodies: broken JSON, truncated valid JSON, random text, and one over the 1 MiB limit. */
function rawBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const text = valid.map((v) => JSON.stringify(v) ?? '');
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...RAW_BODIES) },
    { weight: 2, arbitrary: fc.string() },
    { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
    { weight: 2, arbitrary: text.chain((t) => fc.nat(t.length).map((n) => t.slice(0, n))) },
    { weight: 1, arbitrary: text.map((t) => `${t}garbage`) },
    { weight: 1, arbitrary: fc.constant(null).map(() => JSON.stringify({ pad: 'x'.repeat(1_100_000) })) },
  );
}

/** Request bodies: mostly mutations of valid requests, some valid ones, random JSON and raw text. */
export function bodyArbitrary(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string | undefined> {
  const toJson = (value: unknown): string | undefined => JSON.stringify(value);
  return fc.oneof(
    { weight: 10, arbitrary: mutated(valid).map(toJson) },
    { weight: 3, arbitrary: valid.map(toJson) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 5 }).map(toJson) },
    { weight: 3, arbitrary: rawBody(valid) },
  );
}

/** An object as flat REST query parameters: `paging.limit=10&visibility=BUSINESS`. */
function toQuery(value: unknown): string {
  const pairs: string[] = [];
  const walk = (v: unknown, key: string) => {
    if (isContainer(v)) for (const [k, child] of Object.entries(v)) walk(child, key ? `${key}.${k}` : k);
    else pairs.push(`${encode(key)}=${encode(String(v))}`);
  };
  walk(value, '');
  return pairs.join('&');
}

// prettier-ignore
const QUERY_KEYS = [
  'conversationId', 'visibility', 'paging', 'paging.limit', 'paging.cursor', 'sorting.order', 'sorting.fieldName',
  'fieldsets', 'dataCollectionId', '__proto__.polluted', 'constructor.prototype.polluted', '.', '..',
  'paging..limit', 'paging.limit.value', '.r',
];

/** Query strings: flattened (mutated) requests, random pairs and raw text. */
export function flatQuery(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const pair = fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), oddString), oddString);
  const pairs = fc.array(pair, { maxLength: 6 }).map((ps) => ps.map(([k, v]) => `${encode(k)}=${encode(v)}`));
  return fc.oneof(
    { weight: 6, arbitrary: mutated(valid).map(toQuery) },
    { weight: 2, arbitrary: valid.map(toQuery) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(toQuery) },
    { weight: 2, arbitrary: pairs.map((ps) => ps.join('&')) },
    { weight: 1, arbitrary: fc.string().map((s) => s.replace(/#/g, '%23')) },
  );
}

/** The SDK's packed `.r` parameter: base64url JSON of a (mutated) request, of anything, or junk. */
export function packedQuery(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  const pack = (value: unknown) => `.r=${encode(base64url(JSON.stringify(value) ?? ''))}`;
  return fc.oneof(
    { weight: 6, arbitrary: mutated(valid).map(pack) },
    { weight: 2, arbitrary: valid.map(pack) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(pack) },
    { weight: 2, arbitrary: rawBody(valid).map((raw) => `.r=${encode(base64url(raw))}`) },
    { weight: 1, arbitrary: oddString.map((s) => `.r=${encode(s)}`) },
  );
}

const RAW_SEGMENTS = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '..', '.', '%2F', '%00', '%2e%2e', '%20', 'a%2Fb', ';'];

/** A path parameter: a real id, a random GUID, odd text (encoded) or raw percent-escapes. */
export function pathSegment(valid: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...valid) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: oddString.map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS, ...valid.map((v) => v.toUpperCase())) },
    { weight: 1, arbitrary: fc.constantFrom(...INHERITED_NAMES) },
  );
}

/**
 * The `Host` a local server on `port` may be sent: its own loopback names (any case), and what a
 * DNS-rebinding page's browser sends (the attacker's name, a look-alike, another port, no port).
 */
export function hostHeader(port: number): fc.Arbitrary<string> {
  const own = fc.constantFrom(`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LocalHost:${port}`);
  const foreign = fc.constantFrom(
    `attacker.example:${port}`,
    `localhost.attacker.example:${port}`,
    `127.0.0.1.nip.io:${port}`,
    `127.0.0.1:${port + 1}`,
    '127.0.0.1',
    'localhost',
    `0.0.0.0:${port}`,
    `127.0.0.2:${port}`,
  );
  return fc.oneof({ weight: 2, arbitrary: own }, { weight: 1, arbitrary: foreign });
}

/** An `Origin` a page may send, or none (curl, the SDK): the server's own, another site, a sandbox. */
export function originHeader(port: number): fc.Arbitrary<string | undefined> {
  return fc.constantFrom(
    undefined,
    `http://127.0.0.1:${port}`,
    `http://localhost:${port}`,
    `http://127.0.0.1:${port + 1}`,
    `https://127.0.0.1:${port}`,
    'https://attacker.example',
    'null',
  );
}

/** `Sec-Fetch-Site` and `Sec-Fetch-Mode` as browsers send them, or none (curl, the SDK). */
export const fetchMetadata = fc.record({
  site: fc.constantFrom(undefined, 'same-origin', 'same-site', 'cross-site', 'none'),
  mode: fc.constantFrom(undefined, 'navigate', 'cors', 'no-cors'),
});

/** A request's `Content-Type`: JSON (any spelling), the types a page may send cross-origin, or none. */
export const contentTypeHeader = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonp',
);
