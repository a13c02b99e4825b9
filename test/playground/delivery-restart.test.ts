import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildProcess } from 'node:child_process';
import type { DeliveryLogEntry } from '../../local/playground/console-api';
import { startScript, stopScript } from '../support/child-process';
import { controlClient } from '../support/emulator';

// `npm start` as users run it, stopped between an event's emit and its handling, then started again on
// the same storage. Only results are asserted; the timeout is generous because each start compiles.
jest.setTimeout(120_000);

const READY = /Local Wix site ready: (http:\/\/127\.0\.0\.1:\d+)/;
const visitor = (n: number) => `7f000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const children: ChildProcess[] = [];
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'playground-restart-'))));
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => stopScript(child, 'SIGKILL')));
  rmSync(dir, { recursive: true, force: true });
});

async function startPlayground() {
  const started = await startScript(
    'local/playground/main.ts',
    { PORT: '0', EMULATOR_DB: join(dir, 'site.sqlite') },
    READY,
  );
  children.push(started.child);
  return { ...started, control: controlClient((request) => fetch(request), started.url) };
}

/** The like deliveries in the events log (each like message also causes an Inbox event, not counted). */
async function deliveries(url: string): Promise<DeliveryLogEntry[]> {
  const response = await fetch(`${url}/_playground/deliveries?limit=200`);
  const all = ((await response.json()) as { deliveries: DeliveryLogEntry[] }).deliveries;
  return all.filter((delivery) => delivery.name === 'wixBlog_onPostLiked');
}

/** Polls until `done` holds for the playground's deliveries (the poll runs every 250 ms). */
async function waitForDeliveries(url: string, done: (list: DeliveryLogEntry[]) => boolean) {
  for (let i = 0; i < 400; i++) {
    const list = await deliveries(url);
    if (done(list)) return list;
    await sleep(50);
  }
  throw new Error(`deliveries never settled: ${JSON.stringify(await deliveries(url))}`);
}

const status = (delivery: DeliveryLogEntry) => (delivery.result as { status?: string } | undefined)?.status;

it.each(['SIGTERM', 'SIGKILL'] as const)(
  'handles each like emitted before a %s exactly once after the restart',
  async (signal) => {
    const first = await startPlayground();
    // The first like's claim is held (a hung Wix), so the likes after it are emitted but not handled.
    expect(
      (
        await first.control.injectFault({
          method: 'POST',
          path: '/wix-data/v2/items',
          kind: 'timeout',
          delayMs: 120_000,
        })
      ).status,
    ).toBe(200);
    const eventIds: string[] = [];
    for (let n = 1; n <= 4; n++) {
      const { body } = await first.control.call<{ eventId: string }>('POST', '/_emulator/v1/blog/likes', {
        postId: 'post-1',
        anonymousVisitorId: visitor(n),
      });
      eventIds.push(body.eventId);
    }
    // Wait until the first handler is blocked on the held claim.
    for (let i = 0; !(await first.control.requests()).some((r) => r.path.endsWith('/items')); i++) {
      if (i > 400) throw new Error('the like handler never ran');
      await sleep(25);
    }
    expect(await deliveries(first.url)).toEqual([]);
    await stopScript(first.child, signal);

    const second = await startPlayground();
    const handled = await waitForDeliveries(second.url, (list) => list.length >= 4);
    await sleep(500); // anything delivered twice would show up by now
    const after = await deliveries(second.url);
    expect(after).toHaveLength(4);
    expect(handled.map((d) => d.eventId).sort()).toEqual([...eventIds].sort());
    expect(after.map(status)).toEqual(['done', 'done', 'done', 'done']);
    const messages = (await second.control.conversations()).flatMap((c) => c.messages);
    expect(messages).toHaveLength(4);
  },
);

it('keeps the deliveries log across a restart and does not deliver handled events again', async () => {
  const first = await startPlayground();
  await first.control.call('POST', '/_emulator/v1/blog/likes', { postId: 'post-2', anonymousVisitorId: visitor(9) });
  const [delivery] = await waitForDeliveries(first.url, (list) => list.length === 1);
  expect(status(delivery!)).toBe('done');
  await stopScript(first.child, 'SIGKILL');

  const second = await startPlayground();
  await sleep(600);
  expect(await deliveries(second.url)).toEqual([delivery]);
  expect((await second.control.conversations()).flatMap((c) => c.messages)).toHaveLength(1);
});

it('resets delivery with the emulator: the next like after a reset is handled', async () => {
  const playground = await startPlayground();
  for (let n = 1; n <= 3; n++) {
    await playground.control.call('POST', '/_emulator/v1/blog/likes', {
      postId: 'post-3',
      anonymousVisitorId: visitor(n),
    });
  }
  await waitForDeliveries(playground.url, (list) => list.length === 3);

  expect((await playground.control.call('POST', '/_emulator/v1/reset')).status).toBe(200);
  expect(await deliveries(playground.url)).toEqual([]);
  await playground.control.call('POST', '/_emulator/v1/blog/likes', {
    postId: 'post-3',
    anonymousVisitorId: visitor(7),
  });

  const [delivery] = await waitForDeliveries(playground.url, (list) => list.length === 1);
  expect(delivery).toMatchObject({ seq: 1, name: 'wixBlog_onPostLiked', result: { status: 'done' } });
  const messages = (await playground.control.conversations()).flatMap((c) => c.messages);
  expect(messages).toHaveLength(1);
});
