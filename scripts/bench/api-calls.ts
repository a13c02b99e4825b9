/**
 * API calls per user action (`npm run bench -- apiCalls`): each action runs once through the Velo
 * runtime (web methods through the permission gate, blog likes through the event dispatcher), the real
 * SDK and the in-process emulator; its Wix API calls are counted from the emulator's request log,
 * including those made by the backend events the action causes (every queued event is delivered before
 * counting). Each count is compared with the minimum the action needs, defined below.
 *
 * A count is exact, not a timing: it does not vary between runs, so one run per action is enough.
 */
import '../../local/velo/velo-modules'; // first: site modules import Velo-only modules (wix-chat-backend)
import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { inboxSettings } from 'backend/lib/settings';
import { setupEvents } from '../../test/support/events';
import { round, withoutConsoleLog, type Benchmark } from './common';

type Site = Awaited<ReturnType<typeof setupEvents>>;

const ACKNOWLEDGEMENT = inboxSettings.contactForm.acknowledgement.enabled ? 1 : 0;

interface Action {
  action: string;
  /**
   * The fewest Wix API calls that can do this action safely (who is asking, where it goes, the spam
   * check, the message itself), whatever the implementation.
   */
  minimum: number;
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

const ACTIONS: Action[] = [
  {
    action: 'contact form, member',
    // identify the caller 1 (getCurrentMember) + conversation 1 + rate check 1 (listMessages) + send
    // the form 1 = 4, + the acknowledgement 1 when it is enabled in settings.
    minimum: 1 + 1 + 1 + 1 + ACKNOWLEDGEMENT,
    run: (site, n) => site.call(inbox, 'submitContactForm', [form(n)], 'ann'),
  },
  {
    action: 'contact form, visitor',
    // identify the caller 1 + a place in the site-wide visitor budget 1 (claim insert) + the contact for
    // the form's email 1 (appendOrCreateContact) + conversation 1 + rate check 1 + send the form 1 = 6.
    // No acknowledgement: a typed email is not proof (docs/decisions/0008-unverified-senders.md).
    minimum: 1 + 1 + 1 + 1 + 1 + 1,
    run: (site, n) => site.call(inbox, 'submitContactForm', [form(n)], 'visitor'),
  },
  {
    action: 'member message',
    // identify the caller 1 + conversation 1 + rate check 1 + send 1 = 4.
    minimum: 1 + 1 + 1 + 1,
    run: (site) => site.call(inbox, 'sendMemberMessage', ['Is my order ready?'], 'ann'),
  },
  {
    action: 'blog like (event)',
    // claim the like once per liker and post 1 (Wix Data insert) + conversation 1 + send 1 = 3.
    minimum: 1 + 1 + 1,
    run: (site, n) => site.like(`post-${n}`, { memberId: site.members.bob.id }),
  },
  {
    action: 'admin send (template)',
    // conversation 1 + send 1 = 2: the caller is checked by the web method's permission, for free.
    minimum: 1 + 1,
    run: (site) => site.call(admin, 'sendTemplateMessage', [{ memberId: site.members.ann.id }, template], 'admin'),
  },
];

/** Runs the action, then delivers every event it caused; returns the API operations made. */
async function apiCallsOf(site: Site, action: Action, n: number): Promise<string[]> {
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
    const measured = [];
    for (const [n, action] of ACTIONS.entries()) {
      const operations = await apiCallsOf(site, action, n);
      measured.push({ ...action, operations, ratio: operations.length / action.minimum });
    }
    const worst = [...measured].sort((a, b) => b.ratio - a.ratio)[0]!;
    return {
      headline: `highest actual/minimum ${worst.ratio.toFixed(2)} (${worst.action})`,
      intro: [
        'Each action once, through the Velo runtime and the real SDK, against the in-process emulator; calls',
        'counted from its request log, including those of the backend events the action causes.',
        `Contact form acknowledgement: ${ACKNOWLEDGEMENT ? 'enabled' : 'disabled'} in settings.`,
      ],
      header: ['action', 'API calls', 'minimum', 'actual / minimum', 'calls made'],
      rows: measured.map((m) => [
        m.action,
        String(m.operations.length),
        String(m.minimum),
        m.ratio.toFixed(2),
        describeCalls(m.operations),
      ]),
      notes: [],
      goals: [
        {
          description: 'every action makes the minimum number of API calls (ratio 1.00)',
          met: measured.every((m) => m.operations.length <= m.minimum),
        },
      ],
      results: {
        acknowledgementEnabled: ACKNOWLEDGEMENT === 1,
        actions: measured.map((m) => ({
          action: m.action,
          calls: m.operations.length,
          minimum: m.minimum,
          ratio: round(m.ratio),
          operations: m.operations,
        })),
      },
    };
  },
};
