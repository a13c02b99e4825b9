import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { captchaControlRoutes, captchaRoutes } from '../captcha/routes';
import { chatRoutes } from '../chat/routes';
import { contactsRoutes } from '../contacts/routes';
import { dataRoutes } from '../data/routes';
import { secretsRoutes } from '../secrets/routes';
import { controlRoutes } from '../control/routes';
import { variantsRoutes } from '../control/variants-routes';
import type { EmulatorContext } from '../context';
import { standardError, WixApiError } from '../errors';
import { identityFromAuthorization } from '../identity';
import { inboxRoutes } from '../inbox/routes';
import { membersRoutes } from '../members/routes';
import type { EmulatorState, Fault } from '../state';
import { emulatorBodyLimit } from './body-limit';
import type { ApiEnv } from './env';

/** Larger than any valid Inbox request a site would send; bigger bodies get 413. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export const CONTROL_PREFIX = '/_emulator/v1';

/**
 * Thrown out of `app.fetch` by a `drop` or `drop-after` fault: there is no answer. The adapters turn it
 * into what a client would see: `createEmulator().fetch` rejects with a TypeError, as `fetch` does on a
 * network failure, and the HTTP server destroys the socket.
 */
export class ConnectionDropped extends Error {
  constructor(fault: Fault) {
    super(`Injected fault: connection dropped (${fault.kind}) for ${fault.method} ${fault.path}.`);
    this.name = 'ConnectionDropped';
  }
}

/** What `fetch` rejects with when the emulator drops the connection: `TypeError('fetch failed')`. */
export function droppedConnectionError(error: ConnectionDropped): TypeError {
  return new TypeError('fetch failed', { cause: error });
}

/** True for the rejection of `createEmulator().fetch` that stands for a dropped connection. */
export function isDroppedConnection(error: unknown): boolean {
  return error instanceof TypeError && error.cause instanceof ConnectionDropped;
}

/** Where each emulated Wix API is served: the www.wixapis.com path and the one the SDK uses elsewhere. */
const API_MOUNTS: [prefixes: string[], routes: (ctx: EmulatorContext) => Hono<ApiEnv>][] = [
  [['/inbox/v2', '/crm/inbox/v2'], inboxRoutes],
  [['/members/v1', '/_api/members/v1'], membersRoutes],
  [['/contacts/v4', '/_api/contacts/v4'], contactsRoutes],
  [['/chat/v1', '/_api/chat/v1'], chatRoutes],
  [['/captcha/v1'], captchaRoutes],
  [['/wix-data/v2', '/_api/wix-data/v2'], dataRoutes],
  [['/_api/cloud-secrets-vault-server/api/v1', '/secrets-service/api/v1'], secretsRoutes],
];

/**
 * The emulator as one Hono app: `app.fetch(Request) -> Response`. Every error, from any route, is
 * turned into Wix's error body here and nowhere else.
 */
export function createApp(ctx: EmulatorContext, state: EmulatorState, options: { bodyLimitBytes?: number } = {}) {
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const app = new Hono<ApiEnv>();

  app.onError((error, c) => {
    if (error instanceof ConnectionDropped) throw error; // no answer at all: the adapter drops the connection
    const wixError =
      error instanceof WixApiError
        ? error
        : (console.error('[emulator] unexpected error', error),
          standardError(500, 'Internal emulator error; this is a bug in the emulator, please report it.'));
    return c.json(wixError.toBody(), wixError.status as 400);
  });

  app.notFound((c) => {
    const error = standardError(404, `No emulated Wix API at ${c.req.method} ${c.req.path}.`);
    return c.json(error.toBody(), 404);
  });

  // Wix names every answer; the SDK reads it into errors as `requestId`. Over Node the name goes on the
  // response being written, which sends it with whatever answer follows: setting it on Hono's Response
  // instead turns @hono/node-server's light response into a full Headers object, which cost about a
  // fifth of the framework's time per request (`npm run bench -- emulatorThroughput`).
  app.use('*', async (c, next) => {
    const outgoing = c.env?.outgoing;
    if (outgoing) {
      outgoing.setHeader('x-wix-request-id', randomUUID());
      return next();
    }
    await next();
    c.res.headers.set('x-wix-request-id', randomUUID());
  });

  app.use('*', emulatorBodyLimit(limit));

  app.route(CONTROL_PREFIX, controlRoutes(ctx, state));
  app.route(`${CONTROL_PREFIX}/captcha`, captchaControlRoutes(ctx));
  app.route(CONTROL_PREFIX, variantsRoutes(ctx));

  const api = new Hono<ApiEnv>();
  // Request log, injected faults and the caller's identity, for every emulated API request.
  api.use('*', async (c, next) => {
    const identity = identityFromAuthorization(ctx.db, c.req.header('Authorization'));
    c.set('identity', identity);
    const fault = state.takeFault(c.req.method, c.req.path);
    const log = (status: number) =>
      state.logRequest({
        method: c.req.method,
        path: c.req.path,
        status,
        identity: identity ?? null,
        operation: c.get('operation') ?? null,
        ...(c.get('sendNotifications') !== undefined ? { sendNotifications: c.get('sendNotifications') } : {}),
        ...(fault ? { fault: fault.kind } : {}),
      });
    switch (fault?.kind) {
      case undefined:
        await next();
        return log(c.res.status);
      case 'status':
        c.res = faultAnswer(c, fault, `${fault.status}`);
        return log(c.res.status);
      case 'timeout':
        // Logged on arrival, so the log shows a held request while it is held.
        log(fault.status);
        await state.hold(fault.delayMs, c.req.raw.signal);
        c.res = faultAnswer(c, fault, `${fault.status} after ${fault.delayMs} ms`);
        return;
      case 'drop':
        log(0);
        throw new ConnectionDropped(fault);
      case 'drop-after':
        await next();
        log(c.res.status);
        throw new ConnectionDropped(fault);
    }
  });
  for (const [prefixes, routes] of API_MOUNTS) {
    const mounted = routes(ctx);
    for (const prefix of prefixes) api.route(prefix, mounted);
  }
  app.route('/', api);

  return app;
}

/** The Wix error answer of a `status` or `timeout` fault; the request is not processed. */
function faultAnswer(c: Context, fault: Fault, what: string): Response {
  const error = standardError(fault.status, `Injected fault: ${what} for ${fault.method} ${fault.path}.`);
  return c.json(error.toBody(), error.status as 400);
}
