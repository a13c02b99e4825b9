import { Hono } from 'hono';
import type { Emulator } from '../emulator';
import { identityFromAuthorization } from '../emulator/identity';
import { invokeWebMethod, NotAWebMethod, WebMethodForbidden } from '../velo/web-method-invoker';
import type { PlaygroundSession } from './session';
import { WEB_MODULES } from './web-modules';

/**
 * `POST /_webMethods/<file>.web/<export>` with a JSON array of arguments: what a page's call to an
 * imported web method becomes. The caller is the token in `Authorization` (a visitor without one).
 * The permission set by `webMethod` is enforced: 403 when the caller may not call it. A web method's
 * answer is returned as is; an `INVALID_INPUT` answer is sent with status 400.
 */
export function webMethodRoutes(emulator: Emulator, session: PlaygroundSession, afterCall: () => void): Hono {
  const routes = new Hono();
  routes.post('/_webMethods/:file/:method', async (c) => {
    const module = WEB_MODULES[c.req.param('file')];
    if (!module) return c.json({ message: `No web module backend/${c.req.param('file')}.` }, 404);
    let args: unknown;
    try {
      args = await c.req.json();
    } catch {
      return c.json({ message: 'The body must be a JSON array of arguments.' }, 400);
    }
    if (!Array.isArray(args)) return c.json({ message: 'The body must be a JSON array of arguments.' }, 400);

    const header = c.req.header('Authorization');
    const identity = identityFromAuthorization(emulator.context.db, header);
    if (header && !identity) return c.json({ message: 'Unknown token.' }, 401);
    const caller = identity
      ? { type: identity.type, token: header! }
      : { type: 'ANONYMOUS_VISITOR' as const, token: session.identities.visitor.token };
    try {
      const result = await invokeWebMethod(
        emulator.fetch,
        module,
        c.req.param('method'),
        args,
        caller,
        session.appToken,
      );
      const invalid = (result as { ok?: boolean; error?: { code?: string } })?.error?.code === 'INVALID_INPUT';
      return c.json(result as object, invalid ? 400 : 200);
    } catch (error) {
      if (error instanceof WebMethodForbidden) return c.json({ message: error.message, code: 'FORBIDDEN' }, 403);
      if (error instanceof NotAWebMethod) return c.json({ message: error.message }, 404);
      console.error('[playground] web method failed:', error);
      return c.json({ message: 'The web method failed.' }, 500);
    } finally {
      afterCall();
    }
  });
  return routes;
}
