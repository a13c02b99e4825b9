import { callWix, failureKind, retryClock, setRetryClock, systemRetryClock, WixCallTimedOut } from 'backend/lib/retry';
import {
  ATTEMPTS,
  fakeRetryClock,
  replaceRetryClock,
  restoreRetryClock,
  useFaultPolicyHooks,
} from '../../support/fault-policy';

/* The call policy of src/backend/lib/retry.ts on its own: `failureKind`, `callWix` and the retry clock. */

useFaultPolicyHooks();

describe('callWix', () => {
  const statusError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

  /** A fake retry clock whose timeouts must be `timeoutMs` long, and scripted calls to retry. */
  function fakeClock(onCall: { advance?: number } = {}) {
    const clock = fakeRetryClock((ms) => expect(ms).toBe(10_000));
    return Object.assign(clock, {
      /** A call that answers `outcomes` in turn (the last one from then on): errors are thrown. */
      call(outcomes: unknown[]) {
        let n = 0;
        const attempts: number[] = [];
        const fn = async (attempt: number) => {
          attempts.push(attempt);
          clock.now += onCall.advance ?? 0;
          const outcome = outcomes[Math.min(n++, outcomes.length - 1)];
          if (outcome instanceof Error || (outcome as { status?: number })?.status) throw outcome;
          return outcome;
        };
        return { fn, attempts };
      },
    });
  }

  it.each([
    [statusError(429), 'refused'],
    [statusError(500), 'ambiguous'],
    [statusError(502), 'ambiguous'],
    [statusError(503), 'ambiguous'],
    [statusError(504), 'ambiguous'],
    [new TypeError('fetch failed'), 'ambiguous'],
    [Object.assign(new Error('System error occurred'), { code: 'UNKNOWN' }), 'ambiguous'],
    [new WixCallTimedOut('x', 10), 'ambiguous'],
    [{ details: { applicationError: { code: 'UNAVAILABLE' } } }, 'ambiguous'],
    [{ details: { applicationError: { code: 'RESOURCE_EXHAUSTED' } } }, 'refused'],
    [{ details: { applicationError: { code: 'WDE0074' } } }, 'final'],
    [{ details: { applicationError: { code: 'constructor' } } }, 'final'],
    [statusError(400), 'final'],
    [statusError(401), 'final'],
    [statusError(403), 'final'],
    [statusError(404), 'final'],
    [statusError(409), 'final'],
    [statusError(501), 'final'],
    [new Error('Unexpected Wix answer'), 'final'],
    [null, 'final'],
  ])('classifies %p as %s', (error, kind) => {
    expect(failureKind(error)).toBe(kind);
  });

  it.each([400, 401, 403, 404, 409])('never retries a %i', async (status) => {
    const clock = fakeClock();
    const { fn, attempts } = clock.call([statusError(status), 'ok']);
    await expect(callWix('read', 'idempotent', fn)).rejects.toMatchObject({ status });
    expect(attempts).toEqual([1]);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries an idempotent call at most maxAttempts times, with growing full-jitter waits', async () => {
    const clock = fakeClock();
    const { fn, attempts } = clock.call([statusError(503)]);
    await expect(callWix('read', 'idempotent', fn)).rejects.toMatchObject({ status: 503 });
    expect(attempts).toEqual(Array.from({ length: ATTEMPTS }, (_, i) => i + 1));
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('waits anywhere from 0 to the exponential step, capped at maxDelayMs', async () => {
    for (const [random, expected] of [
      [0, [0, 0]],
      [0.999, [199.8, 399.6]],
    ] as const) {
      const sleeps: number[] = [];
      replaceRetryClock({ random: () => random, sleep: async (ms) => void sleeps.push(ms), now: () => 0 });
      await callWix('read', 'idempotent', () => Promise.reject(statusError(500))).catch(() => undefined);
      expect(sleeps.map((ms) => Math.round(ms * 10) / 10)).toEqual(expected);
      expect(Math.max(...sleeps)).toBeLessThan(1000);
      restoreRetryClock();
    }
  });

  it('starts no retry past the time budget', async () => {
    // Each attempt takes 1.2 s of (fake) time: after the second, a third would start past 2.5 s.
    const clock = fakeClock({ advance: 1200 });
    const { fn, attempts } = clock.call([statusError(503)]);
    await expect(callWix('read', 'idempotent', fn)).rejects.toMatchObject({ status: 503 });
    expect(attempts).toEqual([1, 2]);
    expect(clock.sleeps).toEqual([100]);
  });

  it.each([statusError(500), statusError(503), new TypeError('fetch failed'), new WixCallTimedOut('send', 1)])(
    'never repeats a send after %p',
    async (error) => {
      const clock = fakeClock();
      const { fn, attempts } = clock.call([error, 'ok']);
      await expect(callWix('send', 'send', fn)).rejects.toBe(error);
      expect(attempts).toEqual([1]);
    },
  );

  it('repeats a send refused with 429', async () => {
    const clock = fakeClock();
    const { fn, attempts } = clock.call([statusError(429), 'sent']);
    await expect(callWix('send', 'send', fn)).resolves.toBe('sent');
    expect(attempts).toEqual([1, 2]);
  });

  it('gives up on a call at its timeout, retries it if idempotent, and ignores its late answer', async () => {
    const clock = fakeClock();
    const late: { resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
    const fn = (attempt: number) =>
      attempt === 1
        ? new Promise<string>((resolve, reject) => late.push({ resolve, reject }))
        : Promise.resolve('second');
    const pending = callWix('read', 'idempotent', fn);
    await Promise.resolve();
    clock.timers[0]!();
    await expect(pending).resolves.toBe('second');
    late[0]!.reject(new Error('too late')); // handled: no unhandled rejection
  });

  it('reports a send that timed out as WixCallTimedOut, which the site shows as UNAVAILABLE', async () => {
    const clock = fakeClock();
    const pending = callWix('sendMessage', 'send', () => new Promise<never>(() => undefined));
    await Promise.resolve();
    clock.timers[0]!();
    await expect(pending).rejects.toBeInstanceOf(WixCallTimedOut);
    expect(clock.timers).toHaveLength(1);
  });

  it('restores the clock it replaced', () => {
    const restore = setRetryClock({ random: () => 0.25 });
    expect(retryClock.random()).toBe(0.25);
    restore();
    expect(retryClock.random).toBe(systemRetryClock.random);
  });
});
