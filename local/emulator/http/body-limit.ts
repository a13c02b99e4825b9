import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLarge } from '../errors';

/**
 * Hono's `bodyLimit`, decided from the headers whenever they suffice. Hono's own middleware first asks
 * for `request.body`, which under @hono/node-server turns the adapter's lightweight request into a full
 * `Request` with a web stream over the socket: about a tenth of the time of a sendMessage over HTTP
 * (`npm run bench -- emulatorThroughput`, profiled with `node --cpu-prof`). Deciding here what it would
 * decide leaves the body to be read directly from the socket by `c.req.text()`:
 *
 * - GET and HEAD carry no body for `Request`, so hono lets them through: so does this;
 * - a `Content-Length` without `Transfer-Encoding` is compared with the limit, as hono does;
 * - anything else (a chunked body) goes to hono's middleware, which counts the bytes as they stream.
 */
export function emulatorBodyLimit(maxSize: number): MiddlewareHandler {
  const streaming = bodyLimit({
    maxSize,
    onError: () => {
      throw new PayloadTooLarge(maxSize);
    },
  });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (parseInt(length || '0', 10) > maxSize) throw new PayloadTooLarge(maxSize);
      return next();
    }
    return streaming(c, next);
  };
}
