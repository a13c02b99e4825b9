/**
 * What keeps the local servers (`npm run emulator`, `npm start`) to the developer's own tools. They
 * listen on 127.0.0.1, but a browser is a confused deputy: any page the developer visits can send
 * requests to loopback, and a DNS-rebinding page can even read the answers. So, before a request
 * reaches the emulator, the RPC or a page:
 *
 * - its `Host` must be a loopback name with this server's port (a rebinding page sends its own name);
 * - a state-changing request (not GET/HEAD) must not come from another origin: an `Origin` header, when
 *   present, must be this server's own (curl and the Node SDK send none; the playground's pages send
 *   their own), and `Sec-Fetch-Site: cross-site` is refused;
 * - a GET/HEAD from another site is refused unless it is a top-level navigation (a link to the console);
 * - on JSON-only paths (control API, web-method RPC), a body must be sent as `application/json`, which
 *   a page cannot do across origins without a CORS preflight that these servers never grant. A
 *   request without a body needs no content type (`curl -XPOST .../reset`): the origin rules apply.
 *
 * The in-process emulator (`createEmulator().fetch`, used by the tests) has no socket and no browser,
 * so only the Node adapters apply this guard.
 */

import { getPath } from 'hono/utils/url';

/** The loopback names a local server answers to. It listens on 127.0.0.1 only. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export interface GuardOptions {
  /** The port the request arrived on (the socket's local port). */
  port: number;
  /** Paths whose bodies must be JSON. */
  jsonOnly: (path: string) => boolean;
}

const hostsByPort = new Map<number, readonly string[]>();

/** The `Host` values this server answers to: each loopback name with the port (alone too on port 80). */
export function loopbackHosts(port: number): readonly string[] {
  let hosts = hostsByPort.get(port);
  if (!hosts) {
    hosts = LOOPBACK_NAMES.flatMap((name) => (port === 80 ? [`${name}:80`, name] : [`${name}:${port}`]));
    hostsByPort.set(port, hosts);
  }
  return hosts;
}

function refusal(status: number, message: string): Response {
  return new Response(JSON.stringify({ message }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** True when the request carries a body: a non-zero length, or a chunked one. */
function hasBody(headers: Headers): boolean {
  const length = headers.get('content-length');
  return headers.has('transfer-encoding') || (length !== null && length.trim() !== '0');
}

function isJson(contentType: string): boolean {
  return contentType.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/**
 * The refusal for a request that did not come from the developer's own tools, or `undefined` to let it
 * through. `host` is the raw `Host` header (the URL's host may have been filled in by the adapter).
 */
export function refuseForeignRequest(
  request: Request,
  host: string | undefined,
  options: GuardOptions,
): Response | undefined {
  const headers = request.headers;
  const ownHost = host?.trim().toLowerCase() ?? '';
  if (!loopbackHosts(options.port).includes(ownHost)) {
    const names = loopbackHosts(options.port).join(', ');
    return refusal(
      421,
      `Refused: this local server answers only to ${names}, not to Host "${host ?? ''}". Open it at ` +
        `http://127.0.0.1:${options.port} (a page under another name may be a DNS-rebinding attack).`,
    );
  }

  const stateChanging = !SAFE_METHODS.has(request.method);
  const site = headers.get('sec-fetch-site')?.toLowerCase();
  const origin = headers.get('origin');
  if (stateChanging && origin !== null && origin.toLowerCase() !== `http://${ownHost}`) {
    return refusal(
      403,
      `Refused: a ${request.method} from origin "${origin}". This local server accepts changes only from its own ` +
        `pages (http://${ownHost}) or from tools that send no Origin (curl, the Wix SDK in Node).`,
    );
  }
  const navigation = !stateChanging && headers.get('sec-fetch-mode')?.toLowerCase() === 'navigate';
  if (site === 'cross-site' && !navigation) {
    return refusal(
      403,
      `Refused: a cross-site ${request.method} (Sec-Fetch-Site: cross-site). Another site's page may not use this local server.`,
    );
  }

  // The path as the router reads it (percent-escapes decoded), so `/%5Femulator/...` is judged as the
  // control path it is routed to.
  if (stateChanging && options.jsonOnly(getPath(request))) {
    const contentType = headers.get('content-type');
    if (contentType === null ? hasBody(headers) : !isJson(contentType)) {
      return refusal(
        415,
        `Refused: the body must be sent with Content-Type: application/json, not ${contentType ?? 'none'} ` +
          `(curl: -H 'content-type: application/json').`,
      );
    }
  }
  return undefined;
}
