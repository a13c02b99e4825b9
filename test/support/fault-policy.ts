import { CLAIMS_COLLECTION } from 'backend/automations/claims';
import type { AutomationConfig } from 'backend/automations/config';
import { createEventHandlers } from 'backend/automations/event-handlers';
import { setRetryClock, type CallSafety, type RetryClock } from 'backend/lib/retry';
import { canonicalPath } from '../../local/emulator/state';
import { createEventDispatcher } from '../../local/velo/event-dispatcher';
import { invokeWebMethod } from '../../local/velo/web-method-invoker';
import type { FetchHandler } from './emulator';
import { automationConfig } from './events';
import { setupSite } from './site';

/*
 * Shared by test/site/fault-policy/: the call policy of src/backend/lib/retry.ts, end to end. Faults are
 * injected through the emulator's fault API.
 *
 * Time is the test's: the retry clock's sleep records the backoff and advances a fake `now`, and a
 * call's timeout fires when the emulator is holding that call's request (a `timeout` fault), never
 * because real time passed.
 */

// The documented policy (README, docs/decisions/0007-retries.md), written out rather than read from
// settings.ts so a changed number fails the tests: 3 attempts in all, a first backoff step of 200 ms.
export const ATTEMPTS = 3;
export const baseDelayMs = 200;
export const MONDAY_OPEN = Date.parse('2026-11-23T10:00:00Z');
export const FORM = { firstName: 'Cara', email: 'cara@example.com', message: 'Do you ship to Portugal?' };

/** Every Wix request the site makes: method, path (a trailing `*` is a prefix) and its policy. */
export const TARGETS = {
  getCurrentMember: ['GET', '/members/v1/members/my', 'idempotent'],
  appendOrCreateContact: ['POST', '/contacts/v4/contact-submit', 'idempotent'],
  queryContacts: ['POST', '/contacts/v4/contacts/query', 'idempotent'],
  queryMembers: ['POST', '/members/v1/members/query', 'idempotent'],
  getOrCreateConversation: ['POST', '/inbox/v2/conversations', 'idempotent'],
  listMessages: ['GET', '/inbox/v2/messages', 'idempotent'],
  sendMessage: ['POST', '/inbox/v2/messages', 'send'],
  chatSendMessage: ['POST', '/chat/v1/channels/*', 'send'],
  claimInsert: ['POST', '/wix-data/v2/items', 'idempotent'],
  claimGet: ['GET', '/wix-data/v2/items/*', 'idempotent'],
  likeSummaryQuery: ['GET', '/wix-data/v2/items/query', 'idempotent'],
  claimRemove: ['POST', '/wix-data/v2/items/remove', 'idempotent'],
  getSecretValue: ['GET', '/_api/cloud-secrets-vault-server/api/v1/secrets/name/*', 'idempotent'],
} as const satisfies Record<string, readonly [string, string, CallSafety]>;
export type Target = keyof typeof TARGETS;

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
export type FaultName = keyof typeof FAULTS;
export const ALL_FAULTS = Object.keys(FAULTS) as FaultName[];

function matches(target: Target, method: string, path: string): boolean {
  const [targetMethod, pattern] = TARGETS[target];
  const want = canonicalPath(pattern);
  const got = canonicalPath(path);
  if (method !== targetMethod) return false;
  if (!want.endsWith('*')) return got === want;
  // A prefix does not take a path another target names exactly (items/query is not an item get).
  const named = Object.values(TARGETS).some(([m, p]) => m === method && !p.endsWith('*') && canonicalPath(p) === got);
  return got.startsWith(want.slice(0, -1)) && !named;
}

let restore = () => {};
let releaseHeld = () => {};

/** Replaces parts of the retry clock until `restoreRetryClock` runs (at the latest, when the test ends). */
export function replaceRetryClock(parts: Partial<RetryClock>) {
  restore = setRetryClock(parts);
}

export function restoreRetryClock() {
  restore();
}

/**
 * A fake retry clock, in place until the test ends: `sleep` records the backoff in `sleeps` and
 * advances `now`, the jitter is 0.5, and a call's timeout fires only when the test fires it:
 * `timers` holds every timeout started, `pending` those not cancelled yet. `onTimer` sees each
 * timeout's length.
 */
export function fakeRetryClock(onTimer?: (ms: number) => void) {
  const clock = { now: 0, sleeps: [] as number[], timers: [] as (() => void)[], pending: new Set<() => void>() };
  replaceRetryClock({
    now: () => clock.now,
    random: () => 0.5,
    sleep: async (ms) => {
      clock.sleeps.push(ms);
      clock.now += ms;
    },
    startTimer: (ms, onTimeout) => {
      onTimer?.(ms);
      clock.timers.push(onTimeout);
      clock.pending.add(onTimeout);
      return () => clock.pending.delete(onTimeout);
    },
  });
  return clock;
}

/** Silences the logs a failing call writes, and puts back the clock and held requests after each test. */
export function useFaultPolicyHooks() {
  beforeEach(() => {
    // Web methods log the Wix error, handlers an outcome line: not test output.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    releaseHeld();
    restoreRetryClock();
    jest.restoreAllMocks();
  });
}

/** What an action ended with: a web method's `{ ok, error.code }`, or a handler's outcome status. */
export type Result = { ok: true } | { ok: false; code: string };

/**
 * A site whose backend reaches the emulator through a handler which can arm a fault for the n-th
 * request to a target and fires the pending call timeout when the emulator holds a request.
 */
export async function harness(options: { config?: AutomationConfig; now?: number } = {}) {
  const site = await setupSite();
  const appToken = (await site.control.token('APP')).token;
  const eventCaller = (await site.control.token('ANONYMOUS_VISITOR')).token;
  const now = options.now ?? MONDAY_OPEN;
  const retry = fakeRetryClock();
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
      expect((await site.control.injectFault(body)).status).toBe(200);
    }
    const faulted = armed.seen >= armed.occurrence && armed.seen < armed.occurrence + armed.count;
    const response = site.emulator.fetch(request);
    // The emulator holds this request now: the call's timeout is what ends the wait.
    if (faulted && armed.fault === 'timeout') setImmediate(() => [...retry.pending].forEach((fire) => fire()));
    return response;
  };

  const handlers = createEventHandlers(options.config ?? automationConfig(), {
    now: () => now,
    sleep: async () => undefined,
    random: () => 0.5,
  });
  const dispatcher = createEventDispatcher({
    handler,
    handlers: handlers as unknown as Record<string, unknown>,
    tokens: { callerToken: eventCaller, elevatedToken: appToken },
  });
  // Chat events carry the emulator's time; the handlers' clock decides business hours.
  site.emulator.context.clock = { now: () => now };

  return {
    ...site,
    appToken,
    retrySleeps: retry.sleeps,
    arm(target: Target, occurrence: number, fault: FaultName, count: number) {
      armed = { target, occurrence, count, fault, seen: 0 };
    },
    /** Calls a web method as one of the site's callers: `{ ok }`, or the error code it answered. */
    async web(
      module: Record<string, unknown>,
      method: string,
      args: unknown[],
      as: keyof typeof site.callers,
    ): Promise<Result> {
      const result = (await invokeWebMethod(handler, module, method, args, site.callers[as], appToken)) as {
        ok: boolean;
        error?: { code: string };
      };
      return result.ok ? { ok: true } : { ok: false, code: result.error!.code };
    },
    /** Delivers the pending events: how the handler of `name` ended (`done` is `{ ok: true }`). */
    async event(name: string): Promise<Result> {
      const delivery = (await dispatcher.deliverPending()).find((d) => d.name === name);
      const status = (delivery?.result as { status?: string } | undefined)?.status ?? 'not delivered';
      return status === 'done' ? { ok: true } : { ok: false, code: status };
    },
    /** Ann likes post-1: the event `wixBlog_onPostLiked` handles. */
    likePost() {
      const like = { postId: 'post-1', memberId: site.members.ann.id };
      return site.control.call<{ eventId: string }>('POST', '/_emulator/v1/blog/likes', like);
    },
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
export type Harness = Awaited<ReturnType<typeof harness>>;
