import * as admin from 'backend/inbox-admin.web';
import { RECIPIENT_LIMIT } from 'backend/lib/recipients';
import { setupSite } from '../support/site';

type Site = Awaited<ReturnType<typeof setupSite>>;
interface Choice {
  name: string;
  email?: string;
  recipient: Record<string, string>;
}

let site: Site;
beforeEach(async () => {
  site = await setupSite();
});

async function listAs(caller: keyof Site['callers'], ...args: unknown[]) {
  return (await site.call(admin, 'listRecipients', args, caller)) as
    | { ok: true; value: { recipients: Choice[] } }
    | { ok: false; error: { code: string; fieldErrors?: Record<string, string> } };
}

async function recipients(...args: unknown[]): Promise<Choice[]> {
  const result = await listAs('admin', ...args);
  if (!result.ok) throw new Error(`listRecipients failed: ${JSON.stringify(result.error)}`);
  return result.value.recipients;
}

describe('listRecipients (Admin page recipient picker)', () => {
  it.each(['visitor', 'ann'] as const)('refuses a %s before any Wix call', async (caller) => {
    const before = (await site.control.requests()).length;
    await expect(listAs(caller)).rejects.toMatchObject({ name: 'WebMethodForbidden', status: 403 });
    expect(await site.control.requests()).toHaveLength(before);
  });

  it('lists the newest contacts for the admin: name, email and the contact to write to, nothing else', async () => {
    const list = await recipients();
    expect(list).toEqual([
      { name: 'Bob Stone', email: 'bob@example.com', recipient: { memberId: site.members.bob.id } },
      { name: 'Ann Lee', email: 'ann@example.com', recipient: { memberId: site.members.ann.id } },
    ]);
    // Two reads, each elevated (an app identity), after the permission gate: contacts, then which are members.
    const reads = (await site.control.requests()).filter(
      (r) => r.operation?.endsWith('Members') || r.operation?.endsWith('Contacts'),
    );
    expect(reads.map((r) => [r.operation, r.status, r.identity?.type])).toEqual([
      ['contacts.queryContacts', 200, 'APP'],
      ['members.queryMembers', 200, 'APP'],
    ]);
  });

  it('offers a contact who is not a member as the contact', async () => {
    const { token } = await site.control.token('APP');
    const created = await site.emulator.fetch(
      new Request('http://emulator.test/contacts/v4/contacts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: token },
        body: JSON.stringify({ info: { emails: { items: [{ email: 'cara@example.com' }] } } }),
      }),
    );
    const { contact } = (await created.json()) as { contact: { id: string } };
    expect((await recipients())[0]).toEqual({
      name: 'cara@example.com',
      email: 'cara@example.com',
      recipient: { contactId: contact.id },
    });
  });

  it(`returns at most ${RECIPIENT_LIMIT}, newest first`, async () => {
    for (let i = 1; i <= RECIPIENT_LIMIT + 5; i++) await site.control.createMember(`m${i}@example.com`, `Member ${i}`);
    const list = await recipients();
    expect(list).toHaveLength(RECIPIENT_LIMIT);
    expect(list[0]!.name).toBe(`Member ${RECIPIENT_LIMIT + 5}`);
    expect(list.at(-1)!.name).toBe('Member 6');
  });

  it('searches the start of the first name, or of the email when the text has an @', async () => {
    expect((await recipients('an')).map((c) => c.name)).toEqual(['Ann Lee']);
    expect((await recipients('  BOB ')).map((c) => c.name)).toEqual(['Bob Stone']);
    expect((await recipients('bob@')).map((c) => c.email)).toEqual(['bob@example.com']);
    expect(await recipients('Lee')).toEqual([]);
    expect(await recipients('%')).toEqual([]);
    expect((await recipients('')).length).toBe(2);
  });

  it('asks Wix which contacts are members only when some contact was found', async () => {
    const before = (await site.control.requests()).length;
    expect(await recipients('nobody')).toEqual([]);
    const operations = (await site.control.requests()).slice(before).map((r) => r.operation);
    expect(operations).toEqual(['contacts.queryContacts']);
  });

  it('searches first names, not emails, when the text has no @', async () => {
    const { token } = await site.control.token('APP');
    await site.emulator.fetch(
      new Request('http://emulator.test/contacts/v4/contacts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: token },
        body: JSON.stringify({
          info: { name: { first: 'Dana', last: 'Ruiz' }, emails: { items: [{ email: 'bob.fan@example.com' }] } },
        }),
      }),
    );
    expect((await recipients('bob')).map((c) => c.name)).toEqual(['Bob Stone']);
    expect((await recipients('bob.')).map((c) => c.name)).toEqual([]);
    expect((await recipients('bob.fan@')).map((c) => c.name)).toEqual(['Dana Ruiz']);
    expect((await recipients('dana')).map((c) => c.name)).toEqual(['Dana Ruiz']);
  });

  it.each([
    [42, 'Search must be text'],
    [{ $ne: 'x' }, 'Search must be text'],
    ['x'.repeat(101), 'Search must be at most 100 characters'],
  ])('refuses the search %p with a field error and no Wix call', async (search, message) => {
    const before = (await site.control.requests()).length;
    const result = await listAs('admin', search);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Please correct the highlighted fields.',
        fieldErrors: { search: message },
      },
    });
    expect(await site.control.requests()).toHaveLength(before);
  });

  it("a chosen member is written to in their own conversation, even where a member's contact id would get one of its own", async () => {
    site = await setupSite({ variants: { memberContactConversation: 'contact' } });
    const ann = (await recipients('ann'))[0]!;
    const sent = await site.call(
      admin,
      'sendTemplateMessage',
      [ann.recipient, { title: 'Hi', textLines: ['x'] }],
      'admin',
    );
    expect(sent).toMatchObject({ ok: true });
    const conversations = await site.control.conversations();
    expect(conversations).toHaveLength(1);
    expect(conversations[0]!.participant).toMatchObject({ memberId: site.members.ann.id });
  });
});
