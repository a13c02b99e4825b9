/**
 * The measuring half of the web-method overhead benchmark (web-method-overhead.ts runs it in a child
 * process, compiled with esbuild; it prints its figures as JSON). The admin web method `sendBasicMessage`,
 * called as Velo calls it (invokeWebMethod: permission gate, Wix call context, input validation, then
 * the library's elevated getOrCreateConversation + sendMessage), against the two SDK calls it wraps made
 * directly on an elevated client. Every target sends the same two requests, byte for byte (checked
 * before timing), to the same in-process emulator, so the ratio is the cost of the web-method layer and
 * the site code around the calls.
 *
 * A third row makes the same two direct calls inside a Velo call context (runWithWixContext +
 * auth.elevate, as any site code on Wix runs), to show how much of the overhead is the call context
 * (the platform's, on Wix) and how much the site's own code.
 */
import '../../local/velo/velo-modules'; // first: site modules import Velo-only modules (wix-chat-backend)
import { auth } from '@wix/essentials';
import { conversations, messages } from '@wix/inbox';
import * as admin from 'backend/inbox-admin.web';
import { basicContent } from 'public/message-content';
import { runWithWixContext } from '../../local/velo/wix-context';
import { sdkClient } from '../../test/support/emulator';
import { setupSite } from '../../test/support/site';
import { alternateRounds, setting, timed } from './common';

const ITERATIONS = setting('BENCH_OVERHEAD_ITERATIONS', 300, 50);
const ROUNDS = setting('BENCH_OVERHEAD_ROUNDS', 9, 3);
const WARMUP = setting('BENCH_OVERHEAD_WARMUP', 200, 30);

/** The web method's input. */
const INPUT = { items: [{ text: 'Your order shipped today.' }] };

/** What sendBasicMessage sends for INPUT: the content from the same public builder (with its previewText). */
function directMessage() {
  const content = basicContent(INPUT);
  if (!content.ok) throw new Error('the bench input is not valid basic content');
  return {
    content: content.value as messages.MessageContent,
    direction: 'BUSINESS_TO_PARTICIPANT' as const,
    visibility: 'BUSINESS_AND_PARTICIPANT' as const,
  };
}
const SEND_OPTIONS = { sendNotifications: false, sendAs: 'CALLER' as const };

type Site = Awaited<ReturnType<typeof setupSite>>;

interface Target {
  name: string;
  once(): Promise<void>;
}

function targetsFor(site: Site, appToken: string): [webMethod: Target, direct: Target, inContext: Target] {
  const recipient = { memberId: site.members.ann.id };
  const message = directMessage();
  // Looked up on each request, as site.call looks up site.emulator.fetch, so the check below sees all.
  const emulator = (request: Request) => site.emulator.fetch(request);
  const elevated = sdkClient(emulator, appToken);
  const elevatedGetOrCreate = auth.elevate(conversations.getOrCreateConversation);
  const elevatedSend = auth.elevate(messages.sendMessage);
  return [
    {
      name: 'web method sendBasicMessage',
      async once() {
        const result = (await site.call(admin, 'sendBasicMessage', [recipient, INPUT], 'admin')) as { ok: boolean };
        if (!result.ok) throw new Error(`sendBasicMessage failed: ${JSON.stringify(result)}`);
      },
    },
    {
      name: 'direct SDK, elevated client',
      async once() {
        const { conversation } = await elevated.conversations.getOrCreateConversation(recipient);
        await elevated.messages.sendMessage(conversation!._id!, message, SEND_OPTIONS);
      },
    },
    {
      name: 'direct SDK in a Velo call context',
      once: () =>
        runWithWixContext(emulator, { callerToken: site.callers.admin.token, elevatedToken: appToken }, async () => {
          const { conversation } = await elevatedGetOrCreate(recipient);
          await elevatedSend(conversation!._id!, message, SEND_OPTIONS);
        }),
    },
  ];
}

/**
 * Runs each target once and checks they all make the same API calls (request log) with the same
 * method, path and body; returns those calls. Throws when a target differs from the first.
 */
async function sameRequests(site: Site, targets: readonly Target[]): Promise<string[]> {
  const original = site.emulator.fetch;
  let sent: string[] = [];
  site.emulator.fetch = async (request) => {
    const path = new URL(request.url).pathname;
    if (!path.startsWith('/_emulator/')) sent.push(`${request.method} ${path} ${await request.clone().text()}`);
    return original(request);
  };
  try {
    const runs = [];
    for (const target of targets) {
      sent = [];
      const before = (await site.control.requests()).length;
      await target.once();
      const logged = (await site.control.requests()).slice(before).map((r) => `${r.operation}:${r.status}`);
      runs.push({ target, logged, sent });
    }
    const [first] = runs;
    for (const run of runs) {
      if (run.logged.join() !== first!.logged.join() || run.sent.join('\n') !== first!.sent.join('\n')) {
        const show = (r: typeof run) => `${r.target.name}:\n  ${r.logged.join(', ')}\n  ${r.sent.join('\n  ')}`;
        throw new Error(`the targets do not send the same requests:\n${show(first!)}\n${show(run)}`);
      }
    }
    return first!.logged;
  } finally {
    site.emulator.fetch = original;
  }
}

/** What the child prints: per target, ms per call in each round; the API calls each call makes. */
export interface OverheadFigures {
  settings: { iterations: number; rounds: number; warmup: number };
  targets: { name: string; msPerRound: number[] }[];
  calls: string[];
}

async function measureOverhead(): Promise<OverheadFigures> {
  const site = await setupSite();
  const appToken = (await site.control.token('APP')).token;
  const all = targetsFor(site, appToken);
  const calls = await sameRequests(site, [all[1], ...all]);

  for (const target of all) for (let i = 0; i < WARMUP; i++) await target.once();
  const perCall = await alternateRounds(all, ROUNDS, async (target) => {
    const ms = await timed(async () => {
      for (let i = 0; i < ITERATIONS; i++) await target.once();
    });
    return ms / ITERATIONS;
  });
  return {
    settings: { iterations: ITERATIONS, rounds: ROUNDS, warmup: WARMUP },
    targets: all.map((t) => ({ name: t.name, msPerRound: perCall.get(t.name)! })),
    calls,
  };
}

measureOverhead()
  .then((figures) => {
    process.stdout.write(JSON.stringify(figures));
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    process.exit(1);
  });
