import { setRetryClock } from 'backend/lib/retry';
import type { FetchHandler } from './emulator';

/**
 * Makes the site's Wix calls that send a request `matching` time out, each on its own: every call's
 * timeout is held until the call sends its request, and fires then (after the first `skip` matching
 * requests), as if Wix had not answered in time; the emulator's late answer is ignored, as the site
 * ignores it. Retries wait no time. Returns a function that puts the clock and the fetch back.
 */
export function timeOutRequests(
  site: { emulator: { fetch: FetchHandler } },
  matching: (method: string, path: string) => boolean,
  skip = 0,
): () => void {
  let newest: (() => void) | undefined;
  let seen = 0;
  const restoreClock = setRetryClock({
    startTimer: (_ms, onTimeout) => {
      newest = onTimeout;
      return () => undefined;
    },
    sleep: async () => undefined,
  });
  const original = site.emulator.fetch;
  site.emulator.fetch = (request) => {
    if (matching(request.method, new URL(request.url).pathname) && seen++ >= skip) newest?.();
    return original.call(site.emulator, request);
  };
  return () => {
    restoreClock();
    site.emulator.fetch = original;
  };
}
