import type * as z from 'zod/mini';
import { validate } from 'public/validation';
import { claimWork, MAX_WORK_TRIES, type Attempt, type WorkClaim } from './claims';
import { describeFailure, logOutcome as logLine, type Outcome } from './outcome';

export interface HandlerSpec<T> {
  name: string;
  /** The payload's schema, built (and zod loaded) on the first event that needs it (`lazySchema`). */
  schema: () => Promise<z.ZodMiniType<T>>;
  /** The claim that makes this event's work happen once (usually `event:<event id>`). */
  claimKey(event: T): string;
  /** Cheap checks that need no API call; a returned outcome ends the handling before any claim. */
  precheck?(event: T): Outcome | undefined;
  /** Fields stored with the claim (read back by queries over the claims, such as the like summary). */
  claimFields?(event: T): Record<string, unknown> | undefined;
  /** The claim existed (a redelivery or a repeat): undo what precheck reserved, e.g. a throttle token. */
  onDuplicate?(event: T): void;
  /**
   * The work. `attempt` says whether an earlier delivery may have done part of it (claims.ts): a
   * message sent with `sendOnce` needs the look for an earlier attempt's message only when it is not
   * `first`.
   */
  run(event: T, attempt: Attempt): Promise<Outcome>;
}

/**
 * Handles one delivery of an event, Wix's way (at least once, possibly late): validate the payload,
 * skip what needs no work, claim the event so a repeat does nothing, do the work, and on failure give
 * the claim back so a redelivery can retry (and knows it is a retry). Never throws into the platform: every path ends in one
 * structured log line and an outcome.
 */
export async function runHandler<T>(
  spec: HandlerSpec<T>,
  raw: unknown,
  options: { log?: boolean } = {},
): Promise<Outcome> {
  // A caller that combines several handlers' outcomes for one event logs the combined one itself.
  const logOutcome = options.log === false ? (_name: string, _key: unknown, outcome: Outcome) => outcome : logLine;
  const rawId = (raw as { metadata?: { id?: unknown } } | undefined)?.metadata?.id;
  const logId = typeof rawId === 'string' ? rawId : undefined;
  let checked;
  try {
    checked = validate(await spec.schema(), raw);
  } catch (error) {
    // zod could not be loaded: nothing was claimed, so a redelivery can try again.
    return logOutcome(spec.name, logId, {
      status: 'failed',
      detail: `could not check the payload: ${describeFailure(error)}`,
    });
  }
  if (!checked.ok) {
    return logOutcome(spec.name, logId, {
      status: 'invalid',
      detail: `payload rejected: ${Object.keys(checked.fieldErrors).join(', ')}`,
    });
  }
  const event = checked.value;
  let key = logId ?? spec.name;
  let claim: WorkClaim | undefined;
  try {
    key = spec.claimKey(event);
    const early = spec.precheck?.(event);
    if (early) return logOutcome(spec.name, key, early);
    claim = await claimWork(key, spec.claimFields?.(event));
    if (!claim) {
      spec.onDuplicate?.(event);
      return logOutcome(spec.name, key, { status: 'duplicate', detail: 'already handled' });
    }
  } catch (error) {
    return logOutcome(spec.name, key, {
      status: 'failed',
      detail: `could not claim the event: ${describeFailure(error)}`,
    });
  }
  try {
    return logOutcome(spec.name, key, await spec.run(event, claim.attempt));
  } catch (error) {
    // A claim that is not given back stays: a redelivery of this event will find it handled. The site
    // owner needs to know that nothing will retry it.
    const notGivenBack = await claim.release().then(
      (givenBack) => (givenBack ? '' : `; tried ${MAX_WORK_TRIES} times, so not given back: no redelivery retries it`),
      (releaseError: unknown) => `; not given back for a retry: ${describeFailure(releaseError)}`,
    );
    return logOutcome(spec.name, key, { status: 'failed', detail: describeFailure(error) + notGivenBack });
  }
}
