/**
 * API calls per user action (`npm run bench -- apiCalls`): each action runs through the Velo runtime
 * (web methods through the permission gate, blog likes through the event dispatcher), the real SDK and
 * the in-process emulator; its Wix API calls are counted from the emulator's request log, including those
 * made by the backend events the action causes (every queued event is delivered before counting). A
 * repeat action runs once unmeasured first, in the same backend instance, then is measured.
 *
 * Baseline: the minimum for the action, derived in api-calls-minimum.ts from what the action must know and
 * do (a list of calls, each with its reason), independently of the site's code. The goals are the issue's
 * (#13), fixed numbers. A count is exact, not a timing: one run per action is enough.
 */
import '../../local/velo/velo-modules'; // first: site modules import Velo-only modules (wix-chat-backend)
import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { inboxSettings } from 'backend/lib/settings';
import { setupEvents } from '../../test/support/events';
import { minimumCalls, type NeededCall } from './api-calls-minimum';
import { round, withoutConsoleLog, type Benchmark } from './common';

type Site = Awaited<ReturnType<typeof setupEvents>>;

const ACKNOWLEDGEMENT = inboxSettings.contactForm.acknowledgement.enabled;
const MINIMUM = minimumCalls(ACKNOWLEDGEMENT);

interface Action {
  action: string;
  minimum: NeededCall[];
  /** The goal for this action, where it sets one. */
  goal?: number;
  /** Runs before counting, in the same backend instance (a repeat action's first time). */
  before?(site: Site, n: number): Promise<unknown>;
  run(site: Site, n: number): Promise<unknown>;
}

const form = (n: number) => ({
  firstName: 'Cara',
  email: `cara.${n}@example.com`,
  message: 'Do you ship to Portugal?',
});
const template = {
  title: 'Your order shipped',
  buttons: [{ label: 'Track it', launchUrl: 'https://shop.example.com' }],
};
const visitorForm = (site: Site, n: number) => site.call(inbox, 'submitContactForm', [form(n)], 'visitor');
const bobMessage = (site: Site) => site.call(inbox, 'sendMemberMessage', ['Is my order ready?'], 'bob');
/** The admin writes to Dana, a member no other action touches. */
const adminSend = async (site: Site) => {
  dana ??= await site.control.createMember('dana@example.com', 'Dana Cruz');
  return site.call(admin, 'sendTemplateMessage', [{ memberId: dana.id }, template], 'admin');
};
let dana: { id: string } | undefined;

/** Each action uses its own sender, so a "first" action is the first for that sender. */
const ACTIONS: Action[] = [
  { action: 'contact form, new visitor', minimum: MINIMUM.firstVisitorForm, goal: 5, run: visitorForm },
  {
    action: 'contact form, same visitor again',
    minimum: MINIMUM.repeatVisitorForm,
    goal: 6,
    before: visitorForm,
    run: visitorForm,
  },
  {
    action: 'contact form, member (first)',
    minimum: MINIMUM.firstMemberForm,
    run: (site, n) => site.call(inbox, 'submitContactForm', [form(n)], 'ann'),
  },
  { action: 'member message (first)', minimum: MINIMUM.firstMemberMessage, run: bobMessage },
  {
    action: 'member message, repeat',
    minimum: MINIMUM.repeatMemberMessage,
    goal: 3,
    run: bobMessage, // Bob's first message came just before
  },
  {
    action: 'blog like (event)',
    minimum: MINIMUM.blogLike,
    run: (site, n) => site.like(`post-${n}`, { memberId: site.members.bob.id }),
  },
  { action: 'admin send (first to this recipient)', minimum: MINIMUM.firstAdminSend, run: adminSend },
  { action: 'admin send, same recipient again', minimum: MINIMUM.repeatAdminSend, goal: 1, run: adminSend },
];

/** Runs the action, then delivers every event it caused; returns the API operations made. */
async function apiCallsOf(site: Site, action: Action, n: number): Promise<string[]> {
  if (action.before) await withoutConsoleLog(() => action.before!(site, n));
  const before = (await site.control.requests()).length;
  const { result, deliveries } = await withoutConsoleLog(async () => {
    const result = await action.run(site, n);
    return { result, deliveries: await site.deliver() };
  });
  if (result && typeof result === 'object' && 'ok' in result && result.ok !== true) {
    throw new Error(`${action.action} did not succeed: ${JSON.stringify(result)}`);
  }
  const failed = deliveries.filter((d) => !['done', 'skipped'].includes((d.result as { status?: string }).status!));
  if (failed.length > 0) throw new Error(`${action.action}: an event was not handled: ${JSON.stringify(failed)}`);
  const requests = (await site.control.requests()).slice(before);
  const bad = requests.filter((r) => r.status !== 200);
  if (bad.length > 0) throw new Error(`${action.action}: API calls failed: ${JSON.stringify(bad)}`);
  return requests.map((r) => r.operation ?? `${r.method} ${r.path}`);
}

/** `getOrCreateConversation, sendMessage ×2`: the operations in order, repeats folded, short names. */
function describeCalls(operations: string[]): string {
  const folded: { op: string; count: number }[] = [];
  for (const op of operations) {
    const last = folded.at(-1);
    if (last?.op === op) last.count++;
    else folded.push({ op, count: 1 });
  }
  const short = (op: string) => op.replace(/^(inbox|members|contacts)\./, ''); // data.insert stays
  return folded.map(({ op, count }) => (count > 1 ? `${short(op)} ×${count}` : short(op))).join(', ');
}

export const apiCalls: Benchmark = {
  key: 'apiCalls',
  title: 'Wix API calls per user action vs the minimum for that action',
  async run() {
    const site = await setupEvents();
    dana = undefined;
    const measured = [];
    for (const [n, action] of ACTIONS.entries()) {
      const operations = await apiCallsOf(site, action, n);
      measured.push({ ...action, operations, minimumCount: action.minimum.length });
    }
    const withGoal = measured.filter((m) => m.goal !== undefined);
    const goalsMet = withGoal.filter((m) => m.operations.length <= m.goal!).length;
    return {
      headline: `${goalsMet} of ${withGoal.length} call goals met; ${
        measured.filter((m) => m.operations.length <= m.minimumCount).length
      } of ${measured.length} actions at the minimum`,
      intro: [
        'Each action through the Velo runtime and the real SDK, against the in-process emulator; calls counted',
        'from its request log, including those of the backend events the action causes. Baseline: the minimum',
        'derived per call in scripts/bench/api-calls-minimum.ts, not from the code; goals from issue #13.',
        `Contact form acknowledgement: ${ACKNOWLEDGEMENT ? 'enabled' : 'disabled'} in settings.`,
      ],
      header: ['action', 'minimum', 'API calls', 'goal', 'goal met', 'calls made'],
      rows: measured.map((m) => [
        m.action,
        String(m.minimumCount),
        String(m.operations.length),
        m.goal === undefined ? '-' : `<= ${m.goal}`,
        m.goal === undefined ? '-' : m.operations.length <= m.goal ? 'met' : 'NOT met',
        describeCalls(m.operations),
      ]),
      notes: [
        '',
        'Why each call of the minimum is needed:',
        ...measured.flatMap((m) => [
          `  ${m.action}:`,
          ...m.minimum.map((needed, i) => `    ${i + 1}. ${needed.call}: ${needed.why}`),
        ]),
      ],
      goals: [
        ...withGoal.map((m) => ({
          description: `${m.action}: at most ${m.goal} Wix calls`,
          met: m.operations.length <= m.goal!,
        })),
        {
          description: 'every action makes no more calls than its derived minimum',
          met: measured.every((m) => m.operations.length <= m.minimumCount),
        },
      ],
      results: {
        acknowledgementEnabled: ACKNOWLEDGEMENT,
        actions: measured.map((m) => ({
          action: m.action,
          calls: m.operations.length,
          minimum: m.minimumCount,
          ...(m.goal === undefined ? {} : { goal: m.goal }),
          ratio: round(m.operations.length / m.minimumCount),
          operations: m.operations,
          minimumCalls: m.minimum.map((needed) => needed.call),
        })),
      },
    };
  },
};
