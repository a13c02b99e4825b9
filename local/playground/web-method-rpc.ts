import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Emulator } from '../emulator';
import { identityFromAuthorization } from '../emulator/identity';
import { DEFAULT_BODY_LIMIT_BYTES } from '../emulator/http/app';
import { invokeWebMethod, NotAWebMethod, TooManyArguments, WebMethodForbidden } from '../velo/web-method-invoker';
import type { PlaygroundSession } from './session';
import { webModule } from './web-modules';

const RPC_PREFIX = '/_webMethods/';

/** True for the RPC's paths, whose bodies must be JSON (`loopback-guard.ts`). */
export const isWebMethodPath = (path: string) => path.startsWith(RPC_PREFIX);

/** The RPC's own refusal: a status, a code the page code and the fuzzers can tell apart, and why. */
function refuse(status: 400 | 401 | 404 | 413, code: string, message: string): Response {
  return Response.json({ message, code }, { status });
}

/**
 * `POST /_webMethods/<file>.web/<export>` with a JSON array of arguments: what a page's call to an
 * imported web method becomes. The caller is the token in `Authorization` (a visitor without one).
 * The permission set by `webMethod` is enforced: 403 when the caller may not call it. A web method's
 * answer is returned as is; an `INVALID_INPUT` answer is sent with status 400. A body over 1 MiB is a
 * 413 and more than `MAX_WEB_METHOD_ARGUMENTS` arguments a 400, before anything runs.
 */
export function webMethodRoutes(emulator: Emulator, session: PlaygroundSession, afterCall: () => void): Hono {
  const routes = new Hono();
  routes.post(
    `${RPC_PREFIX}:file/:method`,
    bodyLimit({
      maxSize: DEFAULT_BODY_LIMIT_BYTES,
      onError: () =>
        refuse(413, 'PAYLOAD_TOO_LARGE', `The arguments are larger than ${DEFAULT_BODY_LIMIT_BYTES} bytes of JSON.`),
    }),
    async (c) => {
      const file = c.req.param('file');
      const module = webModule(file);
      if (!module) return refuse(404, 'NOT_FOUND', `No web module backend/${file}.`);
      let args: unknown;
      try {
        args = await c.req.json();
      } catch {
        args = undefined;
      }
      if (!Array.isArray(args)) return refuse(400, 'BAD_REQUEST', 'The body must be a JSON array of arguments.');

      const header = c.req.header('Authorization');
      const identity = identityFromAuthorization(emulator.context.db, header);
      if (header && !identity) return refuse(401, 'UNKNOWN_TOKEN', 'Unknown token.');
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
        if (error instanceof NotAWebMethod) return refuse(404, 'NOT_FOUND', error.message);
        if (error instanceof TooManyArguments) return refuse(400, 'TOO_MANY_ARGUMENTS', error.message);
        console.error('[playground] web method failed:', error);
        return c.json({ message: 'The web method failed.' }, 500);
      } finally {
        afterCall();
      }
    },
  );
  return routes;
}
