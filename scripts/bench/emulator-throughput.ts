/**
 * Emulator throughput (`npm run bench -- emulatorThroughput`): sendMessage over HTTP on loopback, at
 * concurrency 1 (how tests and a Velo backend call it: one request after another) and 8, against a bare
 * `node:http` endpoint served the same way. A report, not a test: the goal is reported, and the bench
 * fails only when a request fails (any answer but 200).
 *
 * Why this baseline: the bare endpoint does the least any JSON API server must do for this request
 * (read the body, parse it, answer the created message as JSON) on Node's own HTTP server, with no
 * framework, no storage and no checks. It is deliberately not made heavier: what the emulator does beyond
 * it (host/origin guard, token look-up, request log, validation, a durable SQLite commit of the message
 * and its event) is exactly what the ratio is meant to show.
 * Its rate is the ceiling for this machine and this client, so the ratio is the emulator's own cost:
 * routing, auth, validation, SQLite, the event outbox. Why this client: a light keep-alive client
 * (`node:http` with an Agent that keeps sockets open, sending the exact headers and body the SDK sends)
 * costs little next to either server, so the client does not flatten the difference the way the SDK's
 * own per-request work would. The servers run in a child process (this module with `--serve`), as
 * `npm run emulator` runs apart from the site code that calls it.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startEmulatorServer } from '../../local/emulator/server';
import { controlClient, overHttp, sdkClient } from '../../test/support/emulator';
import { alternateRounds, median, round, roundRatios, setting, type Benchmark, type SectionReport } from './common';

const REQUESTS = setting('BENCH_REQUESTS', 2000, 300);
const CONCURRENCIES = [1, setting('BENCH_CONCURRENCY', 8)];
const ROUNDS = setting('BENCH_ROUNDS', 5, 3);
const WARMUP_REQUESTS = setting('BENCH_WARMUP', 500, 100);
/** The emulator (file-backed) serves at least half the bare endpoint's rate, at each concurrency. */
const GOAL = 0.5;

const MESSAGE = {
  content: { basic: { items: [{ text: 'Hello from the bench: is my order on its way?' }] } },
  direction: 'BUSINESS_TO_PARTICIPANT' as const,
  visibility: 'BUSINESS_AND_PARTICIPANT' as const,
};

interface Urls {
  bare: string;
  file: string;
  memory: string;
}

/**
 * The bare endpoint: read the body, parse it, answer the sent message back as a created one (with an id
 * and a date), as the least a JSON API that stores nothing does for this request. It echoes the sender's
 * own message rather than a fixed `{ id }`, so both servers serialize an answer of the same kind and size
 * (the emulator's adds the fields Wix adds: sender, sequence, channels); nothing here comes from the
 * emulator's code.
 */
function startBare(): Promise<{ url: string; server: Server; close: () => void }> {
  let count = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        conversationId?: string;
        message?: Record<string, unknown>;
      };
      const created = { ...body.message, id: String(++count), createdDate: new Date().toISOString() };
      const answer = JSON.stringify({ message: { ...created, conversationId: body.conversationId } });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        server,
        close: () => server.close(),
      }),
    ),
  );
}

/** `--serve`: the bare endpoint and two emulators (file and `:memory:`); prints their URLs as JSON. */
async function serveTargets(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-emulator-'));
  const bare = await startBare();
  const file = await startEmulatorServer({ port: 0, dbPath: join(dir, 'emulator.sqlite') });
  const memory = await startEmulatorServer({ port: 0, dbPath: ':memory:' });
  // Rounds alternate the servers, so a server's sockets may sit idle for longer than Node's 5 s
  // keep-alive timeout while the others are measured; reusing a socket the server is closing gives
  // "socket hang up". All three keep idle sockets for a minute, the same for each.
  for (const server of [bare.server, file.server, memory.server]) (server as Server).keepAliveTimeout = 60_000;

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    bare.close();
    Promise.all([file.close(), memory.close()]).finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.stdin.on('end', stop).resume(); // the parent closes stdin when done, or by dying
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const urls: Urls = { bare: bare.url, file: file.url, memory: memory.url };
  console.log(JSON.stringify(urls));
}

type Send = (worker: number) => Promise<void>;

/** The headers and body the SDK sends for one sendMessage, so plain fetch can send the same bytes. */
async function captureSdkRequest(conversationId: string) {
  let captured: { headers: Record<string, string>; body: string } | undefined;
  const recorder = async (request: Request) => {
    captured = { headers: Object.fromEntries(request.headers), body: await request.text() };
    return Response.json({ message: {} });
  };
  await sdkClient(recorder, 'token').messages.sendMessage(conversationId, MESSAGE);
  if (!captured) throw new Error('The SDK sent no request for sendMessage.');
  return captured;
}

/** One keep-alive socket per worker, as a light client holds its connection open. */
const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...CONCURRENCIES) });

function viaLightClient(
  origin: string,
  token: string,
  conversationIds: string[],
  template: { headers: Record<string, string>; body: string; conversationId: string },
): Send {
  const { hostname, port } = new URL(origin);
  const bodies = conversationIds.map((id) => Buffer.from(template.body.replace(template.conversationId, id)));
  return (worker) =>
    new Promise<void>((resolve, reject) => {
      const body = bodies[worker]!;
      const headers = { ...template.headers, authorization: token, 'content-length': String(body.length) };
      const req = httpRequest({ hostname, port, path: '/inbox/v2/messages', method: 'POST', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode === 200) resolve();
          else reject(new Error(`POST ${origin}/inbox/v2/messages: ${res.statusCode} ${Buffer.concat(chunks)}`));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
}

/** An APP token and one visitor conversation per worker. */
async function prepareEmulator(origin: string) {
  const { token } = await controlClient((request) => fetch(request), origin).token('APP');
  const { conversations } = sdkClient(overHttp(origin), token);
  const conversationIds: string[] = [];
  for (let i = 0; i < Math.max(...CONCURRENCIES); i++) {
    const { conversation } = await conversations.getOrCreateConversation({ anonymousVisitorId: randomUUID() });
    conversationIds.push(conversation!._id!);
  }
  return { token, conversationIds };
}

/** Sends `total` requests from `concurrency` workers; returns the elapsed milliseconds. */
async function runLoad(send: Send, total: number, concurrency: number): Promise<number> {
  let started = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (started < total) {
        started++;
        await send(worker);
      }
    }),
  );
  return performance.now() - begin;
}

async function startServers() {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--serve'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The bench servers exited (${code}) before starting.`)));
  });
  lines.close();
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.stdin!.end();
    });
  return { urls: JSON.parse(first) as Urls, stop };
}

async function bench(urls: Urls): Promise<SectionReport> {
  const file = await prepareEmulator(urls.file);
  const memory = await prepareEmulator(urls.memory);
  const bare = {
    token: file.token,
    conversationIds: Array.from({ length: Math.max(...CONCURRENCIES) }, () => randomUUID()),
  };
  const captureId = randomUUID();
  const captured = await captureSdkRequest(captureId);
  const template = { ...captured, conversationId: captureId };

  const servers = [
    { name: 'bare node:http', url: urls.bare, ...bare },
    { name: 'emulator, file', url: urls.file, ...file },
    { name: 'emulator, memory', url: urls.memory, ...memory },
  ];
  const targets = CONCURRENCIES.flatMap((concurrency) =>
    servers.map((server) => ({
      name: `${server.name} · c=${concurrency}`,
      baseline: `bare node:http · c=${concurrency}`,
      concurrency,
      send: viaLightClient(server.url, server.token, server.conversationIds, template),
    })),
  );

  for (const target of targets) await runLoad(target.send, WARMUP_REQUESTS, target.concurrency);
  const rates = await alternateRounds(targets, ROUNDS, async (target) => {
    const ms = await runLoad(target.send, REQUESTS, target.concurrency);
    return (REQUESTS * 1000) / ms;
  });
  agent.destroy();

  const throughput = (name: string) => median(rates.get(name)!);
  /** The median of the per-round ratios: each round measures target and baseline close together. */
  const ratioTo = (name: string, baseline: string) => median(roundRatios(rates.get(name)!, rates.get(baseline)!));
  const headlines = CONCURRENCIES.map((c) => ({
    concurrency: c,
    ratio: ratioTo(`emulator, file · c=${c}`, `bare node:http · c=${c}`),
  }));
  return {
    headline: `emulator (file) vs bare node:http: ${headlines.map((h) => `${h.ratio.toFixed(2)}x at c=${h.concurrency}`).join(', ')}`,
    intro: [
      `sendMessage over HTTP on loopback: ${REQUESTS} requests × ${ROUNDS} rounds per target, concurrency ${CONCURRENCIES.join(' and ')},`,
      `${WARMUP_REQUESTS} warm-up requests each; servers in a separate process; a light keep-alive node:http client sends the`,
      `SDK's own headers and body (${Buffer.byteLength(captured.body)} bytes). Baseline: a bare node:http endpoint that parses the body and`,
      'answers a small JSON object (the least any JSON API must do), so the ratio is the emulator’s own cost.',
    ],
    header: ['target', 'requests/s', 'each round', 'vs baseline', 'goal', 'goal met'],
    rows: targets.map((t) => {
      const ratio = ratioTo(t.name, t.baseline);
      const judged = t.name.startsWith('emulator, file');
      return [
        t.name + (t.name === t.baseline ? '  <- baseline' : ''),
        throughput(t.name).toFixed(0),
        rates
          .get(t.name)!
          .map((r) => r.toFixed(0))
          .join(' / '),
        ratio.toFixed(2),
        judged ? `>= ${GOAL.toFixed(2)}` : '-',
        judged ? (ratio >= GOAL ? 'met' : 'NOT met') : '-',
      ];
    }),
    notes: [
      'requests/s is the median of the rounds; rounds alternate the targets; ratios are medians of per-round ratios.',
    ],
    goals: headlines.map((h) => ({
      description: `emulator sendMessage (file, light keep-alive client, c=${h.concurrency}) >= ${GOAL.toFixed(2)}x a bare node:http endpoint`,
      met: h.ratio >= GOAL,
    })),
    results: {
      settings: { concurrency: CONCURRENCIES, requests: REQUESTS, rounds: ROUNDS, warmupRequests: WARMUP_REQUESTS },
      headline: headlines.map((h) => ({ concurrency: h.concurrency, ratio: round(h.ratio), goal: GOAL })),
      targets: targets.map((t) => ({
        target: t.name,
        baseline: t.baseline,
        requestsPerSecond: Math.round(throughput(t.name)),
        ratio: round(ratioTo(t.name, t.baseline)),
      })),
    },
  };
}

export const emulatorThroughput: Benchmark = {
  key: 'emulatorThroughput',
  title: 'Emulator throughput over HTTP (sendMessage, light keep-alive client) vs a bare node:http endpoint',
  async run() {
    const servers = await startServers();
    try {
      return await bench(servers.urls);
    } finally {
      await servers.stop();
    }
  },
};

// The child process that serves the targets (started by startServers).
if (require.main === module && process.argv.includes('--serve')) {
  serveTargets().catch((error: unknown) => {
    console.error(`bench servers failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  });
}
