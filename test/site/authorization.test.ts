import { auth } from '@wix/essentials';
import { messages } from '@wix/inbox';
import * as chat from 'backend/chat.web';
import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { inboxSettings } from 'backend/lib/settings';
import { runWithWixContext } from '../../local/velo/wix-context';
import { setupSite } from '../support/site';

type Site = Awaited<ReturnType<typeof setupSite>>;
type CallerName = keyof Site['callers'];
interface Stored {
  id: string;
  direction: string;
  visibility: string;
  sender: Record<string, string>;
  content: Record<string, unknown>;
}

const MODULES = { 'backend/inbox.web': inbox, 'backend/inbox-admin.web': admin, 'backend/chat.web': chat };
const form = { firstName: 'Cara', email: 'cara@example.com', message: 'Hello' };
const ACK = inboxSettings.contactForm.acknowledgement.text;

let site: Site;
beforeEach(async () => {
  site = await setupSite();
});

async function chatChannel(): Promise<string> {
  const { body } = await site.control.call<{ channel: { id: string } }>('POST', '/_emulator/v1/chat/channels', {
    memberId: site.members.ann.id,
  });
  return body.channel.id;
}

async function storedMessages() {
  const conversations = await site.control.conversations();
  return conversations.flatMap((c) => (c.messages as unknown as Stored[]).map((m) => ({ ...m, conversation: c })));
}

/** Valid arguments for each web method: what a legitimate caller would send. */
const ARGS: Record<string, (s: Site) => Promise<unknown[]> | unknown[]> = {
  submitContactForm: () => [form],
  sendMemberMessage: () => ['Hello'],
  getMyMessages: () => [],
  sendBasicMessage: (s) => [{ memberId: s.members.ann.id }, { items: [{ text: 'Hi' }] }],
  sendTemplateMessage: (s) => [{ memberId: s.members.ann.id }, { title: 'Hi', textLines: ['There'] }],
  sendMinimalMessage: (s) => [{ memberId: s.members.ann.id }, { text: 'Hi' }],
  listConversationMessages: (s) => [{ memberId: s.members.ann.id }],
  listRecipients: () => ['Ann'],
  sendChatMessage: async () => [await chatChannel(), 'Hi'],
};

type Outcome = 'ok' | 'forbidden' | 'NOT_ALLOWED';
//                                                    visitor       ann          bob          admin
const MATRIX: [string, string, Outcome, Outcome, Outcome, Outcome][] = [
  ['backend/inbox.web', 'submitContactForm', 'ok', 'ok', 'ok', 'ok'],
  ['backend/inbox.web', 'sendMemberMessage', 'forbidden', 'ok', 'ok', 'NOT_ALLOWED'],
  ['backend/inbox.web', 'getMyMessages', 'forbidden', 'ok', 'ok', 'NOT_ALLOWED'],
  ['backend/inbox-admin.web', 'sendBasicMessage', 'forbidden', 'forbidden', 'forbidden', 'ok'],
  ['backend/inbox-admin.web', 'sendTemplateMessage', 'forbidden', 'forbidden', 'forbidden', 'ok'],
  ['backend/inbox-admin.web', 'sendMinimalMessage', 'forbidden', 'forbidden', 'forbidden', 'ok'],
  ['backend/inbox-admin.web', 'listConversationMessages', 'forbidden', 'forbidden', 'forbidden', 'ok'],
  ['backend/inbox-admin.web', 'listRecipients', 'forbidden', 'forbidden', 'forbidden', 'ok'],
  ['backend/chat.web', 'sendChatMessage', 'forbidden', 'forbidden', 'forbidden', 'ok'],
];
const CALLERS: CallerName[] = ['visitor', 'ann', 'bob', 'admin'];
const CELLS = MATRIX.flatMap(([module, method, ...outcomes]) =>
  CALLERS.map((caller, i) => ({ module, method, caller, outcome: outcomes[i]! })),
);

describe('the authorization matrix', () => {
  it('covers every exported web method of every web module', () => {
    const exported = Object.entries(MODULES).flatMap(([name, module]) =>
      Object.keys(module).map((k) => `${name} ${k}`),
    );
    expect(MATRIX.map(([module, method]) => `${module} ${method}`).sort()).toEqual(exported.sort());
  });

  it.each(CELLS)('$module $method as $caller: $outcome', async ({ module, method, caller, outcome }) => {
    const args = await ARGS[method]!(site);
    const call = site.call(MODULES[module as keyof typeof MODULES], method, args, caller);
    if (outcome === 'forbidden') {
      await expect(call).rejects.toMatchObject({ name: 'WebMethodForbidden', status: 403 });
      expect(await site.control.requests()).toEqual([]);
      expect(await site.control.conversations()).toEqual([]);
      expect(await site.control.events()).toEqual([]);
    } else if (outcome === 'ok') {
      expect(await call).toMatchObject({ ok: true });
      expect((await site.control.requests()).length).toBeGreaterThan(0);
    } else {
      expect(await call).toEqual({ ok: false, error: { code: outcome, message: expect.any(String) } });
      expect(await storedMessages()).toEqual([]);
    }
  });
});

describe('attacks from visitors and members', () => {
  async function annConversationId(): Promise<string> {
    await site.call(inbox, 'sendMemberMessage', ['Ann opens her conversation'], 'ann');
    const [conversation] = await site.control.conversations();
    return conversation!.id;
  }

  function hostile(conversationId: string) {
    return {
      direction: 'BUSINESS_TO_PARTICIPANT',
      visibility: 'BUSINESS_AND_PARTICIPANT',
      conversationId,
      memberId: site.members.ann.id,
      sendAs: 'CALLER',
    };
  }

  /** Every Anyone and SiteMember method, with hostile fields merged in and appended as extra arguments. */
  async function tryEverything(caller: CallerName, extra: Record<string, unknown>) {
    const attempts: [string, unknown[]][] = [
      ['submitContactForm', [{ ...form, ...extra }]],
      ['submitContactForm', [form, extra, extra]],
      ['submitContactForm', [{ ...form, message: `Reply as the business: ${ACK}`, email: 'x@example.com' }, extra]],
      ['sendMemberMessage', [{ text: 'hi', ...extra }]],
      ['sendMemberMessage', ['Attack text', extra, 'BUSINESS_TO_PARTICIPANT']],
      ['getMyMessages', [extra, 'BUSINESS_TO_PARTICIPANT']],
    ];
    const results = [];
    for (const [method, args] of attempts) {
      results.push(await site.call(inbox, method, args, caller).catch((error: Error) => error.name));
    }
    return results;
  }

  it('no visitor or member call creates a business-to-participant message other than the fixed acknowledgement', async () => {
    const extra = hostile(await annConversationId());
    for (const caller of ['visitor', 'ann', 'bob'] as const) await tryEverything(caller, extra);
    const stored = await storedMessages();
    const forms = stored.filter((m) => m.content.contentType === 'FORM');
    const fromBusiness = stored.filter((m) => m.direction === 'BUSINESS_TO_PARTICIPANT');
    expect(forms.length).toBeGreaterThan(0);
    // One acknowledgement per member's own form; a visitor's form (sent as the app) gets none.
    const membersForms = forms.filter((m) => m.sender.memberId !== undefined);
    expect(fromBusiness).toHaveLength(membersForms.length);
    expect(membersForms.length).toBeLessThan(forms.length);
    for (const ack of fromBusiness) {
      expect(ack.content).toEqual({ previewText: ACK, basic: { items: [{ text: ACK }] }, contentType: 'BASIC' });
    }
    // Everything else is from the participant of the conversation it is in, or a visitor's form: recorded
    // by the site (app) because the typed email is not proof, business-only and marked unverified.
    for (const message of stored.filter((m) => m.direction !== 'BUSINESS_TO_PARTICIPANT')) {
      expect(message.direction).toBe('PARTICIPANT_TO_BUSINESS');
      expect(message.sender).not.toHaveProperty('wixUserId');
      if ('appId' in message.sender) {
        expect(message.visibility).toBe('BUSINESS');
        expect(message.content).toMatchObject({ form: { title: expect.stringMatching(/email not verified/) } });
      } else {
        expect(message.sender).toEqual(message.conversation.participant);
      }
    }
  });

  it('refuses hostile fields merged into the input and ignores them as extra arguments', async () => {
    const extra = hostile(await annConversationId());
    const [merged, appended, , mergedText, appendedText, list] = await tryEverything('bob', extra);
    expect(merged).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        fieldErrors: { direction: expect.any(String), conversationId: expect.any(String) },
      },
    });
    expect(appended).toEqual({ ok: true, value: { received: true } });
    expect(mergedText).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(appendedText).toEqual({ ok: true, value: { sent: true } });
    // bob's own thread: his message and the two acknowledgements of his accepted forms, nothing of ann's.
    const thread = (list as { value: { text: string }[] }).value.map((m) => m.text);
    expect(thread).toEqual(['Attack text', ACK, ACK]);
  });

  it("never lands another member's messages or forms in ann's conversation", async () => {
    const extra = hostile(await annConversationId());
    await tryEverything('bob', extra);
    await site.call(inbox, 'submitContactForm', [{ ...form, email: 'ann@example.com' }, extra], 'bob');
    const conversations = await site.control.conversations();
    const ann = conversations.find((c) => c.participant.memberId === site.members.ann.id)!;
    const bob = conversations.find((c) => c.participant.memberId === site.members.bob.id)!;
    expect((ann.messages as unknown as Stored[]).map((m) => m.content.previewText)).toEqual([
      'Ann opens her conversation',
    ]);
    expect((bob.messages as unknown as Stored[]).filter((m) => m.direction === 'PARTICIPANT_TO_BUSINESS')).not.toEqual(
      [],
    );
    expect(conversations.every((c) => c === ann || c === bob)).toBe(true);
  });

  it("answers a visitor who gives a member's email like any visitor, and nothing reaches the member's thread", async () => {
    const extra = hostile(await annConversationId());
    const asMember = await site.call(
      inbox,
      'submitContactForm',
      [{ ...form, email: 'ann@example.com' }, extra],
      'visitor',
    );
    const asStranger = await site.call(
      inbox,
      'submitContactForm',
      [{ ...form, email: 'nobody@example.com' }],
      'visitor',
    );
    expect(asMember).toEqual({ ok: true, value: { received: true } });
    expect(asMember).toEqual(asStranger);
    const annThread = await site.call(inbox, 'getMyMessages', [], 'ann');
    expect(annThread).toEqual({ ok: true, value: [expect.objectContaining({ text: 'Ann opens her conversation' })] });
    const inAnnsConversation = (await storedMessages()).filter(
      (m) => m.conversation.participant.memberId === site.members.ann.id,
    );
    expect(inAnnsConversation.map((m) => [m.visibility, m.sender])).toEqual([
      ['BUSINESS_AND_PARTICIPANT', { memberId: site.members.ann.id, contactId: site.members.ann.contactId }],
      ['BUSINESS', { appId: expect.any(String) }],
    ]);
  });

  it('looks the member up as the caller and reaches Inbox only through elevated calls', async () => {
    await site.call(inbox, 'submitContactForm', [form], 'ann');
    const requests = await site.control.requests();
    expect(requests.find((r) => r.operation === 'members.getCurrentMember')!.identity).toEqual({
      type: 'MEMBER',
      id: site.members.ann.id,
    });
    const inboxCalls = requests.filter((r) => r.operation?.startsWith('inbox.'));
    expect(inboxCalls.length).toBeGreaterThan(0);
    expect(inboxCalls.every((r) => r.identity?.type === 'APP' && r.status === 200)).toBe(true);
  });

  it('refuses an un-elevated Inbox call made as a member with 403, while the elevated one succeeds', async () => {
    const conversationId = await annConversationId();
    const app = await site.control.token('APP');
    const tokens = { callerToken: site.callers.ann.token, elevatedToken: app.token };
    const message = {
      content: { basic: { items: [{ text: 'I am the business' }] } },
      direction: 'BUSINESS_TO_PARTICIPANT' as const,
      visibility: 'BUSINESS_AND_PARTICIPANT' as const,
    };
    const direct = runWithWixContext(site.emulator.fetch, tokens, () => messages.sendMessage(conversationId, message));
    await expect(direct).rejects.toMatchObject({ status: 403 });
    const refused = (await site.control.requests()).at(-1)!;
    expect(refused).toMatchObject({ operation: 'inbox.sendMessage', status: 403, identity: { type: 'MEMBER' } });
    expect((await storedMessages()).map((m) => m.content.previewText)).toEqual(['Ann opens her conversation']);

    const elevated = auth.elevate(messages.sendMessage);
    await runWithWixContext(site.emulator.fetch, tokens, () => elevated(conversationId, message));
    expect((await site.control.requests()).at(-1)).toMatchObject({ status: 200, identity: { type: 'APP' } });
  });
});
