import { items } from '@wix/data';
import { createClient } from '@wix/sdk';
import { expectWixError, setupEmulator } from '../support/emulator';

/** Limits and key handling taken from Wix's typings and docs rather than our guesses. */

describe('contact limits (crm typings: names 1000, email 320 characters)', () => {
  const email = (length: number) => `${'a'.repeat(length - '@example.com'.length)}@example.com`;

  it('accepts a 1000-character name and a 320-character email', async () => {
    const { app } = await setupEmulator();
    const result = await app.submittedContact.appendOrCreateContact({
      info: { name: { first: 'F'.repeat(1000), last: 'L'.repeat(1000) }, emails: { items: [{ email: email(320) }] } },
    });
    expect(result.contactId).toEqual(expect.any(String));
  });

  it.each([
    ['options.info.name.first', { name: { first: 'F'.repeat(1001) } }],
    ['options.info.emails.items[0].email', { emails: { items: [{ email: email(321) }] } }],
  ])('refuses %s one character over the limit', async (field, info) => {
    const { app } = await setupEmulator();
    await expectWixError(app.submittedContact.appendOrCreateContact({ info }), 400, { field, rule: 'MAX_LENGTH' });
  });
});

describe('free-form maps keep their keys as written', () => {
  it('stores Wix Data fields with snake_case names unchanged, while request fields still accept snake_case', async () => {
    const { emulator, control } = await setupEmulator();
    const { token } = await control.token('APP');
    const raw = await emulator.fetch(
      new Request('http://emulator.test/wix-data/v2/items', {
        method: 'POST',
        headers: { Authorization: token, 'content-type': 'application/json' },
        body: JSON.stringify({
          data_collection_id: 'Forms',
          data_item: { id: 'one', data: { first_name_1: 'Ann', nested: { last_name: 'Lee' }, __proto__x: 1 } },
        }),
      }),
    );
    expect(raw.status).toBe(200);
    const data = createClient({
      auth: { getAuthHeaders: async () => ({ headers: { Authorization: token } }) },
      modules: { items },
      fetch: (url, init) => emulator.fetch(new Request(url, init)),
    });
    const item = await data.items.get('Forms', 'one');
    expect(item).toMatchObject({ first_name_1: 'Ann', nested: { last_name: 'Lee' } });
    expect(item).not.toHaveProperty('firstName1');
  });

  it('keeps chat metadata keys as written', async () => {
    const { control, member } = await setupEmulator();
    const { body } = await control.call<{ channel: { id: string } }>('POST', '/_emulator/v1/chat/channels', {
      member_id: member.id,
    });
    const sent = await control.call<{ message: { metadata: Record<string, unknown> } }>(
      'POST',
      '/_emulator/v1/chat/messages',
      { channelId: body.channel.id, text: 'hi', direction: 'VisitorToBusiness', metadata: { order_id: 'A-1' } },
    );
    expect(sent.body.message.metadata).toEqual({ order_id: 'A-1' });
  });
});
