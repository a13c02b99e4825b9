import * as chat from 'backend/chat.web';
import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { setupSite } from '../support/site';

type Site = Awaited<ReturnType<typeof setupSite>>;
type CallerName = keyof Site['callers'];

const form = { firstName: 'Cara', email: 'cara@example.com', message: 'Do you ship to Portugal?' };
const ME = 'caller';
const APP = 'elevated';

let site: Site;
beforeEach(async () => {
  site = await setupSite();
});

/** The Wix API calls made so far: operation and whether it ran as the caller or elevated (as the app). */
async function calls() {
  return (await site.control.requests()).map((r) => [r.operation, r.identity?.type === 'APP' ? APP : ME]);
}

async function chatChannel() {
  const { body } = await site.control.call<{ channel: { id: string } }>('POST', '/_emulator/v1/chat/channels', {
    memberId: site.members.ann.id,
  });
  return body.channel.id;
}

interface Case {
  action: string;
  caller: CallerName;
  run: (s: Site, caller: CallerName) => Promise<unknown>;
  expected: string[][];
  /** Whether the action succeeds (the refused and invalid ones are here to show they stop early). */
  ok?: false;
}

const ann = (s: Site) => ({ memberId: s.members.ann.id });

const CASES: Case[] = [
  {
    action: 'member contact form',
    caller: 'ann',
    run: (s, as) => s.call(inbox, 'submitContactForm', [form], as),
    expected: [
      ['members.getCurrentMember', ME],
      ['inbox.getOrCreateConversation', APP],
      ['inbox.listMessages', APP], // rate check
      ['inbox.sendMessage', APP], // the form
      ['inbox.sendMessage', APP], // the acknowledgement
    ],
  },
  {
    action: 'visitor contact form',
    caller: 'visitor',
    run: (s, as) => s.call(inbox, 'submitContactForm', [form], as),
    expected: [
      ['members.getCurrentMember', ME],
      ['data.insert', APP], // a place in the site-wide visitor budget
      ['contacts.appendOrCreateContact', APP],
      ['inbox.getOrCreateConversation', APP],
      ['inbox.listMessages', APP], // per-email rate check
      ['inbox.sendMessage', APP], // the form; no acknowledgement to an unverified email
    ],
  },
  {
    action: "visitor contact form with a member's email (same calls as any visitor)",
    caller: 'visitor',
    run: (s, as) => s.call(inbox, 'submitContactForm', [{ ...form, email: 'ann@example.com' }], as),
    expected: [
      ['members.getCurrentMember', ME],
      ['data.insert', APP],
      ['contacts.appendOrCreateContact', APP],
      ['inbox.getOrCreateConversation', APP],
      ['inbox.listMessages', APP],
      ['inbox.sendMessage', APP],
    ],
  },
  {
    action: 'honeypot contact form',
    caller: 'visitor',
    run: (s, as) => s.call(inbox, 'submitContactForm', [{ ...form, website: 'x' }], as),
    expected: [],
  },
  {
    action: 'member message',
    caller: 'ann',
    run: (s, as) => s.call(inbox, 'sendMemberMessage', ['Is my order ready?'], as),
    expected: [
      ['members.getCurrentMember', ME],
      ['inbox.getOrCreateConversation', APP],
      ['inbox.listMessages', APP],
      ['inbox.sendMessage', APP],
    ],
  },
  {
    action: 'member message that fails validation',
    caller: 'ann',
    run: (s, as) => s.call(inbox, 'sendMemberMessage', [''], as),
    ok: false,
    expected: [],
  },
  {
    action: 'member thread',
    caller: 'ann',
    run: (s, as) => s.call(inbox, 'getMyMessages', [], as),
    expected: [
      ['members.getCurrentMember', ME],
      ['inbox.getOrCreateConversation', APP],
      ['inbox.listMessages', APP],
    ],
  },
  ...(['sendBasicMessage', 'sendTemplateMessage', 'sendMinimalMessage'] as const).map((method) => ({
    action: `admin ${method}`,
    caller: 'admin' as const,
    run: (s: Site, as: CallerName) => {
      const content = {
        sendBasicMessage: { items: [{ text: 'Hi' }] },
        sendTemplateMessage: { title: 'Hi', buttons: [{ label: 'Open', launchUrl: 'https://shop.example.com' }] },
        sendMinimalMessage: { text: 'Hi' },
      }[method];
      return s.call(admin, method, [ann(s), content], as);
    },
    expected: [
      ['inbox.getOrCreateConversation', APP],
      ['inbox.sendMessage', APP],
    ],
  })),
  {
    action: 'admin conversation page',
    caller: 'admin',
    run: (s, as) => s.call(admin, 'listConversationMessages', [ann(s), { limit: 5 }], as),
    expected: [
      ['inbox.getOrCreateConversation', APP],
      ['inbox.listMessages', APP],
    ],
  },
  {
    action: 'admin chat message',
    caller: 'admin',
    run: async (s, as) => s.call(chat, 'sendChatMessage', [await chatChannel(), 'Hi'], as),
    expected: [['chat.sendMessage', APP]],
  },
];

it.each(CASES)('$action makes exactly the expected API calls', async ({ run, caller, expected, ok = true }) => {
  expect(await run(site, caller)).toMatchObject({ ok });
  expect(await calls()).toEqual(expected);
});

it('counts the same calls however long the conversation already is', async () => {
  for (let i = 0; i < 35; i++) {
    await site.call(admin, 'sendMinimalMessage', [ann(site), { text: `Update ${i}` }], 'admin');
  }
  const before = (await site.control.requests()).length;
  expect(await site.call(inbox, 'sendMemberMessage', ['Still there?'], 'ann')).toMatchObject({ ok: true });
  const after = (await site.control.requests()).slice(before);
  expect(after.map((r) => r.operation)).toEqual([
    'members.getCurrentMember',
    'inbox.getOrCreateConversation',
    'inbox.listMessages',
    'inbox.sendMessage',
  ]);
});

it('stops before sending when the rate limit is reached', async () => {
  for (let i = 0; i < 5; i++) await site.call(inbox, 'submitContactForm', [form], 'visitor');
  const before = (await site.control.requests()).length;
  expect(await site.call(inbox, 'submitContactForm', [form], 'visitor')).toMatchObject({
    ok: false,
    error: { code: 'RATE_LIMITED' },
  });
  expect((await site.control.requests()).slice(before).map((r) => r.operation)).toEqual([
    'members.getCurrentMember',
    'data.insert',
    'contacts.appendOrCreateContact',
    'inbox.getOrCreateConversation',
    'inbox.listMessages',
  ]);
});

it('makes no API call for a web method the caller may not use', async () => {
  await expect(site.call(admin, 'sendMinimalMessage', [ann(site), { text: 'Hi' }], 'ann')).rejects.toMatchObject({
    status: 403,
  });
  expect(await calls()).toEqual([]);
});
