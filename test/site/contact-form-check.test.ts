import * as fc from 'fast-check';
import { checkContactForm } from '../../src/public/contact-form-check';
import { contactFormSchema } from '../../src/public/contact-form';
import { validate } from '../../src/public/validation';

// The authority, built once (the backend builds it on first use: validation.ts `lazySchema`).
let authoritySchema: Awaited<ReturnType<typeof contactFormSchema>>;
beforeAll(async () => {
  authoritySchema = await contactFormSchema();
});

/**
 * The page checks the contact form without zod (bundle size, issue #13); the backend's zod schema is
 * the authority. For any input both must agree: ok or not, each field's error, and the normalized value
 * (including which optional keys are present as `undefined`).
 */
function expectSameVerdict(input: unknown): void {
  const page = checkContactForm(input);
  const authority = validate(authoritySchema, input);
  expect(page.ok).toBe(authority.ok);
  if (page.ok && authority.ok) {
    expect(page.value).toStrictEqual(authority.value);
    expect(Object.keys(page.value)).toEqual(Object.keys(authority.value));
  }
  if (!page.ok && !authority.ok) {
    expect(page.fieldErrors).toStrictEqual(authority.fieldErrors);
    expect(Object.keys(page.fieldErrors)).toEqual(Object.keys(authority.fieldErrors));
  }
}

const FIELDS = ['firstName', 'lastName', 'email', 'message', 'subscribeNewsletter', 'website', 'captchaToken'];

/** Characters that sit on the rules' edges: invisible ones, whitespace, compatibility forms, @ and dots. */
const tricky = fc.constantFrom(
  ...['\u200b', '\ufeff', '\u00ad', '\u202e', '\u2028', '\u2029', '\u3164', '\ufe0f', '\u034f', '\u2800'],
  ...['\u0000', '\u0085', '\u009f', '\t', '\n', '\r', ' ', '\u00a0', '\u3000', '\u2003'],
  ...['＠', 'Ａ', 'ﬁ', 'ℌ', '\u2126', 'İ', 'ß', 'K', '@', '.', '+', 'a', 'Z', 'é', 'e\u0301', '😀'],
);
const trickyText = fc.oneof(
  fc.string({ unit: tricky, maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const emailLike = fc.oneof(
  fc.emailAddress(),
  fc.tuple(trickyText, fc.emailAddress(), trickyText).map(([a, b, c]) => a + b + c),
  fc.tuple(trickyText, trickyText, trickyText).map(([a, b, c]) => `${a}@${b}.${c}`),
  // Around the 254-character limit, before and after NFKC lengthens it (ﬁ → fi).
  fc
    .tuple(fc.integer({ min: 240, max: 260 }), fc.constantFrom('a', 'ﬁ', 'A'))
    .map(([n, unit]) => `${unit.repeat(Math.max(0, n - 12))}@example.com`),
);
/** Lengths on the limits of each field (100, 8192, 4096), padded so trimming moves them across. */
const aroundLimit = fc
  .tuple(fc.constantFrom(0, 1, 99, 100, 101, 4095, 4096, 4097, 8191, 8192, 8193), fc.constantFrom('', ' ', '\n'))
  .map(([n, pad]) => pad + 'x'.repeat(n) + pad);
const anyValue = fc.oneof(
  trickyText,
  emailLike,
  aroundLimit,
  fc.constantFrom(undefined, null, true, false, 0, NaN, [], {}, ['a'], 'true'),
  fc.anything({ maxDepth: 1 }),
);

const formLike = fc.record(
  {
    firstName: anyValue,
    lastName: anyValue,
    email: emailLike,
    message: anyValue,
    subscribeNewsletter: fc.oneof(fc.boolean(), anyValue),
    website: anyValue,
    captchaToken: anyValue,
  },
  { requiredKeys: [] },
);
const withExtraKeys = fc
  .tuple(
    formLike,
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom(...FIELDS, '__proto__', 'constructor', '(input)', 'toString')),
      anyValue,
    ),
  )
  .map(([form, extra]) => ({ ...extra, ...form }));

describe('page-side contact form check', () => {
  it('agrees with the zod schema on random and adversarial forms', () => {
    fc.assert(fc.property(fc.oneof(formLike, withExtraKeys), expectSameVerdict), { numRuns: 3000 });
  });

  it('agrees on a well-formed form with each field nudged', () => {
    const valid = fc.record({
      firstName: fc.string({ minLength: 1, maxLength: 100 }),
      email: fc.emailAddress(),
      message: fc.string({ minLength: 1, maxLength: 200 }),
    });
    const nudge = fc.tuple(fc.constantFrom(...FIELDS, 'extra'), anyValue);
    fc.assert(
      fc.property(valid, fc.array(nudge, { maxLength: 3 }), (form, nudges) => {
        const input: Record<string, unknown> = { ...form };
        for (const [field, value] of nudges) input[field] = value;
        expectSameVerdict(input);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on inputs that are not plain forms', () => {
    const inherited = Object.create({ firstName: 'Ann', email: 'ann@example.com', message: 'Hi', extra: 1 });
    const inheritedUndefined = Object.assign(Object.create({ lastName: undefined }), inherited);
    Object.assign(inheritedUndefined, { firstName: 'Ann', email: 'ann@example.com', message: 'Hi' });
    const withProto = JSON.parse('{"firstName":"Ann","email":"a@b.co","message":"Hi","__proto__":{"x":1}}');
    for (const input of [
      undefined,
      null,
      'form',
      42,
      [],
      ['a'],
      new Date(0),
      inherited,
      inheritedUndefined,
      withProto,
      Object.create(null),
    ]) {
      expectSameVerdict(input);
    }
    fc.assert(fc.property(fc.anything(), expectSameVerdict), { numRuns: 1000 });
  });

  it('gives the messages a visitor sees, normalized like the backend', () => {
    expect(checkContactForm({ firstName: ' ', email: 'ann\u200b@example.com', message: 'Hi' })).toEqual({
      ok: false,
      fieldErrors: {
        firstName: 'First name is required',
        email: 'Email contains invisible or control characters; please type it again',
      },
    });
    expect(checkContactForm({ firstName: ' Ann ', email: ' Ａnn@EXAMPLE.com ', message: 'Hi', extra: 1 })).toEqual({
      ok: false,
      fieldErrors: { extra: 'is not an accepted field' },
    });
    expect(checkContactForm({ firstName: ' Ann ', email: ' Ａnn@EXAMPLE.com ', message: 'Hi' })).toEqual({
      ok: true,
      value: { firstName: 'Ann', email: 'Ann@example.com', message: 'Hi' },
    });
  });
});
