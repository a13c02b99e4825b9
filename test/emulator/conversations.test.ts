import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator } from '../../local/emulator';
import { expectWixError, sdkClient, setupEmulator, type SdkClient } from '../support/emulator';

/** RFC 4122 version-3 (name-based, MD5) UUID, the shape of every conversation id Wix returns. */
const UUID_V3 = /^[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f';
const VISITOR_ID = '40096143-1a2b-4c3d-8e4f-5a6b7c8d9e0f';

type ParticipantId = Parameters<SdkClient['conversations']['getOrCreateConversation']>[0];

/** getOrCreateConversation through the SDK; fails when the answer carries no conversation id. */
async function getOrCreate(client: SdkClient, participantId: ParticipantId) {
  const { conversation, newConversation } = await client.conversations.getOrCreateConversation(participantId);
  const id = conversation?._id;
  if (!conversation || !id) throw new Error(`no conversation for ${JSON.stringify(participantId)}`);
  return { conversation, id, newConversation };
}

async function setup(options: Parameters<typeof setupEmulator>[0] = {}) {
  const fixtures = await setupEmulator(options);
  const { contactId: plainContactId } = await fixtures.app.submittedContact.appendOrCreateContact({
    info: { name: { first: 'Carol', last: 'Diaz' }, emails: { items: [{ email: 'carol@example.com' }] } },
  });
  return { ...fixtures, plainContactId };
}

describe('getOrCreateConversation', () => {
  it('creates a member conversation once, then returns the same one', async () => {
    const { app, member } = await setup();

    const first = await getOrCreate(app, { memberId: member.id });
    const second = await getOrCreate(app, { memberId: member.id });

    expect(first.newConversation).toBe(true);
    expect(second.newConversation).toBe(false);
    expect(first.conversation).toEqual({
      _id: expect.stringMatching(UUID_V3),
      participant: { memberId: member.id, contactId: member.contactId },
      channels: ['CHAT'],
      businessDisplayData: { name: 'Local Wix Site' },
      participantDisplayData: { name: 'Ann Lee' },
    });
    expect(second.conversation).toEqual(first.conversation);
  });

  it("resolves a member's contact id to its own conversation under the variant memberContactConversation=contact", async () => {
    const { app, member } = await setup({ variants: { memberContactConversation: 'contact' } });

    const byMember = await getOrCreate(app, { memberId: member.id });
    const byContact = await getOrCreate(app, { contactId: member.contactId });

    expect(byContact.newConversation).toBe(true);
    expect(byContact.id).not.toBe(byMember.id);
    expect(byContact.conversation.participant).toEqual({ contactId: member.contactId });
  });

  it("resolves a member's contact id to the member's conversation (default variant)", async () => {
    const { app, member } = await setup();

    const byMember = await getOrCreate(app, { memberId: member.id });
    const byContact = await getOrCreate(app, { contactId: member.contactId });

    expect(byContact.newConversation).toBe(false);
    expect(byContact.id).toBe(byMember.id);
    expect(byContact.conversation.participant).toEqual({ memberId: member.id, contactId: member.contactId });
  });

  it('gives a contact that is not a member its own conversation named after the contact', async () => {
    const { app, member, plainContactId } = await setup();

    const result = await getOrCreate(app, { contactId: plainContactId });
    const memberConversation = await getOrCreate(app, { memberId: member.id });

    expect(result.newConversation).toBe(true);
    expect(result.conversation.participant).toEqual({ contactId: plainContactId });
    expect(result.conversation.participantDisplayData).toEqual({ name: 'Carol Diaz' });
    expect(result.id).not.toBe(memberConversation.id);
  });

  it('creates an anonymous visitor conversation without needing the visitor to exist', async () => {
    const { app } = await setup();

    const first = await getOrCreate(app, { anonymousVisitorId: VISITOR_ID });
    const second = await getOrCreate(app, { anonymousVisitorId: VISITOR_ID });

    expect([first.newConversation, second.newConversation]).toEqual([true, false]);
    expect(first.conversation.participant).toEqual({ anonymousVisitorId: VISITOR_ID });
    expect(first.conversation.participantDisplayData).toEqual({ name: 'Visitor' });
    expect(second.id).toBe(first.id);
  });

  it('derives the same version-3 id for the same site and participant on a fresh emulator', async () => {
    const one = await setup();
    const two = await setup();
    const otherSite = await setup({ site: { siteId: '11111111-2222-4333-8444-555555555555' } });

    const [a, b, c] = await Promise.all(
      [one, two, otherSite].map((f) => getOrCreate(f.app, { anonymousVisitorId: VISITOR_ID })),
    );

    expect(a!.id).toMatch(UUID_V3);
    expect(b!.id).toBe(a!.id);
    expect(c!.id).toMatch(UUID_V3);
    expect(c!.id).not.toBe(a!.id);
  });

  it('gives different participants different conversations', async () => {
    const { app, member, plainContactId } = await setup();

    const ids = await Promise.all(
      [{ memberId: member.id }, { contactId: plainContactId }, { anonymousVisitorId: VISITOR_ID }].map(
        async (participantId) => (await getOrCreate(app, participantId)).id,
      ),
    );

    expect(new Set(ids).size).toBe(3);
    ids.forEach((id) => expect(id).toMatch(UUID_V3));
  });

  it.each([
    ['no participant id', {}],
    ['two participant ids', { memberId: 'M', contactId: 'C' }],
    ['all three participant ids', { memberId: 'M', contactId: 'C', anonymousVisitorId: VISITOR_ID }],
  ])('rejects %s with ONE_OF_ALIGNMENT on participantId and stores nothing', async (_case, shape) => {
    const { app, control, member } = await setup();
    const participantId = Object.fromEntries(
      Object.entries(shape).map(([key, value]) => [
        key,
        value === 'M' ? member.id : value === 'C' ? member.contactId : value,
      ]),
    );

    const error = await expectWixError(app.conversations.getOrCreateConversation(participantId), 400, {
      field: 'participantId',
      rule: 'ONE_OF_ALIGNMENT',
    });

    expect(error.details?.validationError?.fieldViolations).toHaveLength(1);
    expect(await control.conversations()).toEqual([]);
  });

  it.each(['memberId', 'contactId', 'anonymousVisitorId'])(
    'rejects participantId.%s when it is not a GUID',
    async (key) => {
      const { app, control } = await setup();

      await expectWixError(app.conversations.getOrCreateConversation({ [key]: 'not-a-guid' }), 400, {
        field: `participantId.${key}`,
        rule: 'FORMAT',
      });

      expect(await control.conversations()).toEqual([]);
    },
  );

  // GetOrCreateConversation documents no error for an id Wix does not know: no invented 404.
  it.each(['memberId', 'contactId'])('gives an unknown %s a conversation of its own, idempotently', async (key) => {
    const { app, control } = await setup();

    const first = await getOrCreate(app, { [key]: UNKNOWN_ID });
    const again = await getOrCreate(app, { [key]: UNKNOWN_ID });

    expect(first.newConversation).toBe(true);
    expect(again).toMatchObject({ id: first.id, newConversation: false });
    expect((await control.conversations()).map((c) => c.participant)).toEqual([{ [key]: UNKNOWN_ID }]);
  });
});

describe('getConversation', () => {
  it('returns the bare conversation in SDK shape', async () => {
    const { app, member } = await setup();
    const { conversation, id } = await getOrCreate(app, { memberId: member.id });

    const fetched = await app.conversations.getConversation(id);

    expect(fetched).toEqual(conversation);
    expect(fetched).not.toHaveProperty('conversation');
    expect(fetched).not.toHaveProperty('id');
  });

  it('answers 404 CONVERSATION_NOT_FOUND for a well-formed unknown id', async () => {
    const { app } = await setup();

    const error = await expectWixError(app.conversations.getConversation(UNKNOWN_ID), 404, {
      code: 'CONVERSATION_NOT_FOUND',
    });

    expect(error.details?.applicationError?.description).toContain(UNKNOWN_ID);
  });

  it('rejects a conversation id that is not a GUID', async () => {
    const { app } = await setup();

    await expectWixError(app.conversations.getConversation('not-a-guid'), 400, {
      field: 'conversationId',
      rule: 'FORMAT',
    });
  });
});

describe('concurrent getOrCreateConversation', () => {
  it.each([
    ['memberId', (f: Awaited<ReturnType<typeof setup>>) => ({ memberId: f.member.id })],
    ['contactId', (f: Awaited<ReturnType<typeof setup>>) => ({ contactId: f.plainContactId })],
    ['anonymousVisitorId', () => ({ anonymousVisitorId: VISITOR_ID })],
  ])('creates exactly one conversation for 50 parallel calls by %s', async (_key, participantFor) => {
    const fixtures = await setup();
    const participantId = participantFor(fixtures);

    const results = await Promise.all(Array.from({ length: 50 }, () => getOrCreate(fixtures.app, participantId)));

    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.newConversation)).toHaveLength(1);
    const stored = await fixtures.control.conversations();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: results[0]!.id, messages: [] });
    expect(stored[0]!.participant).toMatchObject(participantId);
  });

  it('creates one conversation when a member is addressed by member id and contact id at once', async () => {
    const { app, control, member, wixUser } = await setup();

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        getOrCreate(i % 2 ? app : wixUser, i % 3 ? { memberId: member.id } : { contactId: member.contactId }),
      ),
    );

    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.newConversation)).toHaveLength(1);
    expect((await control.conversations()).map((c) => c.participant)).toEqual([
      { memberId: member.id, contactId: member.contactId },
    ]);
  });

  it('records every parallel call in the request log with status 200', async () => {
    const { app, control, member } = await setup();

    await Promise.all(Array.from({ length: 50 }, () => getOrCreate(app, { memberId: member.id })));

    const calls = (await control.requests()).filter((r) => r.operation === 'inbox.getOrCreateConversation');
    expect(calls).toHaveLength(50);
    expect(calls.every((r) => r.status === 200 && r.identity?.type === 'APP')).toBe(true);
  });

  it('shares one conversation between two emulators on the same database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-conversations-'));
    const dbPath = join(dir, 'emulator.db');
    const first = await setup({ dbPath });
    const second = createEmulator({ dbPath });
    try {
      // Tokens live in the database, so the first emulator's app token works on the second one.
      const appToken = (await first.control.token('APP')).token;
      const clients = [sdkClient(first.emulator.fetch, appToken), sdkClient(second.fetch, appToken)];

      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => getOrCreate(clients[i % 2]!, { anonymousVisitorId: VISITOR_ID })),
      );

      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(results.filter((r) => r.newConversation)).toHaveLength(1);
      expect(await first.control.conversations()).toHaveLength(1);
    } finally {
      first.emulator.close();
      second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
