import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { ServerResponse } from 'node:http';
import { refuseForeignRequest } from './loopback-guard';

type NodeEnv = HttpBindings | Http2Bindings;
type NodeFetch = (request: Request, env: NodeEnv) => Response | Promise<Response>;

/**
 * Wraps a local server's fetch handler for Node: refuses foreign requests (`loopback-guard.ts`) and
 * keeps keep-alive connections usable after an answer that left the request body unread.
 *
 * A 413 (or a refusal) is answered before the body is read. Left on the socket, those bytes would be
 * read as the next request, or the socket dropped under the client's next request. So such an answer
 * says `Connection: close`: the client reads the 413 and opens a new connection for its next request.
 */
export function guardedNodeHandler(handler: NodeFetch, jsonOnly: (path: string) => boolean): NodeFetch {
  return async (request, env) => {
    const incoming = env.incoming;
    const refused = refuseForeignRequest(request, incoming.headers.host, {
      port: incoming.socket.localPort ?? 0,
      jsonOnly,
    });
    const response = refused ?? (await handler(request, env));
    if ((response.status === 413 || !incoming.complete) && env.outgoing instanceof ServerResponse) {
      if (!env.outgoing.headersSent) env.outgoing.setHeader('connection', 'close');
    }
    return response;
  };
}
