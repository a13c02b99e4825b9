import { expectWixError, setupEmulator } from '../support/emulator';

const UNKNOWN_ID = '9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f';
/** Wix's REST filter on any contact email. The SDK's typed query builder lists only `primaryInfo.email`. */
const EMAIL_FILTER = 'info.emails.email' as 'primaryInfo.email';

async function setup() {
  const fixtures = await setupEmulator();
  /** Submits a contact form with this email and, optionally, a name. */
  const submit = async (email: string, name?: { first?: string; last?: string }) => {
    const result = await fixtures.app.submittedContact.appendOrCreateContact({
      info: { ...(name ? { name } : {}), emails: { items: [{ email }] } },
    });
    if (!result.contactId) throw new Error(`appendOrCreateContact returned no contactId for ${email}`);
    return { ...result, contactId: result.contactId };
  };
  const findByEmail = async (email: string) =>
    (await fixtures.app.contacts.queryContacts().eq(EMAIL_FILTER, email).find()).items;
  return { ...fixtures, submit, findByEmail };
}

describe('submittedContact.appendOrCreateContact', () => {
  it('creates a contact, then appends to it for the same email in any case', async () => {
    const { submit } = await setup();

    const created = await submit('carol@example.com');
    const appended = await submit('Carol@EXAMPLE.com');

    expect(created).toEqual({ contactId: expect.any(String), identityType: 'CONTACT', newContact: true });
    expect(appended).toEqual({ contactId: created.contactId, identityType: 'CONTACT', newContact: false });
  });

  it('fills in names the contact lacks and keeps the names it has', async () => {
    const { app, submit } = await setup();
    const { contactId } = await submit('carol@example.com', { first: 'Carol' });

    await submit('carol@example.com', { first: 'Caroline', last: 'Diaz' });
    const contact = await app.contacts.getContact(contactId);

    expect(contact.info?.name).toEqual({ first: 'Carol', last: 'Diaz' });
    expect(contact.revision).toBe(2);
  });

  it('leaves the revision alone when an append changes nothing', async () => {
    const { app, submit } = await setup();
    const { contactId } = await submit('carol@example.com', { first: 'Carol' });

    await submit('carol@example.com', { first: 'Someone Else' });

    expect((await app.contacts.getContact(contactId)).revision).toBe(1);
  });

  it("answers NOT_AUTHENTICATED_MEMBER with the member's contact for a member's email", async () => {
    const { member, submit } = await setup();

    const result = await submit('ANN@example.com');

    expect(result).toEqual({
      contactId: member.contactId,
      identityType: 'NOT_AUTHENTICATED_MEMBER',
      newContact: false,
    });
  });

  it.each([
    ['no options', undefined],
    ['no info', {}],
    ['a name but no email', { info: { name: { first: 'Nobody' } } }],
    ['an empty email list', { info: { emails: { items: [] } } }],
  ])('answers 400 INSUFFICIENT_CONTACT_DATA for %s and creates nothing', async (_case, options) => {
    const { app, emulator } = await setup();
    const count = () => (emulator.context.db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
    const before = count();

    await expectWixError(app.submittedContact.appendOrCreateContact(options), 400, {
      code: 'INSUFFICIENT_CONTACT_DATA',
    });

    expect(count()).toBe(before);
  });

  it('rejects an email that is not an email address', async () => {
    const { submit } = await setup();

    const error = await expectWixError(submit('not-an-email'), 400);

    expect(error.details?.validationError?.fieldViolations).toEqual([
      expect.objectContaining({
        field: expect.stringMatching(/info\.emails\.items\[0\]\.email$/),
        violatedRule: 'FORMAT',
      }),
    ]);
  });
});

describe('contacts.queryContacts', () => {
  it('finds a submitted contact by email, case-insensitively', async () => {
    const { findByEmail, submit } = await setup();
    const { contactId } = await submit('carol@example.com', { first: 'Carol' });

    const [exact, shouted] = [await findByEmail('carol@example.com'), await findByEmail('CAROL@example.com')];

    expect(exact).toHaveLength(1);
    expect(exact[0]).toMatchObject({
      _id: contactId,
      primaryInfo: { email: 'carol@example.com' },
      info: { name: { first: 'Carol' }, emails: { items: [{ email: 'carol@example.com', primary: true }] } },
    });
    expect(shouted.map((c) => c._id)).toEqual([contactId]);
  });

  it('finds nothing for an email no contact has', async () => {
    const { findByEmail } = await setup();

    expect(await findByEmail('nobody@example.com')).toEqual([]);
  });

  it('rejects a filter on anything but one email', async () => {
    const { app } = await setup();

    const error = await expectWixError(app.contacts.queryContacts().eq('info.name.first', 'Carol').find(), 400);

    expect(error.details?.validationError?.fieldViolations?.[0]).toMatchObject({ violatedRule: 'VALIDATION' });
  });

  it('lists every contact newest first with no filter, paged by limit and offset (the builder defaults)', async () => {
    const { app, submit } = await setup();
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) await submit(email);

    const all = await app.contacts.queryContacts().find();
    const second = await app.contacts.queryContacts().limit(1).skip(1).find();
    const oldest = await app.contacts.queryContacts().ascending('_createdDate').limit(1).find();

    // The fixtures' member Ann came first.
    const emails = ['c@example.com', 'b@example.com', 'a@example.com', 'ann@example.com'];
    expect(all.items.map((c) => c.primaryInfo?.email)).toEqual(emails);
    expect(all.totalCount).toBe(4);
    expect(second.items.map((c) => c.primaryInfo?.email)).toEqual(['b@example.com']);
    expect(oldest.items.map((c) => c.primaryInfo?.email)).toEqual(['ann@example.com']);
  });

  it('matches the start of a first name, last name or email, with % and _ taken literally', async () => {
    const { app, submit } = await setup();
    await submit('carol@example.com', { first: 'Carol', last: 'Diaz' });
    await submit('c_x@example.com', { first: 'Cx' });

    const byFirst = await app.contacts.queryContacts().startsWith('info.name.first', 'car').find();
    const byLast = await app.contacts.queryContacts().startsWith('info.name.last', 'Di').find();
    const literal = await app.contacts.queryContacts().startsWith('primaryInfo.email', 'c_').find();
    const wildcard = await app.contacts.queryContacts().startsWith('primaryInfo.email', '%').find();

    expect(byFirst.items.map((c) => c.info?.name?.first)).toEqual(['Carol']);
    expect(byLast.items.map((c) => c.info?.name?.last)).toEqual(['Diaz']);
    expect(literal.items.map((c) => c.primaryInfo?.email)).toEqual(['c_x@example.com']);
    expect(wildcard.items).toEqual([]);
  });

  it('rejects a sort the emulator does not implement rather than ignoring it', async () => {
    const { app } = await setup();

    const error = await expectWixError(app.contacts.queryContacts().ascending('info.name.last').find(), 400);

    // The SDK rewrites the `query.` prefix of a field path; the emulator names the sort.
    expect(error.details?.validationError?.fieldViolations?.[0]).toMatchObject({
      field: expect.stringMatching(/\.sort$/),
    });
  });
});

describe('members.queryMembers', () => {
  it('finds the members behind contact ids, and refuses any other filter', async () => {
    const { app, member: ann, submit } = await setup();
    const { contactId: notAMember } = await submit('carol@example.com');

    const found = await app.members.queryMembers().in('contactId', [ann.contactId, notAMember]).find();
    const error = await expectWixError(app.members.queryMembers().eq('loginEmail', 'ann@example.com').find(), 400);

    expect(found.items.map((m) => [m._id, m.contactId])).toEqual([[ann.id, ann.contactId]]);
    expect(error.details?.validationError?.fieldViolations?.[0]).toMatchObject({
      field: expect.stringMatching(/\.filter$/),
    });
  });
});

describe('contacts.createContact', () => {
  it('creates a contact with a lower-cased email', async () => {
    const { app, findByEmail } = await setup();

    const { contact } = await app.contacts.createContact({
      name: { first: 'Zed', last: 'Quinn' },
      emails: { items: [{ email: 'Zed@Example.com' }] },
    });

    expect(contact).toMatchObject({
      _id: expect.any(String),
      revision: 1,
      info: { name: { first: 'Zed', last: 'Quinn' }, emails: { items: [{ email: 'zed@example.com' }] } },
    });
    expect(contact?._createdDate).toEqual(expect.any(Date));
    expect((await findByEmail('zed@example.com')).map((c) => c._id)).toEqual([contact?._id]);
  });

  it('answers 409 DUPLICATE_CONTACT_EXISTS with the existing contact id for a taken email', async () => {
    const { app, submit } = await setup();
    const { contactId } = await submit('carol@example.com');

    const error = await expectWixError(
      app.contacts.createContact({ emails: { items: [{ email: 'CAROL@example.com' }] } }),
      409,
      { code: 'DUPLICATE_CONTACT_EXISTS' },
    );

    expect(error.details?.applicationError?.data).toMatchObject({ duplicateContactId: contactId });
  });

  it('refuses allowDuplicates: true, which would break email uniqueness', async () => {
    const { app } = await setup();

    await expectWixError(
      app.contacts.createContact({ emails: { items: [{ email: 'x@example.com' }] } }, { allowDuplicates: true }),
      400,
      { field: 'options.allowDuplicates', rule: 'FIELD_NOT_ALLOWED' },
    );
  });
});

describe('contacts.getContact', () => {
  it('returns the contact in SDK shape', async () => {
    const { app, submit } = await setup();
    const { contactId } = await submit('carol@example.com', { first: 'Carol', last: 'Diaz' });

    const contact = await app.contacts.getContact(contactId);

    expect(contact).toMatchObject({
      _id: contactId,
      revision: 1,
      source: { sourceType: 'OTHER' },
      info: { name: { first: 'Carol', last: 'Diaz' } },
    });
    expect(contact).not.toHaveProperty('id');
    expect(contact).not.toHaveProperty('memberInfo');
  });

  it('answers 404 CONTACT_NOT_FOUND for an unknown contact', async () => {
    const { app } = await setup();

    await expectWixError(app.contacts.getContact(UNKNOWN_ID), 404, { code: 'CONTACT_NOT_FOUND' });
  });

  it('rejects a contact id that is not a GUID', async () => {
    const { app } = await setup();

    const error = await expectWixError(app.contacts.getContact('nope'), 400);

    expect(error.details?.validationError?.fieldViolations?.[0]?.violatedRule).toBe('FORMAT');
  });
});

describe('members and contacts', () => {
  it('gives a member created through the control API a contact that points back to the member', async () => {
    const { app, control } = await setup();

    const member = await control.createMember('Eve@Example.com', 'Eve Park');
    const contact = await app.contacts.getContact(member.contactId);

    expect(contact).toMatchObject({
      _id: member.contactId,
      primaryInfo: { email: 'eve@example.com' },
      info: { name: { first: 'Eve', last: 'Park' } },
      memberInfo: { memberId: member.id },
    });
  });

  it('reuses an existing contact with the same email when a member registers', async () => {
    const { app, control, submit } = await setup();
    const { contactId } = await submit('dave@example.com', { first: 'Dave' });

    const member = await control.createMember('DAVE@example.com');

    expect(member.contactId).toBe(contactId);
    expect(await submit('dave@example.com')).toEqual({
      contactId,
      identityType: 'NOT_AUTHENTICATED_MEMBER',
      newContact: false,
    });
    expect(await app.contacts.getContact(contactId)).toMatchObject({ memberInfo: { memberId: member.id } });
  });

  it('creates a member with a chosen id through the control API', async () => {
    const { app, control } = await setup();

    const { status, body } = await control.call<{ member: Record<string, string> }>('POST', '/_emulator/v1/members', {
      email: 'eve@example.com',
      name: 'Eve Park',
      id: UNKNOWN_ID,
    });

    expect(status).toBe(200);
    expect(body.member).toMatchObject({ id: UNKNOWN_ID, loginEmail: 'eve@example.com', nickname: 'Eve Park' });
    expect((await app.members.getMember(UNKNOWN_ID)).contactId).toBe(body.member.contactId);
  });

  it.each([
    [{}, 'email', 'REQUIRED_FIELD'],
    [{ email: 'not-an-email' }, 'email', 'FORMAT'],
    [{ email: 'eve@example.com', id: 'nope' }, 'id', 'FORMAT'],
  ])('refuses to create member %j: %s %s', async (request, field, violatedRule) => {
    const { control } = await setup();

    const response = await control.call('POST', '/_emulator/v1/members', request);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      details: { validationError: { fieldViolations: [{ field, violatedRule }] } },
    });
  });

  it('answers 409 when a second member registers with a taken email', async () => {
    const { control } = await setup();

    const response = await control.call('POST', '/_emulator/v1/members', { email: 'Ann@example.com' });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ details: { applicationError: { code: 'MEMBER_ALREADY_EXISTS' } } });
  });
});
