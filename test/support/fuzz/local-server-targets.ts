/**
 * The local servers (`npm run emulator`, `npm start`) as a fuzz target for the requests a browser may
 * send them on a page's behalf: any `Host` (DNS rebinding), `Origin`, `Sec-Fetch-*` and content type,
 * to the endpoints that change state or hand out tokens.
 */
import fc from 'fast-check';
import { rawRequest } from '../raw-http';
import { contentTypeHeader, fetchMetadata, hostHeader, originHeader } from './inputs';
import { parseJson, shorten } from './invariants';

export interface LocalServer {
  kind: 'emulator' | 'playground';
  url: string;
  port: number;
  /** Rows written to the server's store since it opened. */
  writes(): number;
  /** Waits until background work (event delivery) is done, so `writes` counts only the request. */
  settle(): Promise<void>;
}

export interface LocalRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  host: string;
  origin?: string;
  site?: string;
  mode?: string;
  contentType?: string;
}

const FORM = JSON.stringify([{ firstName: 'Cara', email: 'cara@example.com', message: 'Hello' }]);

/** What a page would want to reach: state changes, the control API's reads, and the session's tokens. */
const ENDPOINTS: Record<LocalServer['kind'], Pick<LocalRequest, 'method' | 'path' | 'body'>[]> = {
  emulator: [
    { method: 'POST', path: '/_emulator/v1/reset' },
    { method: 'POST', path: '/_emulator/v1/tokens', body: '{"type":"APP"}' },
    { method: 'POST', path: '/_emulator/v1/members', body: '{"email":"eve@example.com"}' },
    { method: 'POST', path: '/_emulator/v1/secrets', body: '{"name":"webhook-secret","value":"attacker"}' },
    { method: 'POST', path: '/_emulator/v1/faults', body: '{"method":"GET","path":"/x","status":500}' },
    { method: 'POST', path: '/inbox/v2/conversations', body: '{}' },
    { method: 'GET', path: '/_emulator/v1/conversations' },
    { method: 'GET', path: '/_emulator/v1/health' },
  ],
  playground: [
    { method: 'POST', path: '/_emulator/v1/reset' },
    { method: 'POST', path: '/_emulator/v1/secrets', body: '{"name":"webhook-secret","value":"attacker"}' },
    { method: 'POST', path: '/_webMethods/inbox.web/submitContactForm', body: FORM },
    { method: 'POST', path: '/_webMethods/inbox.web/getMyMessages', body: '[]' },
    { method: 'GET', path: '/_playground/session' },
    { method: 'GET', path: '/_playground/conversations' },
    { method: 'GET', path: '/contact' },
  ],
};

export function localRequest(server: LocalServer): fc.Arbitrary<LocalRequest> {
  return fc
    .record({
      endpoint: fc.constantFrom(...ENDPOINTS[server.kind]),
      host: hostHeader(server.port),
      origin: originHeader(server.port),
      metadata: fetchMetadata,
      contentType: contentTypeHeader,
    })
    .map(({ endpoint, host, origin, metadata, contentType }) => ({
      ...endpoint,
      host,
      ...(origin ? { origin } : {}),
      ...(metadata.site ? { site: metadata.site } : {}),
      ...(metadata.mode ? { mode: metadata.mode } : {}),
      ...(contentType ? { contentType } : {}),
    }));
}

/**
 * The refusal the README promises for this request (status), or `undefined` when it must get through:
 * a foreign Host is 421; a change from another origin, or anything cross-site but a link, is 403; a
 * control or RPC body not sent as JSON is 415.
 */
export function promisedRefusal(request: LocalRequest, port: number): number | undefined {
  const host = request.host.toLowerCase();
  if (![`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host)) return 421;
  const changes = request.method !== 'GET';
  if (changes && request.origin !== undefined && request.origin !== `http://${host}`) return 403;
  if (request.site === 'cross-site' && (changes || request.mode !== 'navigate')) return 403;
  const jsonOnly = request.path.startsWith('/_emulator/v1/') || request.path.startsWith('/_webMethods/');
  if (changes && jsonOnly) {
    const json = request.contentType?.split(';')[0]!.trim().toLowerCase() === 'application/json';
    if (request.contentType === undefined ? request.body !== undefined : !json) return 415;
  }
  return undefined;
}

export interface LocalAnswer {
  status: number;
  /** The status of the guard's refusal (its body starts with "Refused:"), else `undefined`. */
  refusal: number | undefined;
  stored: number;
  detail: string;
}

/** Sends one request as given, header for header, and sees whether the guard refused it. */
export async function sendLocal(server: LocalServer, request: LocalRequest): Promise<LocalAnswer> {
  await server.settle();
  const before = server.writes();
  const headers: Record<string, string> = { host: request.host };
  if (request.origin) headers.origin = request.origin;
  if (request.site) headers['sec-fetch-site'] = request.site;
  if (request.mode) headers['sec-fetch-mode'] = request.mode;
  if (request.contentType) headers['content-type'] = request.contentType;
  const answer = await rawRequest(server.url + request.path, {
    method: request.method,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  const message = (parseJson(answer.text) as { message?: unknown } | undefined)?.message;
  const refused = typeof message === 'string' && message.startsWith('Refused:');
  await server.settle();
  return {
    status: answer.status,
    refusal: refused ? answer.status : undefined,
    stored: server.writes() - before,
    detail: shorten(answer.text),
  };
}
