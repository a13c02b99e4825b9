import { AsyncLocalStorage } from 'node:async_hooks';
import { createClient } from '@wix/sdk';

/** A fetch-shaped handler: the in-process emulator, or a function that forwards to its HTTP origin. */
export type FetchHandler = (request: Request) => Promise<Response>;

type WixClient = ReturnType<typeof createClient>;

interface CallContext {
  /** Runs as the caller: a visitor, a member or a Wix user. */
  client: WixClient;
  /** Runs as the site's app: what `auth.elevate` switches to. */
  elevatedClient: WixClient;
}

const storage = new AsyncLocalStorage<CallContext>();

const clients = new WeakMap<FetchHandler, Map<string, WixClient>>();

/**
 * A client whose every request carries `token` and goes to `handler`. Clients hold no per-call state,
 * so one per (handler, token) is reused: creating two per web-method call was half of the runtime's
 * overhead in `npm run bench`.
 */
export function clientFor(handler: FetchHandler, token: string): WixClient {
  let byToken = clients.get(handler);
  if (!byToken) {
    byToken = new Map();
    clients.set(handler, byToken);
  }
  let client = byToken.get(token);
  if (!client) {
    client = createClient({
      auth: { getAuthHeaders: async () => ({ headers: { Authorization: token } }) },
      fetch: (url, init) => handler(new Request(url, init)),
    });
    byToken.set(token, client);
  }
  return client;
}

let installed = false;

/**
 * Installs the Wix context that `@wix/sdk-runtime` looks up (`globalThis.__wix_context__`) on every SDK
 * call. Its clients are read from async-local storage, so concurrent web-method calls each see their
 * own caller; outside `runWithWixContext` there is no context and SDK calls fail as they would on Wix.
 */
export function installWixContext(): void {
  if (installed) return;
  installed = true;
  // Writable: @wix/sdk-runtime blanks it while it builds a module and puts it back afterwards.
  Object.defineProperty(globalThis, '__wix_context__', {
    configurable: true,
    writable: true,
    value: {
      get client() {
        return storage.getStore()?.client;
      },
      get elevatedClient() {
        return storage.getStore()?.elevatedClient;
      },
    },
  });
}

/** The elevated client of the current call: what backend-only Velo modules run as. */
export function currentElevatedClient(): WixClient {
  const client = storage.getStore()?.elevatedClient;
  if (!client) throw new Error('No Wix context: backend code must run inside a web method or event handler.');
  return client;
}

/** Runs `fn` with a caller client (`callerToken`) and an elevated client (`elevatedToken`). */
export function runWithWixContext<T>(
  handler: FetchHandler,
  tokens: { callerToken: string; elevatedToken: string },
  fn: () => Promise<T>,
): Promise<T> {
  installWixContext();
  return storage.run(
    { client: clientFor(handler, tokens.callerToken), elevatedClient: clientFor(handler, tokens.elevatedToken) },
    fn,
  );
}
