/**
 * The measuring half of the web-method overhead benchmark (web-method-overhead.ts runs it in a child
 * process, compiled with esbuild; it prints its figures as JSON). The admin web method `sendBasicMessage`,
 * called as Velo calls it (invokeWebMethod: permission gate, Wix call context, input validation, then
 * the library's elevated getOrCreateConversation + sendMessage), against the two SDK calls it wraps made
 * directly on an elevated client. Inbox requests are answered by a canned stub transport (a fixed JSON
 * answer per route, no emulator work), so the denominator is the SDK's own cost and the ratio is the cost
 * of the web-method layer and the site code around the calls. Every target sends the same requests,
 * byte for byte, and no others (checked before timing). A careful direct caller keeps the recipient's conversation id, as the site's
 * backend does (decision 0011): after the first call, each target makes one sendMessage.
 *
 * Two more rows split the overhead (they are not goals):
 * - the same two direct calls inside a Velo call context (runWithWixContext + auth.elevate, as any site
 *   code on Wix runs): the call context's share, which is the platform's on Wix;
 * - the site library's calls in that context (inConversation + sendInboxMessage: the call policy's
 *   timeout and retry wrapper, the remembered conversation id) with content checked beforehand: the
 *   library's share;
 * - those library calls in a web method of their own, called as Velo calls it (the permission gate, the
 *   call context, `toWebResult`), with content checked beforehand: everything of the web method but its
 *   input check, whose share is then what the headline costs beyond this row.
 */
import '../../local/velo/velo-modules'; // first: site modules import Velo-only modules (wix-chat-backend)
import { auth } from '@wix/essentials';
import { conversations, messages } from '@wix/inbox';
import { Permissions, webMethod } from '@wix/web-methods';
import * as admin from 'backend/inbox-admin.web';
import { inConversation, sendInboxMessage, type Outgoing } from 'backend/lib/inbox';
import { toWebResult } from 'backend/lib/site-error';
import { basicContent, type MessageContent } from 'public/message-content';
import { runWithWixContext } from '../../local/velo/wix-context';
import { sdkClient } from '../../test/support/emulator';
import { setupSite } from '../../test/support/site';
import { setting } from './common';

// Many rounds, each a ratio of targets measured call by call in turn (interleavedRounds): the median of
// many such ratios shrugs off bursts of load from other processes.
const ITERATIONS = setting('BENCH_OVERHEAD_ITERATIONS', 100, 50);
const ROUNDS = setting('BENCH_OVERHEAD_ROUNDS', 31, 9);
const WARMUP = setting('BENCH_OVERHEAD_WARMUP', 200, 30);

/** The web method's input. */
const INPUT = { items: [{ text: 'Your order shipped today.' }] };

/** What sendBasicMessage sends for INPUT: the content from the same public builder (with its previewText). */
async function directMessage() {
  const content = await basicContent(INPUT);
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

async function targetsFor(
  site: Site,
  appToken: string,
): Promise<[webMethod: Target, direct: Target, inContext: Target, library: Target, unchecked: Target]> {
  const recipient = { memberId: site.members.ann.id };
  const message = await directMessage();
  // Looked up on each request, as site.call looks up site.emulator.fetch, so the check below sees all.
  const emulator = (request: Request) => site.emulator.fetch(request);
  const elevated = sdkClient(emulator, appToken);
  const elevatedGetOrCreate = auth.elevate(conversations.getOrCreateConversation);
  const elevatedSend = auth.elevate(messages.sendMessage);
  // A careful direct caller asks for the conversation once and keeps its id.
  let directId: string | undefined;
  let inContextId: string | undefined;
  const tokens = { callerToken: site.callers.admin.token, elevatedToken: appToken };
  const outgoing: Outgoing = {
    content: message.content as MessageContent,
    direction: message.direction,
    visibility: message.visibility,
    sendNotifications: SEND_OPTIONS.sendNotifications,
  };
  // sendBasicMessage without its input check: the same gate, context, library calls and result wrapper.
  const uncheckedModule = {
    send: webMethod(Permissions.Admin, (to: typeof recipient) =>
      toWebResult('sendBasicMessage', async () => ({
        messageId: await inConversation(to, ({ id }) => sendInboxMessage(id, outgoing)),
      })),
    ),
  };
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
        directId ??= (await elevated.conversations.getOrCreateConversation(recipient)).conversation!._id!;
        await elevated.messages.sendMessage(directId, message, SEND_OPTIONS);
      },
    },
    {
      name: 'direct SDK in a Velo call context',
      once: () =>
        runWithWixContext(emulator, tokens, async () => {
          inContextId ??= (await elevatedGetOrCreate(recipient)).conversation!._id!;
          await elevatedSend(inContextId, message, SEND_OPTIONS);
        }),
    },
    {
      name: 'site library calls, input checked beforehand',
      async once() {
        await runWithWixContext(emulator, tokens, () =>
          inConversation(recipient, ({ id }) => sendInboxMessage(id, outgoing)),
        );
      },
    },
    {
      name: 'the same calls in a web method, input checked beforehand',
      async once() {
        const result = (await site.call(uncheckedModule, 'send', [recipient, INPUT], 'admin')) as { ok: boolean };
        if (!result.ok) throw new Error(`the unchecked web method failed: ${JSON.stringify(result)}`);
      },
    },
  ];
}

/**
 * Runs each target once and checks they all send the same Inbox requests (method, path, body); returns
 * them. Throws when a target differs from the first.
 */
async function sameRequests(site: Site, targets: readonly Target[]): Promise<string[]> {
  const original = site.emulator.fetch;
  let sent: string[] = [];
  site.emulator.fetch = async (request) => {
    // Every request, not only Inbox ones: a target that also asked another API would be caught here.
    const path = new URL(request.url).pathname;
    sent.push(`${request.method} ${path} ${await request.clone().text()}`);
    return original(request);
  };
  try {
    const runs = [];
    for (const target of targets) {
      sent = [];
      await target.once();
      runs.push({ target, sent });
    }
    const [first] = runs;
    for (const run of runs) {
      if (run.sent.join('\n') !== first!.sent.join('\n')) {
        const show = (r: typeof run) => `${r.target.name}:\n  ${r.sent.join('\n  ')}`;
        throw new Error(`the targets do not send the same requests:\n${show(first!)}\n${show(run)}`);
      }
    }
    return first!.sent.map((line) => line.split(' ').slice(0, 2).join(' '));
  } finally {
    site.emulator.fetch = original;
  }
}

/** Canned Inbox answers: what Wix answers, fixed, so no emulator work is timed. Other paths pass. */
function stubInbox(passThrough: (request: Request) => Promise<Response>) {
  let n = 0;
  return async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (path === '/inbox/v2/conversations' && request.method === 'POST') {
      await request.arrayBuffer();
      return Response.json({ conversation: { id: '6f000000-0000-3000-8000-00000000000a' }, newConversation: false });
    }
    if (path === '/inbox/v2/messages' && request.method === 'POST') {
      await request.arrayBuffer();
      return Response.json({ message: { id: String(++n), direction: 'BUSINESS_TO_PARTICIPANT' } });
    }
    return passThrough(request);
  };
}

/**
 * Per target, ms per call in each round. Within a round the targets take turns call by call (rotating
 * which goes first), so a burst of load from other processes falls on all of them alike instead of on
 * one target's whole round; each round starts after a full GC (the child runs with --expose-gc). Garbage
 * a call leaves is collected during whichever calls follow, in proportion to what each allocates.
 */
async function interleavedRounds(targets: readonly Target[]): Promise<Map<string, number[]>> {
  const perCall = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    (globalThis as { gc?: () => void }).gc?.();
    const total = targets.map(() => 0);
    for (let i = 0; i < ITERATIONS; i++) {
      for (let k = 0; k < targets.length; k++) {
        const index = (round + i + k) % targets.length;
        const begin = performance.now();
        await targets[index]!.once();
        total[index]! += performance.now() - begin;
      }
    }
    targets.forEach((t, index) => perCall.get(t.name)!.push(total[index]! / ITERATIONS));
  }
  return perCall;
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
  site.emulator.fetch = stubInbox(site.emulator.fetch.bind(site.emulator));
  const all = await targetsFor(site, appToken);
  for (const target of all) await target.once(); // each learns the conversation id
  const calls = await sameRequests(site, [all[1], ...all]);

  for (const target of all) for (let i = 0; i < WARMUP; i++) await target.once();
  const perCall = await interleavedRounds(all);
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
