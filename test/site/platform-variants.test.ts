import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { safeMessage } from 'backend/lib/site-error';
import { VARIANT_VALUES, type PlatformVariants } from '../../local/emulator';
import { automationConfig, setupEvents } from '../support/events';
import { setupSite } from '../support/site';

/**
 * The site code under every platform variant (local/emulator/variants.ts): what Wix may answer where
 * its docs are silent. Each variant value is its own describe block, so the results show per variant.
 */

const form = { firstName: 'Cara', email: 'cara@example.com', message: 'Do you ship to Portugal?' };
const VISITOR = '7f000000-0000-4000-8000-0000000000d1';

type Logged = jest.SpyInstance<void, unknown[]>;
let errors: Logged;
let logs: Logged;
beforeEach(() => {
  errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  logs = jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const linesOf = (spy: Logged) => spy.mock.calls.map((args) => args.map(String).join(' '));
const status = (result: unknown) => (result as { status: string }).status;

describe.each(VARIANT_VALUES.visitorCurrentMember)('visitorCurrentMember=%s', (answer) => {
  const variants: Partial<PlatformVariants> = { visitorCurrentMember: answer };

  it('lets a visitor submit the contact form, asking getCurrentMember once', async () => {
    const site = await setupSite({ variants });
    expect(await site.call(inbox, 'submitContactForm', [form], 'visitor')).toEqual({
      ok: true,
      value: { received: true },
    });
    const lookups = (await site.control.requests()).filter((r) => r.operation === 'members.getCurrentMember');
    expect(lookups.map((r) => r.status)).toEqual([answer === 'empty' ? 200 : Number(answer)]);
    const [conversation] = await site.control.conversations();
    expect(conversation!.participant).toEqual({ contactId: expect.any(String) });
  });

  it('still treats a logged-in member as the member, and refuses a visitor a member-only method', async () => {
    const site = await setupSite({ variants });
    expect(await site.call(inbox, 'sendMemberMessage', ['Is my order ready?'], 'ann')).toMatchObject({ ok: true });
    const [conversation] = await site.control.conversations();
    expect(conversation!.participant).toMatchObject({ memberId: site.members.ann.id });
    // A Wix user (not a member) through the same code path: no member, so a visitor whose typed
    // email proves nothing: accepted (the answer never discloses membership), business-only, marked.
    const asAdmin = await site.call(inbox, 'submitContactForm', [{ ...form, email: 'ann@example.com' }], 'admin');
    expect(asAdmin).toMatchObject({ ok: true });
    const forms = (await site.control.conversations())
      .flatMap((c) => c.messages as { content: { contentType?: string }; visibility?: string }[])
      .filter((m) => m.content.contentType === 'FORM');
    expect(forms).toHaveLength(1);
    expect(forms[0]).toMatchObject({
      visibility: 'BUSINESS',
      content: { form: { title: expect.stringContaining('not verified') } },
    });
  });
});

describe.each(VARIANT_VALUES.memberPublicFields)('memberPublicFields=%s', (publicFields) => {
  const variants: Partial<PlatformVariants> = { memberPublicFields: publicFields };

  it('still knows a logged-in member by their member id and contact', async () => {
    const site = await setupSite({ variants });
    expect(await site.call(inbox, 'sendMemberMessage', ['Is my order ready?'], 'ann')).toMatchObject({ ok: true });
    const [conversation] = await site.control.conversations();
    expect(conversation!.participant).toMatchObject({ memberId: site.members.ann.id });
  });

  it("offers the admin a member's contact as the member", async () => {
    const site = await setupSite({ variants });
    const listed = (await site.call(admin, 'listRecipients', [], 'admin')) as {
      ok: true;
      value: { recipients: { name: string; recipient: Record<string, string> }[] };
    };
    expect(listed.value.recipients).toEqual([
      expect.objectContaining({ name: 'Bob Stone', recipient: { memberId: site.members.bob.id } }),
      expect.objectContaining({ name: 'Ann Lee', recipient: { memberId: site.members.ann.id } }),
    ]);
  });
});

describe.each(VARIANT_VALUES.memberContactConversation)('memberContactConversation=%s', (routing) => {
  it("lets the admin write to a member's contact id and the member read their own thread", async () => {
    const site = await setupSite({ variants: { memberContactConversation: routing } });
    const { ann } = site.members;
    const sent = await site.call(
      admin,
      'sendBasicMessage',
      [{ contactId: ann.contactId }, { items: [{ text: 'Hi' }] }],
      'admin',
    );
    expect(sent).toMatchObject({ ok: true });
    expect(await site.call(inbox, 'sendMemberMessage', ['Thanks'], 'ann')).toMatchObject({ ok: true });
    const thread = (await site.call(inbox, 'getMyMessages', [], 'ann')) as { ok: true; value: unknown[] };
    expect(thread.ok).toBe(true);
    // Where Wix routes a member's contact id decides whether the member sees the admin's message.
    expect(thread.value).toHaveLength(routing === 'member' ? 2 : 1);
  });
});

describe.each(VARIANT_VALUES.inbox)('inbox=%s', (installed) => {
  const variants: Partial<PlatformVariants> = { inbox: installed };
  const missing = installed === 'not-installed';
  const setupLine = expect.stringContaining('Wix Inbox is not installed on this site: add the Inbox app');

  it.each([
    ['a visitor contact form', inbox, 'submitContactForm', () => [form], 'visitor'],
    ['a member message', inbox, 'sendMemberMessage', () => ['Hi'], 'ann'],
    ['an admin message', admin, 'sendMinimalMessage', (ann: string) => [{ memberId: ann }, { text: 'Hi' }], 'admin'],
  ] as const)('answers %s', async (_what, module, method, args, caller) => {
    const site = await setupSite({ variants });
    const result = await site.call(module, method, args(site.members.ann.id), caller);
    if (!missing) {
      expect(result).toMatchObject({ ok: true });
      expect(linesOf(errors)).toEqual([]);
      return;
    }
    expect(result).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: safeMessage('UNAVAILABLE') } });
    // One actionable line for the site owner, once per failed request; nothing stored.
    expect(linesOf(errors).filter((line) => line.includes('Wix Inbox is not installed'))).toEqual([
      `[inbox] ${setupLineText()}`,
    ]);
    expect(await site.control.conversations()).toEqual([]);
  });

  it('handles or logs a blog like event without throwing', async () => {
    const site = await setupEvents({ variants });
    await site.like('post-1', { anonymousVisitorId: VISITOR });
    const [delivery] = await site.deliver();
    expect(status(delivery!.result)).toBe(missing ? 'failed' : 'done');
    if (missing) expect(linesOf(errors)).toContainEqual(setupLine);
  });
});

/** The line, as site-error.ts writes it (one copy: the test reads it from the module). */
function setupLineText(): string {
  return jest.requireActual<typeof import('backend/lib/site-error')>('backend/lib/site-error').INBOX_NOT_INSTALLED;
}

describe.each(VARIANT_VALUES.claimsCollection)('claimsCollection=%s', (collection) => {
  const missing = collection === 'missing';

  it(`handles a like event${missing ? ' (degraded: a redelivery runs again, its send-once marker keeps it to one message) and logs the set-up step' : ' once'}`, async () => {
    const site = await setupEvents({ variants: { claimsCollection: collection } });
    const { eventId } = await site.like('post-1', { memberId: site.members.ann.id });
    const [first] = await site.deliver();
    expect(status(first!.result)).toBe('done');
    await site.redeliver(eventId);
    const [again] = await site.deliver();
    expect(status(again!.result)).toBe(missing ? 'done' : 'duplicate');
    const sent = (await site.control.conversations()).flatMap((c) => c.messages);
    expect(sent).toHaveLength(1);
    const setup = linesOf(errors).filter((line) => line.includes('"InboxConnectorClaims" does not exist'));
    expect(setup.length > 0).toBe(missing);
    // The owner's set-up step, whole: what is lost without the collection, and how to create it.
    for (const line of setup) {
      expect(line).toBe(
        '[inbox] The Wix Data collection "InboxConnectorClaims" does not exist: events are handled without ' +
          'the once-only guarantee (a redelivered event is handled again). Create it in the CMS with this ' +
          'exact ID and Admin-only permissions.',
      );
    }
  });

  it('answers a legacy chat keyword rule', async () => {
    const site = await setupEvents({
      variants: { claimsCollection: collection },
      config: automationConfig({
        chatAutoReplies: { enabled: true, answer: 'legacy-chat', rules: [{ keywords: ['hours'], reply: '9 to 5' }] },
      }),
    });
    const channelId = await site.openChannel({ anonymousVisitorId: VISITOR });
    await site.chat(channelId, 'What are your hours?');
    const [delivery] = await site.deliver();
    expect(delivery!.result).toMatchObject({ status: 'done' });
    expect(linesOf(logs).some((line) => line.includes('"status":"done"'))).toBe(true);
  });
});
