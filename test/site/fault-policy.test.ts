import { items } from '@wix/data';
import { createClient } from '@wix/sdk';
import * as chat from 'backend/chat.web';
import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { CLAIMS_COLLECTION } from 'backend/automations/claims';
import type { AutomationConfig } from 'backend/automations/config';
import { createEventHandlers } from 'backend/automations/event-handlers';
import {
  callWix,
  failureKind,
  retryClock,
  setRetryClock,
  systemRetryClock,
  WixCallTimedOut,
  type CallSafety,
} from 'backend/lib/retry';
import { inboxSettings } from 'backend/lib/settings';
import { canonicalPath } from '../../local/emulator/state';
import { createEventDispatcher } from '../../local/velo/event-dispatcher';
import { invokeWebMethod } from '../../local/velo/web-method-invoker';
import { startWebhookReceiver } from '../../local/velo/webhook-receiver';
import { sdkClient, type FetchHandler } from '../support/emulator';
import { automationConfig } from '../support/events';
import { setupSite } from '../support/site';

/*
 * The call policy of src/backend/lib/retry.ts, end to end: every outbound call of every web method and
 * event handler, with every kind of failure injected through the emulator's fault API. Idempotent calls
 * are retried (and recover, or fail once every attempt failed); a send is never repeated after an
 * ambiguous failure, so nothing is ever stored twice.
 *
 * Time is the test's: the retry clock's sleep records the backoff and advances a fake `now`, and a
 * call's timeout fires when the emulator is holding that call's request (a `timeout` fault), never
 * because real time passed.
 */

const { maxAttempts: ATTEMPTS, baseDelayMs } = inboxSettings.wixCalls;
const MONDAY_OPEN = Date.parse('2026-11-23T10:00:00Z');
const SUNDAY = Date.parse('2026-11-22T12:00:00Z');
const SECRET_NAME = 'inbox-forwarding-secret';
const FORM = { firstName: 'Cara', email: 'cara@example.com', message: 'Do you ship to Portugal?' };

/** Every Wix request the site makes: method, path (a trailing `*` is a prefix) and its policy. */
const TARGETS = {
  getCurrentMember: ['GET', '/members/v1/members/my', 'idempotent'],
  appendOrCreateContact: ['POST', '/contacts/v4/contact-submit', 'idempotent'],
  getOrCreateConversation: ['POST', '/inbox/v2/conversations', 'idempotent'],
  listMessages: ['GET', '/inbox/v2/messages', 'idempotent'],
  sendMessage: ['POST', '/inbox/v2/messages', 'send'],
  chatSendMessage: ['POST', '/chat/v1/channels/*', 'send'],
  claimInsert: ['POST', '/wix-data/v2/items', 'idempotent'],
  claimGet: ['GET', '/wix-data/v2/items/*', 'idempotent'],
  claimRemove: ['POST', '/wix-data/v2/items/remove', 'idempotent'],
  getSecretValue: ['GET', '/_api/cloud-secrets-vault-server/api/v1/secrets/name/*', 'idempotent'],
} as const satisfies Record<string, readonly [string, string, CallSafety]>;
type Target = keyof typeof TARGETS;

/**
 * The failures, as fault bodies. `timeout` holds the request and the site's own timeout gives up on
 * it (no answer); `504 timeout` is the emulator's timeout answering first.
 */
const FAULTS = {
  '429': { kind: 'status', status: 429 },
  '500': { kind: 'status', status: 500 },
  '503': { kind: 'status', status: 503 },
  '504 timeout': { kind: 'timeout', delayMs: 0 },
  timeout: { kind: 'timeout', delayMs: 60_000 },
  drop: { kind: 'drop' },
  'drop-after': { kind: 'drop-after' },
} as const;
type FaultName = keyof typeof FAULTS;

function matches(target: Target, method: string, path: string): boolean {
  const [targetMethod, pattern] = TARGETS[target];
  const want = canonicalPath(pattern);
  const got = canonicalPath(path);
  return method === targetMethod && (want.endsWith('*') ? got.startsWith(want.slice(0, -1)) : got === want);
}

/**
 * A site whose backend reaches the emulator through `handler`, which can arm a fault for the n-th
 * request to a target and fires the pending call timeout when the emulator holds a request.
 */
async function harness(options: { config?: AutomationConfig; now?: number } = {}) {
  const site = await setupSite();
  const appToken = (await site.control.token('APP')).token;
  const eventCaller = (await site.control.token('ANONYMOUS_VISITOR')).token;
  const clock = { now: options.now ?? MONDAY_OPEN };
  const retrySleeps: number[] = [];
  const timers = new Set<() => void>();
  let fakeNow = 0;
  restoreClock = setRetryClock({
    now: () => fakeNow,
    random: () => 0.5,
    sleep: async (ms) => {
      retrySleeps.push(ms);
      fakeNow += ms;
    },
    startTimer: (_ms, onTimeout) => {
      timers.add(onTimeout);
      return () => timers.delete(onTimeout);
    },
  });
  releaseHeld = () => site.emulator.releaseHeld();

  let logStart = 0;
  let armed: { target: Target; occurrence: number; count: number; fault: FaultName; seen: number } | undefined;
  const handler: FetchHandler = async (request) => {
    const path = new URL(request.url).pathname;
    if (!armed || !matches(armed.target, request.method, path)) return site.emulator.fetch(request);
    armed.seen += 1;
    const [method, pattern] = TARGETS[armed.target];
    if (armed.seen === armed.occurrence) {
      const body = { method, path: pattern, count: armed.count, ...FAULTS[armed.fault] };
      expect((await site.control.call('POST', '/_emulator/v1/faults', body)).status).toBe(200);
    }
    const faulted = armed.seen >= armed.occurrence && armed.seen < armed.occurrence + armed.count;
    const response = site.emulator.fetch(request);
    // The emulator holds this request now: the call's timeout is what ends the wait.
    if (faulted && armed.fault === 'timeout') setImmediate(() => [...timers].forEach((fire) => fire()));
    return response;
  };

  const handlers = createEventHandlers(options.config ?? automationConfig(), {
    now: () => clock.now,
    sleep: async () => undefined,
    random: () => 0.5,
  });
  const dispatcher = createEventDispatcher({
    handler,
    handlers: handlers as unknown as Record<string, unknown>,
    callerToken: eventCaller,
    elevatedToken: appToken,
  });
  // Chat events carry the emulator's time; the handlers' clock decides business hours.
  site.emulator.context.clock = { now: () => clock.now };

  return {
    ...site,
    appToken,
    clock,
    retrySleeps,
    handler,
    arm(target: Target, occurrence: number, fault: FaultName, count: number) {
      armed = { target, occurrence, count, fault, seen: 0 };
    },
    web(module: Record<string, unknown>, method: string, args: unknown[], as: keyof typeof site.callers) {
      return invokeWebMethod(handler, module, method, args, site.callers[as], appToken);
    },
    deliver: () => dispatcher.deliverPending(),
    /** Requests the emulator logged for a target (since `fromNowOn`). */
    async requests(target: Target) {
      return (await site.control.requests()).slice(logStart).filter((r) => matches(target, r.method, r.path));
    },
    /** Leaves the requests made so far (setup) out of `requests`. */
    async fromNowOn() {
      logStart = (await site.control.requests()).length;
      return this;
    },
    async inboxMessages() {
      return (await site.control.conversations()).flatMap((c) => c.messages);
    },
    claims() {
      return site.emulator.context.db
        .prepare('SELECT id, data FROM data_items WHERE collection = ?')
        .all(CLAIMS_COLLECTION) as { id: string; data: string }[];
    },
  };
}
type Harness = Awaited<ReturnType<typeof harness>>;

let restoreClock = () => {};
let releaseHeld = () => {};
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  // Web methods log the Wix error, handlers an outcome line: not test output.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  releaseHeld();
  restoreClock();
  jest.restoreAllMocks();
});

/** What an action ended with: a web method's `{ ok, error.code }`, or a handler's outcome status. */
type Result = { ok: true } | { ok: false; code: string };

function webResult(value: unknown): Result {
  const result = value as { ok: boolean; error?: { code: string } };
  return result.ok ? { ok: true } : { ok: false, code: result.error!.code };
}

async function eventResult(h: Harness, name: string): Promise<Result> {
  const delivery = (await h.deliver()).find((d) => d.name === name);
  const status = (delivery?.result as { status?: string } | undefined)?.status ?? 'not delivered';
  return status === 'done' ? { ok: true } : { ok: false, code: status };
}

interface Step {
  target: Target;
  /** Which request to this target (1 = the first) the step is. */
  occurrence: number;
  /** The action succeeds even when this step fails (the contact form's acknowledgement). */
  optional?: boolean;
}

interface Scenario {
  kind: 'web method' | 'event handler';
  /** The Wix calls the action makes, in order, when nothing fails. */
  steps: Step[];
  /** Builds the site (defaults: no forwarding, Monday in business hours). */
  setup?: () => Promise<Harness>;
  run(h: Harness): Promise<Result>;
  /** What the action stores: Inbox messages, or chat replies. */
  stored(h: Harness): Promise<number>;
}

const step = (target: Target, occurrence = 1, optional = false): Step => ({ target, occurrence, optional });
const inboxStored = async (h: Harness) => (await h.inboxMessages()).length;

async function chatSetup(now: number) {
  const h = await harness({ now });
  const channelId = (
    await h.control.call<{ channel: { id: string } }>('POST', '/_emulator/v1/chat/channels', {
      anonymousVisitorId: '7f000000-0000-4000-8000-0000000000c1',
    })
  ).body.channel.id;
  return Object.assign(h, { channelId });
}
type ChatHarness = Awaited<ReturnType<typeof chatSetup>>;

async function chatReplies(h: Harness) {
  const { channelId } = h as ChatHarness;
  const response = await h.emulator.fetch(
    new Request(`https://www.wixapis.com/chat/v1/channels/${channelId}/messages`, {
      headers: { Authorization: h.appToken },
    }),
  );
  const { messages } = (await response.json()) as { messages: { direction: string }[] };
  return messages.filter((m) => m.direction === 'BusinessToVisitor').length;
}

async function visitorChats(h: Harness, text: string) {
  const { channelId } = h as ChatHarness;
  await h.control.call('POST', '/_emulator/v1/chat/messages', { channelId, text, direction: 'VisitorToBusiness' });
  return eventResult(h, 'wixChat_onMessage');
}

const SCENARIOS: Record<string, Scenario> = {
  'submitContactForm (visitor)': {
    kind: 'web method',
    steps: [
      step('getCurrentMember'),
      step('appendOrCreateContact'),
      step('getOrCreateConversation'),
      step('listMessages'),
      step('sendMessage'),
      step('sendMessage', 2, true),
    ],
    run: async (h) => webResult(await h.web(inbox, 'submitContactForm', [FORM], 'visitor')),
    stored: inboxStored,
  },
  'submitContactForm (member)': {
    kind: 'web method',
    steps: [
      step('getCurrentMember'),
      step('getOrCreateConversation'),
      step('listMessages'),
      step('sendMessage'),
      step('sendMessage', 2, true),
    ],
    run: async (h) => webResult(await h.web(inbox, 'submitContactForm', [FORM], 'ann')),
    stored: inboxStored,
  },
  sendMemberMessage: {
    kind: 'web method',
    steps: [step('getCurrentMember'), step('getOrCreateConversation'), step('listMessages'), step('sendMessage')],
    run: async (h) => webResult(await h.web(inbox, 'sendMemberMessage', ['Is my order ready?'], 'ann')),
    stored: inboxStored,
  },
  getMyMessages: {
    kind: 'web method',
    steps: [step('getCurrentMember'), step('getOrCreateConversation'), step('listMessages')],
    run: async (h) => webResult(await h.web(inbox, 'getMyMessages', [], 'ann')),
    stored: inboxStored,
  },
  sendBasicMessage: {
    kind: 'web method',
    steps: [step('getOrCreateConversation'), step('sendMessage')],
    run: async (h) =>
      webResult(
        await h.web(admin, 'sendBasicMessage', [{ memberId: h.members.ann.id }, { items: [{ text: 'Hi' }] }], 'admin'),
      ),
    stored: inboxStored,
  },
  sendTemplateMessage: {
    kind: 'web method',
    steps: [step('getOrCreateConversation'), step('sendMessage')],
    run: async (h) =>
      webResult(await h.web(admin, 'sendTemplateMessage', [{ memberId: h.members.ann.id }, { title: 'Hi' }], 'admin')),
    stored: inboxStored,
  },
  sendMinimalMessage: {
    kind: 'web method',
    steps: [step('getOrCreateConversation'), step('sendMessage')],
    run: async (h) =>
      webResult(await h.web(admin, 'sendMinimalMessage', [{ memberId: h.members.ann.id }, { text: 'Hi' }], 'admin')),
    stored: inboxStored,
  },
  listConversationMessages: {
    kind: 'web method',
    steps: [step('getOrCreateConversation'), step('listMessages')],
    run: async (h) =>
      webResult(await h.web(admin, 'listConversationMessages', [{ memberId: h.members.ann.id }], 'admin')),
    stored: inboxStored,
  },
  sendChatMessage: {
    kind: 'web method',
    steps: [step('chatSendMessage')],
    setup: () => chatSetup(MONDAY_OPEN),
    run: async (h) => webResult(await h.web(chat, 'sendChatMessage', [(h as ChatHarness).channelId, 'Hi'], 'admin')),
    stored: chatReplies,
  },
  wixBlog_onPostLiked: {
    kind: 'event handler',
    steps: [step('claimInsert'), step('getOrCreateConversation'), step('sendMessage')],
    run: async (h) => {
      await h.control.call('POST', '/_emulator/v1/blog/likes', { postId: 'post-1', memberId: h.members.ann.id });
      return eventResult(h, 'wixBlog_onPostLiked');
    },
    stored: inboxStored,
  },
  'wixChat_onMessage (keyword reply)': {
    kind: 'event handler',
    steps: [step('claimInsert'), step('chatSendMessage')],
    setup: () => chatSetup(MONDAY_OPEN),
    run: (h) => visitorChats(h, 'What is the price?'),
    stored: chatReplies,
  },
  'wixChat_onMessage (away message)': {
    kind: 'event handler',
    steps: [step('claimInsert'), step('claimInsert', 2), step('chatSendMessage')],
    setup: () => chatSetup(SUNDAY),
    run: (h) => visitorChats(h, 'Hello?'),
    stored: chatReplies,
  },
  wixCrmInbox_onMessageSentToParticipant: {
    kind: 'event handler',
    steps: [step('claimInsert'), step('getSecretValue')],
    setup: async () => {
      const h = await harness({ config: automationConfig({ forwarding: { enabled: true, url: receiver.url } }) });
      await h.control.call('POST', '/_emulator/v1/secrets', { name: SECRET_NAME, value: 'whsec_test' });
      // The business writes to Ann (the site's own SDK calls, not the handler's): the event to forward.
      const app = sdkClient(h.emulator.fetch, h.appToken);
      const { conversation } = await app.conversations.getOrCreateConversation({ memberId: h.members.ann.id });
      await app.messages.sendMessage(conversation!._id!, {
        content: { basic: { items: [{ text: 'Your order has shipped.' }] } },
        direction: 'BUSINESS_TO_PARTICIPANT',
        visibility: 'BUSINESS_AND_PARTICIPANT',
      });
      const forwardedBefore = receiver.received.length;
      return Object.assign(await h.fromNowOn(), { forwarded: () => receiver.received.length - forwardedBefore });
    },
    run: (h) => eventResult(h, 'wixCrmInbox_onMessageSentToParticipant'),
    // What this handler produces is a webhook call.
    stored: async (h) => (h as Harness & { forwarded(): number }).forwarded(),
  },
};

/** What a scenario does when nothing fails: requests per target, stored count, conversations, claims. */
interface Baseline {
  requests: Partial<Record<Target, number>>;
  stored: number;
  conversations: number;
  claims: number;
}
const baselines = new Map<string, Baseline>();

async function baseline(name: string): Promise<Baseline> {
  const cached = baselines.get(name);
  if (cached) return cached;
  const scenario = SCENARIOS[name]!;
  const h = await (scenario.setup ?? harness)();
  expect(await scenario.run(h)).toEqual({ ok: true });
  const requests: Partial<Record<Target, number>> = {};
  for (const target of Object.keys(TARGETS) as Target[]) requests[target] = (await h.requests(target)).length;
  const result = {
    requests,
    stored: await scenario.stored(h),
    conversations: (await h.control.conversations()).length,
    claims: h.claims().length,
  };
  restoreClock();
  baselines.set(name, result);
  return result;
}

it('knows every Wix call of every scenario (the steps match what the site does)', async () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    const { requests } = await baseline(name);
    const expected: Partial<Record<Target, number>> = {};
    for (const s of scenario.steps) expected[s.target] = Math.max(expected[s.target] ?? 0, s.occurrence);
    expect([name, Object.fromEntries(Object.entries(requests).filter(([, n]) => n! > 0))]).toEqual([name, expected]);
  }
});

const ALL_FAULTS = Object.keys(FAULTS) as FaultName[];
const isRetried = (target: Target, fault: FaultName) => TARGETS[target][2] === 'idempotent' || fault === '429';

/** Each step × fault once (a retried call recovers); retried calls also × fault on every attempt. */
const CELLS = Object.entries(SCENARIOS).flatMap(([name, scenario]) =>
  scenario.steps.flatMap((s, index) =>
    ALL_FAULTS.flatMap((fault) => {
      const base = {
        name,
        kind: scenario.kind,
        index,
        call: `${s.target}${s.occurrence > 1 ? ` #${s.occurrence}` : ''}`,
        fault,
      };
      return [
        { ...base, count: 1, times: 'once' },
        ...(isRetried(s.target, fault) ? [{ ...base, count: ATTEMPTS, times: 'on every attempt' }] : []),
      ];
    }),
  ),
);

describe.each(['web method', 'event handler'])('%s calls', (kind) => {
  it.each(CELLS.filter((cell) => cell.kind === kind))(
    '$name: $call fails with $fault $times',
    async ({ name, index, fault, count }) => {
      const scenario = SCENARIOS[name]!;
      const base = await baseline(name);
      const s = scenario.steps[index]!;
      const h = await (scenario.setup ?? harness)();
      h.arm(s.target, s.occurrence, fault, count);

      const result = await scenario.run(h);

      const retried = isRetried(s.target, fault);
      const isSend = TARGETS[s.target][2] === 'send';
      const failedAttempts = retried ? count : 1;
      // A retry succeeds once the fault is used up; a claim whose answers were all lost is read back.
      const recovered = retried && (count < ATTEMPTS || (s.target === 'claimInsert' && fault === 'drop-after'));
      const made = (await h.requests(s.target)).length;
      const sendsBefore = scenario.steps.slice(0, index).filter((p) => TARGETS[p.target][2] === 'send').length;
      const storedByThisStep = isSend && fault === 'drop-after' ? 1 : 0;

      if (recovered) {
        expect(result).toEqual({ ok: true });
        const readBack = count === ATTEMPTS ? 1 : 0; // every attempt failed: the first one's insert counts
        expect(made).toBe(base.requests[s.target]! + failedAttempts - readBack);
        expect(await scenario.stored(h)).toBe(base.stored);
        expect((await h.control.conversations()).length).toBe(base.conversations);
        expect(h.claims()).toHaveLength(base.claims);
      } else {
        if (s.optional) expect(result).toEqual({ ok: true });
        else if (kind === 'web method')
          expect(result).toEqual({ ok: false, code: fault === '429' ? 'RATE_LIMITED' : 'UNAVAILABLE' });
        else expect(result).toEqual({ ok: false, code: 'failed' });
        // The failing call was made once (a send), or once per attempt; nothing after it ran.
        expect(made).toBe(s.occurrence - 1 + failedAttempts);
        expect(await scenario.stored(h)).toBe(sendsBefore + storedByThisStep);
      }
      // Full jitter at 0.5: half of each exponential step, only between attempts of the failing call.
      const retries = recovered ? Math.min(count, ATTEMPTS - 1) : retried ? ATTEMPTS - 1 : 0;
      expect(h.retrySleeps).toEqual(Array.from({ length: retries }, (_, i) => (baseDelayMs * 2 ** i) / 2));
    },
  );
});

describe('a send is never repeated', () => {
  it.each(['503', 'timeout', 'drop'] as const)(
    'makes exactly one sendMessage request after a %s, stores nothing, and a resubmit stores the form once',
    async (fault) => {
      const h = await harness();
      h.arm('sendMessage', 1, fault, 1);

      expect(webResult(await h.web(inbox, 'submitContactForm', [FORM], 'visitor'))).toEqual({
        ok: false,
        code: 'UNAVAILABLE',
      });
      expect(await h.requests('sendMessage')).toHaveLength(1);
      expect(await h.inboxMessages()).toEqual([]);

      expect(webResult(await h.web(inbox, 'submitContactForm', [FORM], 'visitor'))).toEqual({ ok: true });
      const contentTypes = (await h.inboxMessages()).map(
        (m) => (m as { content: { contentType: string } }).content.contentType,
      );
      expect(contentTypes).toEqual(['FORM', 'BASIC']);
    },
  );

  it('stores a member message once when its answer is lost after Wix stored it, and says UNAVAILABLE', async () => {
    const h = await harness();
    h.arm('sendMessage', 1, 'drop-after', 1);

    expect(webResult(await h.web(inbox, 'sendMemberMessage', ['Is my order ready?'], 'ann'))).toEqual({
      ok: false,
      code: 'UNAVAILABLE',
    });

    const sends = await h.requests('sendMessage');
    expect(sends.map((r) => [r.status, r.fault])).toEqual([[200, 'drop-after']]);
    expect(await h.inboxMessages()).toHaveLength(1);
    expect((await h.control.events()).map((e) => e.name)).toEqual(['wixCrmInbox_onMessageSentToBusiness']);
  });

  it('retries a send that Wix refused with 429, which stores it once', async () => {
    const h = await harness();
    h.arm('sendMessage', 1, '429', 1);

    expect(
      webResult(await h.web(admin, 'sendMinimalMessage', [{ memberId: h.members.ann.id }, { text: 'Hi' }], 'admin')),
    ).toEqual({
      ok: true,
    });
    expect((await h.requests('sendMessage')).map((r) => r.status)).toEqual([429, 200]);
    expect(await h.inboxMessages()).toHaveLength(1);
  });
});

describe('claims', () => {
  it('treats a claim whose insert answer was lost as its own, and does the work once', async () => {
    const h = await harness();
    h.arm('claimInsert', 1, 'drop-after', 1);

    await h.control.call('POST', '/_emulator/v1/blog/likes', { postId: 'post-1', memberId: h.members.ann.id });
    expect(await eventResult(h, 'wixBlog_onPostLiked')).toEqual({ ok: true });

    // Stored by the first attempt, refused as a duplicate on the retry, then read back: ours.
    expect((await h.requests('claimInsert')).map((r) => r.status)).toEqual([200, 409]);
    expect(await h.requests('claimGet')).toHaveLength(1);
    expect(h.claims()).toHaveLength(1);
    expect(await h.inboxMessages()).toHaveLength(1);
  });

  it("still treats another instance's claim as taken when a retry finds it", async () => {
    const h = await harness();
    const like = { postId: 'post-1', memberId: h.members.ann.id };
    // Another backend instance claimed this like; our first insert is dropped, the retry gets WDE0074.
    const other = createClient({
      auth: { getAuthHeaders: async () => ({ headers: { Authorization: h.appToken } }) },
      modules: { items },
      fetch: (url, init) => h.emulator.fetch(new Request(url, init)),
    });
    await other.items.insert(CLAIMS_COLLECTION, { _id: `like:post-1:member:${like.memberId}`, owner: 'someone-else' });
    h.arm('claimInsert', 1, 'drop', 1);

    await h.control.call('POST', '/_emulator/v1/blog/likes', like);
    expect(await eventResult(h, 'wixBlog_onPostLiked')).toEqual({ ok: false, code: 'duplicate' });

    expect(await h.requests('claimGet')).toHaveLength(1);
    expect(await h.inboxMessages()).toEqual([]);
  });

  it('fails without leaving a claim when no insert was stored, so a redelivery can do the work', async () => {
    const h = await harness();
    h.arm('claimInsert', 1, 'drop', ATTEMPTS);

    const { eventId } = (
      await h.control.call<{ eventId: string }>('POST', '/_emulator/v1/blog/likes', {
        postId: 'post-1',
        memberId: h.members.ann.id,
      })
    ).body;
    expect(await eventResult(h, 'wixBlog_onPostLiked')).toEqual({ ok: false, code: 'failed' });
    expect(h.claims()).toEqual([]);

    await h.control.call('POST', `/_emulator/v1/events/${eventId}/redeliver`);
    expect(await eventResult(h, 'wixBlog_onPostLiked')).toEqual({ ok: true });
    expect(await h.inboxMessages()).toHaveLength(1);
  });

  describe.each(ALL_FAULTS)('giving a claim back after a failed send, when the remove fails with %s', (fault) => {
    it.each([1, ATTEMPTS])('%i time(s)', async (count) => {
      const h = await harness();
      // The like's send is refused (400, never retried), so the handler gives its claim back.
      await h.control.fault('POST', '/inbox/v2/messages', 400);
      h.arm('claimRemove', 1, fault, count);

      await h.control.call('POST', '/_emulator/v1/blog/likes', { postId: 'post-1', memberId: h.members.ann.id });
      expect(await eventResult(h, 'wixBlog_onPostLiked')).toEqual({ ok: false, code: 'failed' });

      const removes = await h.requests('claimRemove');
      const released = count < ATTEMPTS || fault === 'drop-after';
      expect(removes).toHaveLength(count < ATTEMPTS ? count + 1 : ATTEMPTS);
      expect(h.claims()).toHaveLength(released ? 0 : 1);
    });
  });
});

describe('callWix', () => {
  const statusError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

  function fakeClock(onCall: { advance?: number } = {}) {
    const sleeps: number[] = [];
    const timers: (() => void)[] = [];
    const state = { now: 0 };
    restoreClock = setRetryClock({
      now: () => state.now,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
        state.now += ms;
      },
      startTimer: (ms, fire) => {
        expect(ms).toBe(inboxSettings.wixCalls.timeoutMs);
        timers.push(fire);
        return () => undefined;
      },
    });
    return {
      sleeps,
      timers,
      call(outcomes: unknown[]) {
        let n = 0;
        const attempts: number[] = [];
        const fn = async (attempt: number) => {
          attempts.push(attempt);
          state.now += onCall.advance ?? 0;
          const outcome = outcomes[Math.min(n++, outcomes.length - 1)];
          if (outcome instanceof Error || (outcome as { status?: number })?.status) throw outcome;
          return outcome;
        };
        return { fn, attempts };
      },
    };
  }

  it.each([
    [statusError(429), 'refused'],
    [statusError(500), 'ambiguous'],
    [statusError(502), 'ambiguous'],
    [statusError(503), 'ambiguous'],
    [statusError(504), 'ambiguous'],
    [new TypeError('fetch failed'), 'ambiguous'],
    [Object.assign(new Error('System error occurred'), { code: 'UNKNOWN' }), 'ambiguous'],
    [new WixCallTimedOut('x', 10), 'ambiguous'],
    [{ details: { applicationError: { code: 'UNAVAILABLE' } } }, 'ambiguous'],
    [{ details: { applicationError: { code: 'RESOURCE_EXHAUSTED' } } }, 'refused'],
    [{ details: { applicationError: { code: 'WDE0074' } } }, 'final'],
    [{ details: { applicationError: { code: 'constructor' } } }, 'final'],
    [statusError(400), 'final'],
    [statusError(401), 'final'],
    [statusError(403), 'final'],
    [statusError(404), 'final'],
    [statusError(409), 'final'],
    [statusError(501), 'final'],
    [new Error('Unexpected Wix answer'), 'final'],
    [null, 'final'],
  ])('classifies %p as %s', (error, kind) => {
    expect(failureKind(error)).toBe(kind);
  });

  it.each([400, 401, 403, 404, 409])('never retries a %i', async (status) => {
    const clock = fakeClock();
    const { fn, attempts } = clock.call([statusError(status), 'ok']);
    await expect(callWix('read', 'idempotent', fn)).rejects.toMatchObject({ status });
    expect(attempts).toEqual([1]);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries an idempotent call at most maxAttempts times, with growing full-jitter waits', async () => {
    const clock = fakeClock();
    const { fn, attempts } = clock.call([statusError(503)]);
    await expect(callWix('read', 'idempotent', fn)).rejects.toMatchObject({ status: 503 });
    expect(attempts).toEqual(Array.from({ length: ATTEMPTS }, (_, i) => i + 1));
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('waits anywhere from 0 to the exponential step, capped at maxDelayMs', async () => {
    for (const [random, expected] of [
      [0, [0, 0]],
      [0.999, [199.8, 399.6]],
    ] as const) {
      const sleeps: number[] = [];
      restoreClock = setRetryClock({ random: () => random, sleep: async (ms) => void sleeps.push(ms), now: () => 0 });
      await callWix('read', 'idempotent', () => Promise.reject(statusError(500))).catch(() => undefined);
      expect(sleeps.map((ms) => Math.round(ms * 10) / 10)).toEqual(expected);
      expect(Math.max(...sleeps)).toBeLessThanOrEqual(inboxSettings.wixCalls.maxDelayMs);
      restoreClock();
    }
  });

  it('starts no retry past the time budget', async () => {
    // Each attempt takes 1.2 s of (fake) time: after the second, a third would start past 2.5 s.
    const clock = fakeClock({ advance: 1200 });
    const { fn, attempts } = clock.call([statusError(503)]);
    await expect(callWix('read', 'idempotent', fn)).rejects.toMatchObject({ status: 503 });
    expect(attempts).toEqual([1, 2]);
    expect(clock.sleeps).toEqual([100]);
  });

  it.each([statusError(500), statusError(503), new TypeError('fetch failed'), new WixCallTimedOut('send', 1)])(
    'never repeats a send after %p',
    async (error) => {
      const clock = fakeClock();
      const { fn, attempts } = clock.call([error, 'ok']);
      await expect(callWix('send', 'send', fn)).rejects.toBe(error);
      expect(attempts).toEqual([1]);
    },
  );

  it('repeats a send refused with 429', async () => {
    const clock = fakeClock();
    const { fn, attempts } = clock.call([statusError(429), 'sent']);
    await expect(callWix('send', 'send', fn)).resolves.toBe('sent');
    expect(attempts).toEqual([1, 2]);
  });

  it('gives up on a call at its timeout, retries it if idempotent, and ignores its late answer', async () => {
    const clock = fakeClock();
    const late: { resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
    const fn = (attempt: number) =>
      attempt === 1
        ? new Promise<string>((resolve, reject) => late.push({ resolve, reject }))
        : Promise.resolve('second');
    const pending = callWix('read', 'idempotent', fn);
    await Promise.resolve();
    clock.timers[0]!();
    await expect(pending).resolves.toBe('second');
    late[0]!.reject(new Error('too late')); // handled: no unhandled rejection
  });

  it('reports a send that timed out as WixCallTimedOut, which the site shows as UNAVAILABLE', async () => {
    const clock = fakeClock();
    const pending = callWix('sendMessage', 'send', () => new Promise<never>(() => undefined));
    await Promise.resolve();
    clock.timers[0]!();
    await expect(pending).rejects.toBeInstanceOf(WixCallTimedOut);
    expect(clock.timers).toHaveLength(1);
  });

  it('restores the clock it replaced', () => {
    const restore = setRetryClock({ random: () => 0.25 });
    expect(retryClock.random()).toBe(0.25);
    restore();
    expect(retryClock.random).toBe(systemRetryClock.random);
  });
});
