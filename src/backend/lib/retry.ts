import { startCoarseTimer } from './coarse-timers';
import { inboxSettings } from './settings';

/**
 * The one policy for every call the site backend makes to Wix (docs/decisions/0007-retries.md):
 *
 * - every call gets a timeout (`wixCalls.timeoutMs`); the SDK takes no AbortSignal, so the call is
 *   raced against a timer and, when the timer wins, abandoned (its late answer is ignored);
 * - a call that is safe to repeat (`idempotent`) is retried after 429, 500, 502, 503, 504, a network
 *   failure or a timeout, with exponential backoff and full jitter, at most `maxAttempts` attempts in
 *   all and no retry starting after `retryBudgetMs`;
 * - a `send` is retried only after 429 (Wix refused it before doing anything). After a 5xx, a dropped
 *   connection or a timeout it may have been stored, so it is never repeated: a repeat could
 *   duplicate the message. The failure is reported instead;
 * - nothing is retried after another 4xx: the same request would get the same answer.
 */

export type CallSafety = 'idempotent' | 'send';

/** Time as the retry policy sees it. */
export interface RetryClock {
  /** Milliseconds; only differences are used (the retry budget). */
  now(): number;
  /** The wait before a retry. */
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1): the jitter. */
  random(): number;
  /** Starts a call's timeout: `onTimeout` runs after `ms` unless the returned cancel runs first. */
  startTimer(ms: number, onTimeout: () => void): () => void;
}

export const systemRetryClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
  startTimer: startCoarseTimer,
};

/**
 * The clock the policy reads, at module level. Production never changes it; tests replace parts of it
 * with `setRetryClock` (no module mocking) and put them back with the function it returns.
 */
export const retryClock: RetryClock = { ...systemRetryClock };

/** Replaces parts of `retryClock`; returns a function that restores what was there before. */
export function setRetryClock(parts: Partial<RetryClock>): () => void {
  const previous = { ...retryClock };
  Object.assign(retryClock, parts);
  return () => {
    Object.assign(retryClock, previous);
  };
}

/** A Wix call that did not answer within `wixCalls.timeoutMs`. Like a dropped connection, it may have happened. */
export class WixCallTimedOut extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'WixCallTimedOut';
  }
}

/** Wix's application error code of a failed call (`details.applicationError.code`), if it has one. */
export function wixErrorCode(error: unknown): unknown {
  return (error as { details?: { applicationError?: { code?: unknown } } } | null)?.details?.applicationError?.code;
}

/**
 * The HTTP status of a failed Wix call, if it got an answer. Most SDK errors carry the `status`;
 * `@wix/data` errors carry only Wix's code for it (RESOURCE_EXHAUSTED for 429, UNAVAILABLE for 503, ...).
 */
export function wixStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number') return status;
  const code = wixErrorCode(error);
  return typeof code === 'string' && Object.hasOwn(STATUS_OF_CODE, code) ? STATUS_OF_CODE[code] : undefined;
}

/** Wix's codes for the statuses `failureKind` sorts, for errors that carry no status. */
const STATUS_OF_CODE: Record<string, number> = {
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  BAD_GATEWAY: 502,
  UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
};

/**
 * How a failed call failed:
 * - `refused`: Wix answered 429 and did nothing; safe to repeat any call;
 * - `ambiguous`: 500/502/503/504, a network failure or a timeout; the call may or may not have happened;
 * - `final`: any other answer (4xx) or an unexpected error; repeating would not help.
 */
export function failureKind(error: unknown): 'refused' | 'ambiguous' | 'final' {
  const status = wixStatus(error);
  if (status === 429) return 'refused';
  if (status === 500 || status === 502 || status === 503 || status === 504) return 'ambiguous';
  return status === undefined && isNetworkFailure(error) ? 'ambiguous' : 'final';
}

/**
 * No answer at all: our timeout, or a failed fetch (a TypeError; the SDK passes it on with
 * `code: 'UNKNOWN'` and no status).
 */
export function isNetworkFailure(error: unknown): boolean {
  if (error instanceof WixCallTimedOut || error instanceof TypeError) return true;
  const sdk = error as { status?: unknown; code?: unknown } | null;
  return sdk?.status === undefined && sdk?.code === 'UNKNOWN';
}

/**
 * Makes one call to Wix under the policy above and returns its result, or throws the last failure.
 * `call` gets the attempt number (1, 2, ...), so a caller can tell whether an earlier attempt may
 * have happened (see claims.ts).
 */
export function callWix<T>(what: string, safety: CallSafety, call: (attempt: number) => Promise<T>): Promise<T> {
  const settings = inboxSettings.wixCalls;
  const started = retryClock.now();
  // Chained rather than an async loop: the first attempt, nearly always the only one, then costs no
  // promise beyond the call's own (this is on every Wix call; see `npm run bench`).
  const attempt = (n: number): Promise<T> =>
    withTimeout(what, settings.timeoutMs, () => call(n)).catch((error: unknown) => {
      const kind = failureKind(error);
      const retriable = kind === 'refused' || (kind === 'ambiguous' && safety === 'idempotent');
      if (!retriable || n >= settings.maxAttempts) throw error;
      // Full jitter: anywhere from 0 to the exponential step, so instances that failed together spread out.
      const delay = retryClock.random() * Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (n - 1));
      if (retryClock.now() - started + delay > settings.retryBudgetMs) throw error;
      return retryClock.sleep(delay).then(() => attempt(n + 1));
    });
  return attempt(1);
}

/**
 * `call()`, or WixCallTimedOut after `ms`; an abandoned call's late answer or failure is ignored.
 * Settled by hand rather than with Promise.race: every call to Wix passes here, and the fewer promises
 * per call, the less a web method costs over the SDK call it wraps (`npm run bench`).
 */
function withTimeout<T>(what: string, ms: number, call: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cancel = retryClock.startTimer(ms, () => reject(new WixCallTimedOut(what, ms)));
    let answer: Promise<T>;
    try {
      answer = call();
    } catch (error) {
      cancel();
      reject(error);
      return;
    }
    answer.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error);
      },
    );
  });
}
