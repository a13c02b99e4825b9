import { callWix, setRetryClock, WixCallTimedOut } from 'backend/lib/retry';
import { inboxSettings } from 'backend/lib/settings';

/*
 * The call policy's documented numbers (README, docs/decisions/0007-retries.md), written out here
 * rather than read from settings.ts, so a changed number fails a test: a call is abandoned after 10 s,
 * at most 3 attempts, no retry starts after 2.5 s, and the wait before retry n is random in
 * [0, min(1 s, 200 ms × 2^(n−1))).
 */

const failing503 = () => Promise.reject(Object.assign(new Error('HTTP 503'), { status: 503 }));

let restore = () => {};
afterEach(() => {
  restore();
  jest.useRealTimers();
});

/** A retry clock whose sleeps are recorded and advance `now`, with the jitter at `random`. */
function recordingClock(random: number) {
  const clock = { now: 0, sleeps: [] as number[] };
  restore = setRetryClock({
    now: () => clock.now,
    random: () => random,
    sleep: async (ms) => {
      clock.sleeps.push(ms);
      clock.now += ms;
    },
  });
  return clock;
}

/**
 * Settings a site owner may edit (settings.ts says "edit these"), changed for one test and put back.
 * More attempts and a longer budget let the exponential step pass 1 s, where the cap must hold.
 */
function withWixCallSettings(parts: Partial<Record<keyof typeof inboxSettings.wixCalls, number>>) {
  const settings = inboxSettings.wixCalls as Record<string, number>;
  const previous = { ...settings };
  Object.assign(settings, parts);
  const restoreClock = restore;
  restore = () => {
    Object.assign(settings, previous);
    restoreClock();
  };
}

describe('backoff', () => {
  it('waits at most 1 s before a retry however many attempts a site allows', async () => {
    const clock = recordingClock(0.999);
    withWixCallSettings({ maxAttempts: 8, retryBudgetMs: 60_000 });

    await expect(callWix('read', 'idempotent', failing503)).rejects.toMatchObject({ status: 503 });

    // Uncapped, the steps are 200, 400, 800, 1600, 3200, 6400, 12800 ms.
    expect(clock.sleeps).toHaveLength(7);
    for (const wait of clock.sleeps) expect(wait).toBeLessThan(1000);
    expect(clock.sleeps.slice(0, 3)).toEqual([199.8, 399.6, 799.2]);
    expect(clock.sleeps.slice(3)).toEqual([999, 999, 999, 999]);
  });

  it('makes 3 attempts in all, with waits below 200 ms and 400 ms', async () => {
    const clock = recordingClock(0.999);
    let attempts = 0;

    await expect(
      callWix('read', 'idempotent', () => {
        attempts += 1;
        return failing503();
      }),
    ).rejects.toMatchObject({ status: 503 });

    expect(attempts).toBe(3);
    expect(clock.sleeps).toEqual([199.8, 399.6]);
  });

  it('starts no retry later than 2.5 s after the first attempt began', async () => {
    const clock = recordingClock(0.5);
    const started: number[] = [];

    await expect(
      callWix('read', 'idempotent', () => {
        started.push(clock.now);
        clock.now += 2_350; // the attempt takes 2.35 s, then fails
        return failing503();
      }),
    ).rejects.toMatchObject({ status: 503 });

    // The first retry would start at 2.35 s + 100 ms = 2.45 s: allowed. The second at 4.8 s + 200 ms: not.
    expect(started).toEqual([0, 2_450]);
    expect(clock.sleeps).toEqual([100]);
  });

  it('still starts a retry at exactly 2.5 s after the first attempt began', async () => {
    const clock = recordingClock(0.5);
    const started: number[] = [];

    await expect(
      callWix('read', 'idempotent', () => {
        started.push(clock.now);
        clock.now += 2_400; // the wait before the first retry is 100 ms: it starts at 2,500 ms
        return failing503();
      }),
    ).rejects.toMatchObject({ status: 503 });

    expect(started).toEqual([0, 2_500]);
  });
});

describe('timeout', () => {
  /** Real retry clock (coarse timers, Date.now) under jest's fake time, at a round instant. */
  function fakeTime() {
    jest.useFakeTimers({ now: Date.parse('2026-11-23T10:00:00Z') });
  }

  it('abandons a call that never answers at 10,000 ms, and not before', async () => {
    fakeTime();
    const outcome = { settled: false, error: undefined as unknown };
    callWix('sendMessage', 'send', () => new Promise<never>(() => {})).catch((error: unknown) => {
      outcome.settled = true;
      outcome.error = error;
    });

    await jest.advanceTimersByTimeAsync(9_999);
    expect(outcome.settled).toBe(false);

    await jest.advanceTimersByTimeAsync(1);
    expect(outcome.settled).toBe(true);
    expect(outcome.error).toBeInstanceOf(WixCallTimedOut);
    expect((outcome.error as Error).message).toBe('sendMessage did not answer within 10000 ms');
  });

  it('abandons a read at 10,000 ms and does not retry it: the 2.5 s retry budget is spent', async () => {
    fakeTime();
    restore = setRetryClock({ random: () => 0, sleep: async () => undefined });
    const attempts: number[] = [];
    const outcome = { settled: false, error: undefined as unknown };
    callWix('listMessages', 'idempotent', (attempt) => {
      attempts.push(attempt);
      return new Promise<never>(() => {});
    }).catch((error: unknown) => {
      outcome.settled = true;
      outcome.error = error;
    });

    await jest.advanceTimersByTimeAsync(9_999);
    expect(outcome.settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);

    expect(outcome.error).toBeInstanceOf(WixCallTimedOut);
    expect(attempts).toEqual([1]);
  });
});
