/**
 * Emulator throughput (`npm run bench -- emulatorThroughput`): sendMessage over HTTP
 * on loopback, against a bare Hono JSON endpoint served the same way. A report, not a test: the goal is
 * reported, and the bench fails only when a request fails (any answer but 200).
 *
 * The servers run in a child process (this module with `--serve`), as `npm run emulator` runs apart
 * from the site code that calls it, so the client's work does not share the servers' event loop.
 * Each server is driven two ways: through the real SDK (`@wix/inbox` on `@wix/sdk`, fetch pointed at
 * the server) and by plain fetch replaying the exact headers and body the SDK sends.
 */
import { serve } from '@hono/node-server';
import { messages } from '@wix/inbox';
import { createClient } from '@wix/sdk';
import { Hono } from 'hono';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startEmulatorServer } from '../../local/emulator/server';
import { controlClient, overHttp, sdkClient } from '../../test/support/emulator';
import { alternateRounds, median, round, roundRatios, setting, type Benchmark, type SectionReport } from './common';

const REQUESTS = setting('BENCH_REQUESTS', 2000, 300);
const CONCURRENCY = setting('BENCH_CONCURRENCY', 8);
const ROUNDS = setting('BENCH_ROUNDS', 5, 3);
const WARMUP_REQUESTS = setting('BENCH_WARMUP', 500, 100);
/** The emulator (file-backed, driven by the SDK) serves at least half the bare endpoint's rate. */
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

/** `--serve`: the bare endpoint and two emulators (file and `:memory:`); prints their URLs as JSON. */
async function serveTargets(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-emulator-'));
  const bareApp = new Hono();
  let count = 0;
  bareApp.post('/inbox/v2/messages', async (c) => {
    const body = await c.req.json<{ conversationId?: string }>();
    return c.json({ message: { id: String(++count), conversationId: body.conversationId } });
  });
  const bare = await new Promise<{ url: string; close: () => void }>((resolve) => {
    const server = serve({ fetch: bareApp.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
    );
  });
  const file = await startEmulatorServer({ port: 0, dbPath: join(dir, 'emulator.sqlite') });
  const memory = await startEmulatorServer({ port: 0, dbPath: ':memory:' });

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

interface Target {
  name: string;
  baseline: string;
  send: Send;
}

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

/**
 * An SDK client whose requests to www.wixapis.com go to `origin` instead: fetch is called with the SDK's
 * own arguments (not through test/support's sdkClient, which copies each request), so the client's cost
 * is the SDK's alone.
 */
function viaSdk(origin: string, token: string, conversationIds: string[]): Send {
  const client = createClient({
    auth: { getAuthHeaders: async () => ({ headers: { Authorization: token } }) },
    modules: { messages },
    fetch: (url, init) => fetch(String(url).replace(/^https:\/\/[^/]+/, origin), init),
  });
  return async (worker) => {
    await client.messages.sendMessage(conversationIds[worker]!, MESSAGE); // throws on any non-200
  };
}

function viaFetch(
  origin: string,
  token: string,
  conversationIds: string[],
  template: { headers: Record<string, string>; body: string; conversationId: string },
): Send {
  const headers = { ...template.headers, authorization: token };
  const bodies = conversationIds.map((id) => template.body.replace(template.conversationId, id));
  return async (worker) => {
    const response = await fetch(`${origin}/inbox/v2/messages`, { method: 'POST', headers, body: bodies[worker] });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`POST ${origin}/inbox/v2/messages: ${response.status} ${text}`);
  };
}

/** An APP token and one visitor conversation per worker. */
async function prepareEmulator(origin: string) {
  const { token } = await controlClient((request) => fetch(request), origin).token('APP');
  const { conversations } = sdkClient(overHttp(origin), token);
  const conversationIds: string[] = [];
  for (let i = 0; i < CONCURRENCY; i++) {
    const { conversation } = await conversations.getOrCreateConversation({ anonymousVisitorId: randomUUID() });
    conversationIds.push(conversation!._id!);
  }
  return { token, conversationIds };
}

/** Sends `total` requests from `CONCURRENCY` workers; returns the elapsed milliseconds. */
async function runLoad(send: Send, total: number): Promise<number> {
  let started = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
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
  const bare = { token: file.token, conversationIds: Array.from({ length: CONCURRENCY }, () => randomUUID()) };
  const captureId = randomUUID();
  const captured = await captureSdkRequest(captureId);
  const template = { ...captured, conversationId: captureId };

  // Each server driven by the SDK and by plain fetch; each row is compared with the bare endpoint
  // driven by the same client code, so the ratio is the server's cost, not the SDK's.
  const servers = [
    { name: 'bare Hono', url: urls.bare, ...bare },
    { name: 'emulator, file', url: urls.file, ...file },
    { name: 'emulator, memory', url: urls.memory, ...memory },
  ];
  const targets: Target[] = servers.flatMap((server) => [
    {
      name: `${server.name} · SDK`,
      baseline: 'bare Hono · SDK',
      send: viaSdk(server.url, server.token, server.conversationIds),
    },
    {
      name: `${server.name} · fetch`,
      baseline: 'bare Hono · fetch',
      send: viaFetch(server.url, server.token, server.conversationIds, template),
    },
  ]);
  const headline = targets.find((t) => t.name === 'emulator, file · SDK')!;

  for (const target of targets) await runLoad(target.send, WARMUP_REQUESTS);
  const rates = await alternateRounds(targets, ROUNDS, async (target) => {
    const ms = await runLoad(target.send, REQUESTS);
    return (REQUESTS * 1000) / ms;
  });

  const throughput = (name: string) => median(rates.get(name)!);
  /** The median of the per-round ratios: each round measures target and baseline close together. */
  const ratioTo = (name: string, baseline: string) => median(roundRatios(rates.get(name)!, rates.get(baseline)!));
  const ratio = ratioTo(headline.name, headline.baseline);
  return {
    headline: `${headline.name}: ${ratio.toFixed(2)}x the bare endpoint's requests/s`,
    intro: [
      `sendMessage over HTTP on loopback: ${REQUESTS} requests × ${ROUNDS} rounds per target, concurrency ${CONCURRENCY},`,
      `${WARMUP_REQUESTS} warm-up requests each; servers in a separate process; body ${Buffer.byteLength(captured.body)} bytes as the SDK`,
      "sends it. Baseline: a bare Hono endpoint driven by the same client code, so the ratio is the server's cost.",
    ],
    header: ['target', 'requests/s', 'each round', 'vs baseline (same client)', 'vs bare Hono · fetch'],
    rows: targets.map((t) => [
      t.name + (t === headline ? '  <- headline' : ''),
      throughput(t.name).toFixed(0),
      rates
        .get(t.name)!
        .map((r) => r.toFixed(0))
        .join(' / '),
      ratioTo(t.name, t.baseline).toFixed(2),
      ratioTo(t.name, 'bare Hono · fetch').toFixed(2),
    ]),
    notes: [
      'requests/s is the median of the rounds; rounds alternate the targets; ratios are medians of per-round ratios.',
      `headline: ${headline.name} vs ${headline.baseline} = ${ratio.toFixed(2)}`,
    ],
    goals: [{ description: `emulator throughput >= ${GOAL.toFixed(2)}x the bare endpoint`, met: ratio >= GOAL }],
    results: {
      settings: { concurrency: CONCURRENCY, requests: REQUESTS, rounds: ROUNDS, warmupRequests: WARMUP_REQUESTS },
      headline: { target: headline.name, baseline: headline.baseline, ratio: round(ratio), goal: GOAL },
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
  title: 'Emulator throughput over HTTP (sendMessage) vs a bare Hono endpoint',
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
