import type { IdentityType } from '../../local/emulator';
import { expectWixError, sdkClient, setupEmulator, type SdkClient } from '../support/emulator';

const UNKNOWN_ID = '9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f';
const NEW_EMAIL = 'new.person@example.com';
/** Wix's REST filter on any contact email. The SDK's typed query builder lists only `primaryInfo.email`. */
const EMAIL_FILTER = 'info.emails.email' as 'primaryInfo.email';

async function setup() {
  const fixtures = await setupEmulator();
  const { conversation } = await fixtures.app.conversations.getOrCreateConversation({ memberId: fixtures.member.id });
  const conversationId = conversation?._id;
  if (!conversationId) throw new Error('getOrCreateConversation returned no conversation');
  const other = await fixtures.control.createMember('bob@example.com', 'Bob Stone');
  const otherToken = await fixtures.control.token('MEMBER', other.id);
  const callers: Record<Caller, SdkClient> = {
    'no token': fixtures.anonymous,
    'unknown token': sdkClient(fixtures.emulator.fetch, 'emu.app.not-a-minted-token'),
    ANONYMOUS_VISITOR: fixtures.asVisitor,
    MEMBER: fixtures.asMember,
    WIX_USER: fixtures.wixUser,
    APP: fixtures.app,
  };
  /** Row counts of everything a call could store; tokens excluded. */
  const stored = () =>
    Object.fromEntries(
      ['contacts', 'members', 'conversations', 'messages', 'events'].map((table) => [
        table,
        (fixtures.emulator.context.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
      ]),
    );
  return {
    ...fixtures,
    conversationId,
    other,
    asOther: sdkClient(fixtures.emulator.fetch, otherToken.token),
    callers,
    stored,
  };
}

type Fixtures = Awaited<ReturnType<typeof setup>>;
type Caller = 'no token' | 'unknown token' | IdentityType;

/** Each operation a site would call, and the operation name the request log records for it. */
const OPERATIONS: [operation: string, call: (client: SdkClient, f: Fixtures) => Promise<unknown>][] = [
  [
    'inbox.getOrCreateConversation',
    (client) => client.conversations.getOrCreateConversation({ anonymousVisitorId: UNKNOWN_ID }),
  ],
  ['inbox.getConversation', (client, f) => client.conversations.getConversation(f.conversationId)],
  [
    'inbox.sendMessage',
    (client, f) =>
      client.messages.sendMessage(f.conversationId, {
        content: { basic: { items: [{ text: 'Hello' }] } },
        direction: 'BUSINESS_TO_PARTICIPANT',
        visibility: 'BUSINESS_AND_PARTICIPANT',
      }),
  ],
  ['inbox.listMessages', (client, f) => client.messages.listMessages(f.conversationId, 'BUSINESS')],
  [
    'contacts.appendOrCreateContact',
    (client) => client.submittedContact.appendOrCreateContact({ info: { emails: { items: [{ email: NEW_EMAIL }] } } }),
  ],
  ['contacts.createContact', (client) => client.contacts.createContact({ emails: { items: [{ email: NEW_EMAIL }] } })],
  ['contacts.queryContacts', (client) => client.contacts.queryContacts().eq(EMAIL_FILTER, NEW_EMAIL).find()],
  ['contacts.getContact', (client, f) => client.contacts.getContact(f.member.contactId)],
];

const REFUSALS: [Caller, number, string][] = [
  ['no token', 401, 'UNAUTHENTICATED'],
  ['unknown token', 401, 'UNAUTHENTICATED'],
  ['ANONYMOUS_VISITOR', 403, 'PERMISSION_DENIED'],
  ['MEMBER', 403, 'PERMISSION_DENIED'],
];

const REFUSAL_CASES = OPERATIONS.flatMap(([operation, call]) =>
  REFUSALS.map(([caller, status, code]) => [operation, caller, status, code, call] as const),
);
const SUCCESS_CASES = OPERATIONS.flatMap(([operation, call]) =>
  (['WIX_USER', 'APP'] as const).map((caller) => [operation, caller, call] as const),
);

describe('permission matrix', () => {
  it.each(REFUSAL_CASES)(
    'refuses %s for %s with %i %s and stores nothing',
    async (operation, caller, status, code, call) => {
      const f = await setup();
      const before = f.stored();

      const error = await expectWixError(call(f.callers[caller], f), status, { code });

      expect(error.status).toBe(status);
      expect(error.details?.applicationError?.code).toBe(code);
      expect(f.stored()).toEqual(before);
      const identity = caller === 'no token' || caller === 'unknown token' ? null : { type: caller };
      expect((await f.control.requests()).at(-1)).toMatchObject({ operation, status, identity });
    },
  );

  it.each(SUCCESS_CASES)('allows %s for %s and logs it with status 200', async (operation, caller, call) => {
    const f = await setup();

    const result = await call(f.callers[caller], f);

    expect(result).toBeDefined();
    const logged = (await f.control.requests()).at(-1);
    expect(logged).toMatchObject({ operation, status: 200, identity: { type: caller } });
    expect(logged?.identity?.id).toBe(caller === 'APP' ? f.appId : f.wixUserId);
  });

  it('checks the identity before validating the request', async () => {
    const f = await setup();

    await expectWixError(f.asVisitor.conversations.getOrCreateConversation({}), 403, { code: 'PERMISSION_DENIED' });
    await expectWixError(f.anonymous.conversations.getConversation('not-a-guid'), 401, { code: 'UNAUTHENTICATED' });
  });

  it('stores the business calls it allows', async () => {
    const f = await setup();
    const before = f.stored();

    await f.wixUser.submittedContact.appendOrCreateContact({ info: { emails: { items: [{ email: NEW_EMAIL }] } } });
    await f.app.conversations.getOrCreateConversation({ anonymousVisitorId: UNKNOWN_ID });

    expect(f.stored()).toEqual({ ...before, contacts: before.contacts! + 1, conversations: before.conversations! + 1 });
  });
});

describe('members', () => {
  it('returns the current member with private fields for the FULL fieldset', async () => {
    const { asMember, member } = await setup();

    const { member: current } = await asMember.members.getCurrentMember({ fieldsets: ['FULL'] });

    expect(current).toMatchObject({
      _id: member.id,
      contactId: member.contactId,
      loginEmail: 'ann@example.com',
      profile: { nickname: 'Ann Lee', slug: 'ann-lee' },
      status: 'APPROVED',
    });
  });

  it.each([[['PUBLIC'] as const], [undefined]])(
    'returns the PUBLIC fields the SDK typings list for fieldsets %p: no private field, statuses UNKNOWN',
    async (fieldsets) => {
      const { asMember, member } = await setup();

      const { member: current } = await asMember.members.getCurrentMember(
        fieldsets ? { fieldsets: [...fieldsets] } : {},
      );

      expect(current).toEqual({
        _id: member.id,
        contactId: member.contactId,
        _createdDate: expect.any(Date),
        _updatedDate: expect.any(Date),
        profile: { nickname: 'Ann Lee', slug: 'ann-lee' },
        status: 'UNKNOWN',
        privacyStatus: 'UNKNOWN',
        activityStatus: 'UNKNOWN',
      });
    },
  );

  it('returns only the id and profile for PUBLIC under the variant memberPublicFields=id-and-profile', async () => {
    const { asMember, control, member } = await setup();
    await control.call('POST', '/_emulator/v1/variants', { memberPublicFields: 'id-and-profile' });

    const { member: current } = await asMember.members.getCurrentMember();

    expect(current).toEqual({
      _id: member.id,
      profile: { nickname: 'Ann Lee', slug: 'ann-lee' },
      status: 'UNKNOWN',
      privacyStatus: 'UNKNOWN',
      activityStatus: 'UNKNOWN',
    });
    const { member: full } = await asMember.members.getCurrentMember({ fieldsets: ['FULL'] });
    expect(full).toMatchObject({ _id: member.id, contactId: member.contactId, loginEmail: 'ann@example.com' });
  });

  it('returns the EXTENDED fields: the login email and real statuses, without the contact', async () => {
    const { asMember, member } = await setup();

    const { member: current } = await asMember.members.getCurrentMember({ fieldsets: ['EXTENDED'] });

    expect(current).toMatchObject({
      _id: member.id,
      contactId: member.contactId,
      loginEmail: 'ann@example.com',
      status: 'APPROVED',
      privacyStatus: 'PUBLIC',
      activityStatus: 'ACTIVE',
    });
    expect(current).not.toHaveProperty('contact');
  });

  it.each(['asVisitor', 'wixUser', 'app'] as const)('returns no current member for %s', async (client) => {
    const f = await setup();

    const result = await f[client].members.getCurrentMember({ fieldsets: ['FULL'] });

    expect(result.member).toBeUndefined();
  });

  it('answers 401 for getCurrentMember without a token', async () => {
    const { anonymous } = await setup();

    await expectWixError(anonymous.members.getCurrentMember(), 401, { code: 'UNAUTHENTICATED' });
  });

  it.each(['app', 'wixUser', 'asMember'] as const)('shows a member their FULL fields to %s', async (client) => {
    const f = await setup();

    const fetched = await f[client].members.getMember(f.member.id, { fieldsets: ['FULL'] });

    expect(fetched).toMatchObject({ _id: f.member.id, loginEmail: 'ann@example.com' });
  });

  it("hides another member's private fields even when FULL is asked for", async () => {
    const { asOther, member } = await setup();

    const fetched = await asOther.members.getMember(member.id, { fieldsets: ['FULL'] });

    expect(fetched).toMatchObject({ _id: member.id, profile: { nickname: 'Ann Lee' } });
    expect(fetched).not.toHaveProperty('loginEmail');
    expect(fetched).not.toHaveProperty('contact');
  });

  it("hides a member's private fields from a visitor token that carries the member's id", async () => {
    const { control, emulator, member } = await setup();
    const visitor = await control.token('ANONYMOUS_VISITOR', member.id);

    const fetched = await sdkClient(emulator.fetch, visitor.token).members.getMember(member.id, {
      fieldsets: ['FULL'],
    });

    expect(fetched._id).toBe(member.id);
    expect(fetched).not.toHaveProperty('loginEmail');
  });

  it('answers a standard 404 NOT_FOUND for an unknown member and 400 for a malformed id', async () => {
    const { app } = await setup();

    await expectWixError(app.members.getMember(UNKNOWN_ID), 404, { code: 'NOT_FOUND' });
    const error = await expectWixError(app.members.getMember('nope'), 400);
    expect(error.details?.validationError?.fieldViolations[0]?.violatedRule).toBe('FORMAT');
  });
});

describe('tokens', () => {
  it.each(['ANONYMOUS_VISITOR', 'WIX_USER', 'APP'] as const)(
    'mints a token of type %s with the given id',
    async (type) => {
      const { control } = await setup();

      const minted = await control.token(type, UNKNOWN_ID);

      expect(minted.identity).toEqual({ type, id: UNKNOWN_ID });
      expect(minted.token).toEqual(expect.any(String));
    },
  );

  it.each(['ANONYMOUS_VISITOR', 'WIX_USER', 'APP'] as const)(
    'mints a token of type %s with a fresh id when none is given',
    async (type) => {
      const { control } = await setup();

      const [a, b] = [await control.token(type), await control.token(type)];

      expect(a.identity.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(a.identity.id).not.toBe(b.identity.id);
      expect(a.token).not.toBe(b.token);
    },
  );

  it('registers a new member for a MEMBER token minted without an id', async () => {
    const { app, control, emulator } = await setup();

    const minted = await control.token('MEMBER');
    const { member } = await sdkClient(emulator.fetch, minted.token).members.getCurrentMember();

    expect(member?._id).toBe(minted.identity.id);
    expect((await app.members.getMember(minted.identity.id))._id).toBe(minted.identity.id);
  });

  it('answers 404 for a MEMBER token for an unknown member', async () => {
    const { control } = await setup();

    const response = await control.call('POST', '/_emulator/v1/tokens', { type: 'MEMBER', id: UNKNOWN_ID });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ details: { applicationError: { code: 'MEMBER_NOT_FOUND' } } });
  });

  it('rejects an unknown identity type', async () => {
    const { control } = await setup();

    const response = await control.call('POST', '/_emulator/v1/tokens', { type: 'ROOT' });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      details: { validationError: { fieldViolations: [{ field: 'type', violatedRule: 'INVALID_ENUM_VALUE' }] } },
    });
  });

  it('accepts a token sent as `Bearer <token>`', async () => {
    const { control, emulator, member } = await setup();
    const { token } = await control.token('APP');

    const result = await sdkClient(emulator.fetch, `Bearer ${token}`).conversations.getOrCreateConversation({
      memberId: member.id,
    });

    expect(result.newConversation).toBe(false);
    expect((await control.requests()).at(-1)?.identity?.type).toBe('APP');
  });
});
