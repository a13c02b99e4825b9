import * as chat from 'backend/chat.web';
import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { startWebhookReceiver } from '../../../local/velo/webhook-receiver';
import { sdkClient } from '../../support/emulator';
import { automationConfig } from '../../support/events';
import {
  ALL_FAULTS,
  ATTEMPTS,
  baseDelayMs,
  FORM,
  harness,
  MONDAY_OPEN,
  restoreRetryClock,
  TARGETS,
  useFaultPolicyHooks,
  type FaultName,
  type Harness,
  type Result,
  type Target,
} from '../../support/fault-policy';

/*
 * Every outbound call of every web method and event handler, with every kind of failure injected
 * through the emulator's fault API. Idempotent calls are retried (and recover, or fail once every
 * attempt failed); a send is never repeated after an ambiguous failure, so nothing is ever stored twice.
 */

const SUNDAY = Date.parse('2026-11-22T12:00:00Z');
const SECRET_NAME = 'inbox-forwarding-secret';

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());
useFaultPolicyHooks();

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
  const h = await harness({ now, config: automationConfig({ chatAutoReplies: { answer: 'legacy-chat' } }) });
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
  return h.event('wixChat_onMessage');
}

/**
 * A site where the sender already has a conversation (with no messages), made before the action: then
 * the action reads it for the rate check. A conversation get-or-create makes anew needs no such read.
 */
async function existingConversation(sender: 'visitor' | 'ann') {
  const h = await harness();
  const app = sdkClient(h.emulator.fetch, h.appToken);
  const participant =
    sender === 'ann'
      ? { memberId: h.members.ann.id }
      : {
          contactId: (
            await app.submittedContact.appendOrCreateContact({
              info: { name: { first: FORM.firstName }, emails: { items: [{ email: FORM.email }] } },
            })
          ).contactId!,
        };
  await app.conversations.getOrCreateConversation(participant);
  return h.fromNowOn();
}

const SCENARIOS: Record<string, Scenario> = {
  'submitContactForm (visitor)': {
    kind: 'web method',
    steps: [
      step('getCurrentMember'),
      step('claimInsert'),
      step('appendOrCreateContact'),
      step('getOrCreateConversation'),
      step('listMessages'),
      step('sendMessage'),
    ],
    setup: () => existingConversation('visitor'),
    run: (h) => h.web(inbox, 'submitContactForm', [FORM], 'visitor'),
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
    setup: () => existingConversation('ann'),
    run: (h) => h.web(inbox, 'submitContactForm', [FORM], 'ann'),
    stored: inboxStored,
  },
  sendMemberMessage: {
    kind: 'web method',
    steps: [step('getCurrentMember'), step('getOrCreateConversation'), step('listMessages'), step('sendMessage')],
    setup: () => existingConversation('ann'),
    run: (h) => h.web(inbox, 'sendMemberMessage', ['Is my order ready?'], 'ann'),
    stored: inboxStored,
  },
  getMyMessages: {
    kind: 'web method',
    steps: [step('getCurrentMember'), step('getOrCreateConversation'), step('listMessages')],
    run: (h) => h.web(inbox, 'getMyMessages', [], 'ann'),
    stored: inboxStored,
  },
  sendBasicMessage: {
    kind: 'web method',
    steps: [step('getOrCreateConversation'), step('sendMessage')],
    run: (h) =>
      h.web(admin, 'sendBasicMessage', [{ memberId: h.members.ann.id }, { items: [{ text: 'Hi' }] }], 'admin'),
    stored: inboxStored,
  },
  sendTemplateMessage: {
    kind: 'web method',
    steps: [step('getOrCreateConversation'), step('sendMessage')],
    run: (h) => h.web(admin, 'sendTemplateMessage', [{ memberId: h.members.ann.id }, { title: 'Hi' }], 'admin'),
    stored: inboxStored,
  },
  sendMinimalMessage: {
    kind: 'web method',
    steps: [step('getOrCreateConversation'), step('sendMessage')],
    run: (h) => h.web(admin, 'sendMinimalMessage', [{ memberId: h.members.ann.id }, { text: 'Hi' }], 'admin'),
    stored: inboxStored,
  },
  listConversationMessages: {
    kind: 'web method',
    steps: [step('getOrCreateConversation'), step('listMessages')],
    run: (h) => h.web(admin, 'listConversationMessages', [{ memberId: h.members.ann.id }], 'admin'),
    stored: inboxStored,
  },
  listRecipients: {
    kind: 'web method',
    steps: [step('queryContacts'), step('queryMembers')],
    run: (h) => h.web(admin, 'listRecipients', [], 'admin'),
    stored: inboxStored,
  },
  sendChatMessage: {
    kind: 'web method',
    steps: [step('chatSendMessage')],
    setup: () => chatSetup(MONDAY_OPEN),
    run: (h) => h.web(chat, 'sendChatMessage', [(h as ChatHarness).channelId, 'Hi'], 'admin'),
    stored: chatReplies,
  },
  wixBlog_onPostLiked: {
    kind: 'event handler',
    steps: [
      // A first attempt: no look for an earlier attempt's message (lib/send-once.ts); summaries are a job.
      step('claimInsert'),
      step('getOrCreateConversation'),
      step('sendMessage'),
    ],
    run: async (h) => {
      await h.likePost();
      return h.event('wixBlog_onPostLiked');
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
    steps: [step('claimInsert'), step('claimGet'), step('claimInsert', 2), step('chatSendMessage')],
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
    run: (h) => h.event('wixCrmInbox_onMessageSentToParticipant'),
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
  restoreRetryClock();
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
        // The failing call was made once (a send), or once per attempt; nothing after it ran but, in a
        // handler that had claimed its work, the giving back: one more insert (the claim's released sibling).
        const release = kind === 'event handler' && s.target === 'claimInsert' && index > 0 ? 1 : 0;
        expect(made).toBe(s.occurrence - 1 + failedAttempts + release);
        expect(await scenario.stored(h)).toBe(sendsBefore + storedByThisStep);
      }
      // Full jitter at 0.5: half of each exponential step, only between attempts of the failing call.
      const retries = recovered ? Math.min(count, ATTEMPTS - 1) : retried ? ATTEMPTS - 1 : 0;
      expect(h.retrySleeps).toEqual(Array.from({ length: retries }, (_, i) => (baseDelayMs * 2 ** i) / 2));
    },
  );
});
