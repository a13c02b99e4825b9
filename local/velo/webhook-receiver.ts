import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers the next request: a status, optionally after a delay (to force timeouts). */
export interface PlannedAnswer {
  status: number;
  delayMs?: number;
}

/**
 * A webhook receiver on loopback for tests and the playground: records every request and answers
 * with planned statuses (then 200), so forwarding, retries and timeouts can be checked end to end.
 */
export async function startWebhookReceiver() {
  const received: ReceivedRequest[] = [];
  const plan: PlannedAnswer[] = [];
  // Delayed answers still waiting: cleared on close, so a closed receiver holds no timer.
  const pending = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = plan.shift() ?? { status: 200 };
      const respond = () => {
        if (!res.destroyed) res.writeHead(answer.status, { 'content-type': 'application/json' }).end('{}');
      };
      if (answer.delayMs) {
        const timer = setTimeout(() => {
          pending.delete(timer);
          respond();
        }, answer.delayMs);
        pending.add(timer);
      } else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/inbox`,
    received,
    /** Answers the next requests with these, in order. */
    plan: (...answers: PlannedAnswer[]) => plan.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pending) clearTimeout(timer);
        pending.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
