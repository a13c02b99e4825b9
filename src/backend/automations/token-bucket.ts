/**
 * A token bucket: `capacity` tokens, refilled evenly over each minute. Memory of one backend
 * instance; see docs/decisions/0006-event-automations.md for why that is enough for throttling.
 */
export function createTokenBucket(perMinute: number, now: () => number) {
  let tokens = perMinute;
  let last = now();
  return {
    /** Takes a token if one is left. */
    take(): boolean {
      const t = now();
      tokens = Math.min(perMinute, tokens + ((t - last) / 60_000) * perMinute);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    /** Gives back a token taken for work that turned out not to be needed (a redelivered event). */
    refund(): void {
      tokens = Math.min(perMinute, tokens + 1);
    },
  };
}
