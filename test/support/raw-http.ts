import http from 'node:http';

/** An answer read off the socket: status, headers as sent, and the body text. */
export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON (`undefined` when it is not JSON). */
  json(): unknown;
}

export interface RawRequest {
  method?: string;
  /** Any header, `Host` included (fetch cannot forge it; a DNS-rebinding page's browser sends its own). */
  headers?: Record<string, string>;
  /** A body, sent with a Content-Length; a `chunks` body is sent chunked, with none. */
  body?: string | Buffer;
  chunks?: (string | Buffer)[];
  /** A keep-alive agent, to send several requests on one connection. */
  agent?: http.Agent;
}

/**
 * One request with node:http, header for header as given: what fetch will not send (a foreign `Host`)
 * and what a keep-alive client does (reuse the connection of the answer before).
 */
export function rawRequest(url: string, request: RawRequest = {}): Promise<RawAnswer> {
  const { method = 'GET', headers = {}, body, chunks, agent } = request;
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      {
        method,
        agent: agent ?? false,
        headers: { ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...headers },
      },
      (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (part: Buffer) => parts.push(part));
        answer.on('error', reject);
        answer.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          resolve({
            status: answer.statusCode ?? 0,
            headers: answer.headers,
            text,
            json: () => {
              try {
                return JSON.parse(text) as unknown;
              } catch {
                return undefined;
              }
            },
          });
        });
      },
    );
    outgoing.on('error', reject);
    if (body !== undefined) outgoing.write(body);
    for (const chunk of chunks ?? []) outgoing.write(chunk);
    outgoing.end();
  });
}

/** A keep-alive agent with one socket, so consecutive requests share one connection. */
export const oneConnection = () => new http.Agent({ keepAlive: true, maxSockets: 1 });
