/**
 * What one fuzzed input did (an Observation) and the invariants every answer keeps, for every input:
 * - no 5xx and nothing thrown (a web method may only refuse a caller, with WebMethodForbidden);
 * - a rejected input (4xx, or a web method's `ok: false`) stores nothing, and says why: field-level
 *   reasons (Wix `fieldViolations`, each with a field and a description; a web method's `fieldErrors`),
 *   or, when the problem is not one field (a body that is not JSON, an unknown token, a missing
 *   resource), a Wix application error code, or a web error code other than INVALID_INPUT.
 */
import fc from 'fast-check';
import type { Db } from '../../../local/emulator/store/database';

/** What one generated input did, normalized across emulator endpoints and web methods. */
export interface Observation {
  /** HTTP status; for a web method's `{ok: false}`, the status its error code stands for. */
  status: number;
  /** Rows the input wrote to the emulator's store (inserted, updated or deleted; see `siteWrites`). */
  stored: number;
  /** A rejection names at least one field and says what is wrong with it. */
  hasFieldReason: boolean;
  /** The rejection's code: a Wix application error code or a web error code. */
  code?: string;
  /** For a broken invariant: what the server answered, shortened. */
  detail?: string;
}

/** A fuzzed entry point: generated inputs and one way to send one. */
export interface FuzzTarget<Input = unknown> {
  name: string;
  arbitrary: fc.Arbitrary<Input>;
  run(input: Input): Promise<Observation>;
}

/** Codes that mean "a field is wrong": they need a field-level reason to go with them. */
const FIELD_CODES = new Set(['INVALID_ARGUMENT', 'INVALID_INPUT']);

export const isAccepted = (o: Observation) => o.status >= 200 && o.status < 300;
export const isRejected = (o: Observation) => o.status >= 400 && o.status < 500;
export const isServerError = (o: Observation) => !isAccepted(o) && !isRejected(o);
/** The rejection is about the request as a whole, the caller or a missing resource, and says which. */
export const hasRequestLevelReason = (o: Observation) => o.code !== undefined && !FIELD_CODES.has(o.code);

/** The invariants this observation breaks (none for a good answer). */
export function brokenInvariants(o: Observation): string[] {
  const broken: string[] = [];
  if (isServerError(o)) broken.push(`answered ${o.status}`);
  if (isRejected(o) && o.stored !== 0) broken.push(`stored ${o.stored} rows for a rejected input`);
  if (isRejected(o) && !o.hasFieldReason && !hasRequestLevelReason(o)) broken.push('rejected without a reason');
  return broken;
}

/** The property every target keeps: no input breaks an invariant (the error names those broken). */
export function invariantsHold<I>(target: FuzzTarget<I>) {
  return fc.asyncProperty(target.arbitrary, async (input) => {
    const observation = await target.run(input);
    const broken = brokenInvariants(observation);
    if (broken.length > 0) throw new Error(`${broken.join('; ')}: ${JSON.stringify(observation)}`);
  });
}

/** The seed of the jest suites: the same inputs on every run. */
const JEST_SEED = 20_261_122;

/** Runs `target` `numRuns` times with the jest seed; fails with the shrunk counterexample if an invariant breaks. */
export async function assertInvariants<I>(target: FuzzTarget<I>, numRuns: number) {
  await fc.assert(invariantsHold(target), { seed: JEST_SEED, numRuns });
}

export const shorten = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text);
export const nonEmpty = (value: unknown) => typeof value === 'string' && value.trim() !== '';

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Rows written through a database connection since it opened (inserted, updated or deleted). */
export const totalChanges = (db: Db) => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

/**
 * What a web method wrote, less the conversations it opened. Site code resolves a participant's
 * conversation with getOrCreateConversation (the only lookup @wix/inbox has) before Wix judges the
 * rest of the input (an admin's page cursor), so a rejected call may leave an empty conversation
 * behind; that is not the input stored. Nor are the places a visitor's form takes in the site-wide
 * budget (claims `visitor-form:…`): every attempt takes one, refused or not, by design
 * (src/backend/lib/visitor-budget.ts). Messages, contacts, events and everything else count.
 */
export const siteWrites = (db: Db) =>
  totalChanges(db) -
  (db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n -
  (db.prepare("SELECT count(*) AS n FROM data_items WHERE id LIKE 'visitor-form:%'").get() as { n: number }).n;
