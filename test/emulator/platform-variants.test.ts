import { items } from '@wix/data';
import { createClient } from '@wix/sdk';
import { parseVariants, VARIANT_VALUES } from '../../local/emulator';
import { expectWixError, setupEmulator, type FetchHandler } from '../support/emulator';

/** The platform variants as the emulator answers them, and the control route that switches them. */

const UNKNOWN_CONVERSATION = '11111111-2222-4333-8444-555555555555';

function dataClient(handler: FetchHandler, token: string) {
  return createClient({
    auth: { getAuthHeaders: async () => ({ headers: { Authorization: token } }) },
    modules: { items },
    fetch: (url, init) => handler(new Request(url, init)),
  });
}

describe('the control route', () => {
  it('reads, switches one variant at a time, resets to defaults, and survives a data reset', async () => {
    const { control } = await setupEmulator();
    const defaults = {
      visitorCurrentMember: 'empty',
      inbox: 'installed',
      claimsCollection: 'present',
      memberContactConversation: 'member',
      memberPublicFields: 'with-contact-id',
    };
    expect((await control.call('GET', '/_emulator/v1/variants')).body).toEqual({ variants: defaults });
    const switched = await control.call('POST', '/_emulator/v1/variants', { inbox: 'not-installed' });
    expect(switched).toEqual({ status: 200, body: { variants: { ...defaults, inbox: 'not-installed' } } });
    await control.call('POST', '/_emulator/v1/reset');
    expect((await control.call('GET', '/_emulator/v1/variants')).body).toMatchObject({
      variants: { inbox: 'not-installed' },
    });
    expect((await control.call('DELETE', '/_emulator/v1/variants')).body).toEqual({ variants: defaults });
  });

  it('refuses an unknown variant or value with a field error and changes nothing', async () => {
    const { control } = await setupEmulator();
    const bad = await control.call<{ details: { validationError: { fieldViolations: { field: string }[] } } }>(
      'POST',
      '/_emulator/v1/variants',
      { inbox: 'maybe', colour: 'blue' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details.validationError.fieldViolations.map((v) => v.field).sort()).toEqual(['inbox', 'request']);
    expect((await control.call('GET', '/_emulator/v1/variants')).body).toMatchObject({
      variants: { inbox: 'installed' },
    });
  });

  it('reads EMULATOR_VARIANTS, and names every problem', () => {
    expect(parseVariants('inbox=not-installed, visitorCurrentMember=404')).toEqual({
      inbox: 'not-installed',
      visitorCurrentMember: '404',
    });
    expect(parseVariants('')).toEqual({});
    expect(() => parseVariants('inbox=gone,colour=blue')).toThrow(
      /inbox must be one of installed, not-installed; unknown variant "colour"/,
    );
    expect(() => parseVariants('inbox')).toThrow(/expected name=value pairs/);
  });
});

describe.each(VARIANT_VALUES.visitorCurrentMember)('visitorCurrentMember=%s', (answer) => {
  it("answers a visitor's getCurrentMember with it, and a member's with the member", async () => {
    const { asVisitor, asMember, member } = await setupEmulator({ variants: { visitorCurrentMember: answer } });
    if (answer === 'empty') expect(await asVisitor.members.getCurrentMember()).toEqual({});
    else await expectWixError(asVisitor.members.getCurrentMember(), Number(answer));
    expect((await asMember.members.getCurrentMember()).member).toMatchObject({ _id: member.id });
  });
});

describe('inbox=not-installed', () => {
  it('answers every Inbox method 404 INBOX_INSTANCE_NOT_FOUND, after the identity check', async () => {
    const { app, asVisitor, member } = await setupEmulator({ variants: { inbox: 'not-installed' } });
    const code = { code: 'INBOX_INSTANCE_NOT_FOUND' };
    await expectWixError(app.conversations.getOrCreateConversation({ memberId: member.id }), 404, code);
    await expectWixError(app.conversations.getConversation(UNKNOWN_CONVERSATION), 404, code);
    await expectWixError(app.messages.listMessages(UNKNOWN_CONVERSATION, 'BUSINESS'), 404, code);
    const message = { content: { basic: { items: [{ text: 'hi' }] } }, direction: 'BUSINESS_TO_PARTICIPANT' as const };
    await expectWixError(app.messages.sendMessage(UNKNOWN_CONVERSATION, message), 404, code);
    await expectWixError(asVisitor.messages.listMessages(UNKNOWN_CONVERSATION, 'BUSINESS'), 403);
  });
});

describe('claimsCollection=missing', () => {
  it('answers WDE0025 for the claims collection only', async () => {
    const { emulator, control } = await setupEmulator({ variants: { claimsCollection: 'missing' } });
    const data = dataClient(emulator.fetch, (await control.token('APP')).token);
    await expect(data.items.insert('InboxConnectorClaims', { _id: 'event:1' })).rejects.toMatchObject({
      details: { applicationError: { code: 'WDE0025' } },
    });
    await expect(data.items.insert('Other', { _id: 'event:1' })).resolves.toMatchObject({ _id: 'event:1' });
  });
});

describe('memberContactConversation', () => {
  it.each(VARIANT_VALUES.memberContactConversation)('=%s routes a member contact id', async (routing) => {
    const { app, member } = await setupEmulator({ variants: { memberContactConversation: routing } });
    const byMember = await app.conversations.getOrCreateConversation({ memberId: member.id });
    const byContact = await app.conversations.getOrCreateConversation({ contactId: member.contactId });
    expect(byContact.conversation!._id === byMember.conversation!._id).toBe(routing === 'member');
  });
});
