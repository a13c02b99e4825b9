import * as chat from 'backend/chat.web';
import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { rememberConversationId, rememberedConversationId } from 'backend/lib/conversation-ids';
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
      ['inbox.getOrCreateConversation', APP], // new: no rate check to make
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
      ['inbox.getOrCreateConversation', APP], // new: nothing to count for the per-email rate check
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
  // The admin's sends taught this backend instance Ann's conversation id: no get-or-create.
  expect(after.map((r) => r.operation)).toEqual([
    'members.getCurrentMember',
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

/** Runs the action twice; returns the operations of the second (repeat) run. */
async function repeatCalls(action: () => Promise<unknown>) {
  expect(await action()).toMatchObject({ ok: true });
  const before = (await site.control.requests()).length;
  expect(await action()).toMatchObject({ ok: true });
  return (await site.control.requests()).slice(before).map((r) => r.operation);
}

describe('a repeat action', () => {
  it("reads the visitor's conversation for the rate check, as it is no longer new", async () => {
    expect(await repeatCalls(() => site.call(inbox, 'submitContactForm', [form], 'visitor'))).toEqual([
      'members.getCurrentMember',
      'data.insert', // a place in the site-wide visitor budget
      'contacts.appendOrCreateContact',
      'inbox.getOrCreateConversation', // contacts are asked afresh: their conversation moves when they join
      'inbox.listMessages', // per-email rate check: the conversation holds the first form
      'inbox.sendMessage', // no acknowledgement to an unverified email
    ]);
  });

  it("skips get-or-create for a member's conversation this backend already knows", async () => {
    expect(await repeatCalls(() => site.call(inbox, 'sendMemberMessage', ['Again?'], 'ann'))).toEqual([
      'members.getCurrentMember',
      'inbox.listMessages',
      'inbox.sendMessage',
    ]);
  });

  it('costs an admin one call when sending to the same member again', async () => {
    const send = () => site.call(admin, 'sendMinimalMessage', [ann(site), { text: 'Hi' }], 'admin');
    expect(await repeatCalls(send)).toEqual(['inbox.sendMessage']);
  });
});

/** The text of a stored message, whatever its kind. */
const textOf = (message: Record<string, unknown>) => (message.content as { previewText?: string }).previewText;

describe('a remembered conversation id that went stale', () => {
  /**
   * After a first action taught this backend Ann's conversation id, the id it remembers stops existing
   * on Wix's side (as after a site's data is wiped under a running container): a GUID Wix never issued.
   */
  async function staleAfter(action: () => Promise<unknown>) {
    expect(await action()).toMatchObject({ ok: true });
    expect(rememberedConversationId(site.members.ann.id)).toBeDefined();
    rememberConversationId(site.members.ann.id, '00000000-0000-4000-8000-00000000dead');
  }

  it('is re-resolved after the 404 of the rate-check read, and the member message is sent', async () => {
    await staleAfter(() => site.call(inbox, 'sendMemberMessage', ['First'], 'ann'));
    const before = (await site.control.requests()).length;
    expect(await site.call(inbox, 'sendMemberMessage', ['Second'], 'ann')).toMatchObject({ ok: true });
    const after = (await site.control.requests()).slice(before);
    expect(after.map((r) => [r.operation, r.status])).toEqual([
      ['members.getCurrentMember', 200],
      ['inbox.listMessages', 404],
      ['inbox.getOrCreateConversation', 200],
      ['inbox.listMessages', 200], // the rate check again, in the current conversation (not new: it holds 'First')
      ['inbox.sendMessage', 200],
    ]);
    const [conversation] = await site.control.conversations();
    expect(conversation?.messages.map(textOf)).toEqual(['First', 'Second']);
    expect(rememberedConversationId(site.members.ann.id)).toBe(conversation?.id);
  });

  it("is re-resolved after the 404 of an admin's send, and the message is sent once", async () => {
    const send = (text: string) => site.call(admin, 'sendMinimalMessage', [ann(site), { text }], 'admin');
    await staleAfter(() => send('First'));
    const before = (await site.control.requests()).length;
    expect(await send('Second')).toMatchObject({ ok: true });
    const after = (await site.control.requests()).slice(before);
    expect(after.map((r) => [r.operation, r.status])).toEqual([
      ['inbox.sendMessage', 404],
      ['inbox.getOrCreateConversation', 200],
      ['inbox.sendMessage', 200],
    ]);
    const [conversation] = await site.control.conversations();
    expect(conversation?.messages.map(textOf)).toEqual(['First', 'Second']);
    expect(rememberedConversationId(site.members.ann.id)).toBe(conversation?.id);
  });

  it('is forgotten after its 404 even when re-resolving fails, so the next send does not try it again', async () => {
    const send = (text: string) => site.call(admin, 'sendMinimalMessage', [ann(site), { text }], 'admin');
    await staleAfter(() => send('First'));
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await site.control.fault('POST', '/inbox/v2/conversations', 503, 3);
    expect(await send('Second')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(rememberedConversationId(site.members.ann.id)).toBeUndefined();
    const before = (await site.control.requests()).length;
    expect(await send('Third')).toMatchObject({ ok: true });
    const after = (await site.control.requests()).slice(before);
    expect(after.map((r) => [r.operation, r.status])).toEqual([
      ['inbox.getOrCreateConversation', 200],
      ['inbox.sendMessage', 200],
    ]);
    error.mockRestore();
  });
});

it('still stops a member at the rate limit when their conversation id is remembered', async () => {
  for (let i = 0; i < 20; i++) {
    expect(await site.call(inbox, 'sendMemberMessage', [`Message ${i}`], 'ann')).toMatchObject({ ok: true });
  }
  expect(await site.call(inbox, 'sendMemberMessage', ['One too many'], 'ann')).toMatchObject({
    ok: false,
    error: { code: 'RATE_LIMITED' },
  });
});
