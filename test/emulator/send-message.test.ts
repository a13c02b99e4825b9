import type { EmulatorOptions } from '../../local/emulator';
import { expectWixError, setupEmulator, type SdkClient } from '../support/emulator';

type Message = Parameters<SdkClient['messages']['sendMessage']>[1];
type SendOptions = Parameters<SdkClient['messages']['sendMessage']>[2];
type Sent = NonNullable<Awaited<ReturnType<SdkClient['messages']['sendMessage']>>['message']>;

const UNKNOWN_CONVERSATION = '11111111-2222-4333-8444-555555555555';
const SITE_APP_ID = '151e476a-715e-ec33-db9a-a7ff4d51f70a';
const FROZEN_MS = 1700065136558;
const MICRO_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

/** Anything as a message, for requests the SDK typings would not allow. */
const loose = (value: unknown) => value as Message;

/** A fresh emulator, a member conversation, and helpers to send through the SDK or as raw JSON. */
async function setup(options: EmulatorOptions = {}) {
  const env = await setupEmulator(options);
  const { conversation } = await env.app.conversations.getOrCreateConversation({ memberId: env.member.id });
  const conversationId = conversation!._id!;
  const { token } = await env.control.token('APP', env.appId);
  /** sendMessage through the SDK; fails unless the answer carries a message with content. */
  const send = async (message: Partial<Message>, sendOptions?: SendOptions, client: SdkClient = env.app) => {
    const defaults = { direction: 'BUSINESS_TO_PARTICIPANT', visibility: 'BUSINESS_AND_PARTICIPANT' };
    const response = await client.messages.sendMessage(conversationId, loose({ ...defaults, ...message }), sendOptions);
    if (!response.message?.content) throw new Error(`sendMessage answered ${JSON.stringify(response)}`);
    return { message: response.message as Sent & { content: NonNullable<Sent['content']> } };
  };
  const raw = async (body: unknown) => {
    const response = await env.emulator.fetch(
      new Request('http://emulator.test/inbox/v2/messages', {
        method: 'POST',
        headers: { Authorization: token, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    return { status: response.status, body: (await response.json()) as { message: Record<string, unknown> } };
  };
  const stored = async () => (await env.control.conversations()).flatMap((c) => c.messages);
  const expectNothingStored = async () => {
    expect(await stored()).toEqual([]);
    expect(await env.control.events()).toEqual([]);
  };
  return { ...env, conversationId, send, raw, stored, expectNothingStored };
}

const text = (value: string) => ({ basic: { items: [{ text: value }] } });

describe('sendMessage content', () => {
  it('stores basic text, image and file items with image size defaults and media ids renamed', async () => {
    const { send } = await setup();
    const pic = { url: 'https://static.wixstatic.com/a.png', _id: 'media-1', filename: 'a.png' };
    const sized = { url: 'https://static.wixstatic.com/b.png', width: 640, height: 480 };
    const doc = { url: 'http://files.example.com/r.pdf', filename: 'r.pdf', mimeType: 'application/pdf' };
    // Built before sending: the SDK renames `_id` to `id` on the caller's own object (contract §1.6).
    const expectedPic = { ...pic, width: 0, height: 0 };
    const items = [{ text: 'Hello' }, { image: pic }, { image: sized }, { file: doc }];
    const { message } = await send({ content: { basic: { items } } });
    expect(message.content).toEqual({
      basic: {
        items: [{ text: 'Hello' }, { image: expectedPic }, { image: sized }, { file: doc }],
      },
      previewText: 'Hello',
      contentType: 'BASIC',
    });
  });

  it('stores a template with buttons and stamps the caller app id on postback buttons', async () => {
    const { send, appId } = await setup();
    const open = { label: 'Open', launchUrl: 'https://example.com/booking/1' };
    const cancel = { label: 'Cancel', postbackProperties: { interactionId: 'cancel_1' } };
    const card = { title: 'Booking', imageUrl: 'https://example.com/spa.jpg', textLines: ['Tue 10:00', 'Room 4'] };
    const { message } = await send({ content: { template: { ...card, buttons: [open, cancel] } } });
    expect(message.content).toEqual({
      template: {
        ...card,
        orientation: 'PORTRAIT',
        buttons: [open, { ...cancel, postbackProperties: { appId, interactionId: 'cancel_1' } }],
      },
      previewText: 'Booking',
      contentType: 'TEMPLATE',
    });
  });

  it('keeps a LANDSCAPE orientation and defaults textLines and buttons to empty lists', async () => {
    const { send } = await setup();
    const { message } = await send({ content: { template: { title: 'Wide', orientation: 'LANDSCAPE' } } });
    expect(message.content.template).toEqual({ title: 'Wide', orientation: 'LANDSCAPE', textLines: [], buttons: [] });
  });

  it('stores a minimal message with its icon and click-through urls', async () => {
    const { send } = await setup();
    const minimal = {
      text: 'Order #12 shipped',
      iconUrl: 'https://example.com/i.png',
      url: 'https://example.com/o/12',
    };
    const { message } = await send({ content: { minimal } });
    expect(message.content).toEqual({ minimal, previewText: 'Order #12 shipped', contentType: 'MINIMAL' });
  });

  it('stores a form with fields and image and file media', async () => {
    const { send } = await setup();
    const fields = [
      { name: 'Email', value: 'ann@example.com' },
      { name: 'Question', value: 'Open on Sunday?' },
    ];
    const details = { title: 'Contact us', description: 'From the contact page', fields };
    const media = [{ image: { url: 'https://example.com/p.png' } }, { file: { url: 'https://example.com/cv.pdf' } }];
    const { message } = await send({
      direction: 'PARTICIPANT_TO_BUSINESS',
      visibility: 'BUSINESS',
      content: { form: { ...details, media } },
    });
    expect(message.content).toEqual({
      form: { ...details, media: [{ image: { ...media[0]!.image, width: 0, height: 0 } }, media[1]] },
      previewText: 'Contact us',
      contentType: 'FORM',
    });
  });

  it('defaults form media to an empty list', async () => {
    const { send } = await setup();
    const { message } = await send({ content: { form: { fields: [{ name: 'a', value: 'b' }] } } });
    expect(message.content.form).toEqual({ fields: [{ name: 'a', value: 'b' }], media: [] });
  });

  it.each([
    ['the first basic text', text('First'), 'First'],
    ['"Image" for a leading image', { basic: { items: [{ image: { url: 'https://e.com/a.png' } }] } }, 'Image'],
    ['"File" for a leading file', { basic: { items: [{ file: { url: 'https://e.com/a.pdf' } }] } }, 'File'],
    ['the template title', { template: { title: 'T', textLines: ['L'] } }, 'T'],
    ['the first template text line', { template: { textLines: ['L1', 'L2'] } }, 'L1'],
    ['"Message" for a bare template', { template: {} }, 'Message'],
    ['the minimal text', { minimal: { text: 'M' } }, 'M'],
    ['the form title', { form: { title: 'F', fields: [{ name: 'a', value: 'b' }] } }, 'F'],
    ['"Form submission" for an untitled form', { form: { fields: [{ name: 'a', value: 'b' }] } }, 'Form submission'],
    ['the first 256 characters of a long text', text('x'.repeat(300)), 'x'.repeat(256)],
    ['the caller previewText when given', { previewText: 'Custom', ...text('Body') }, 'Custom'],
  ])('sets previewText to %s', async (_name, content, expected) => {
    const { send } = await setup();
    const { message } = await send({ content: content as Message['content'] });
    expect(message.content.previewText).toBe(expected);
  });

  it('derives previewText without splitting a surrogate pair at the 256 limit', async () => {
    const { send } = await setup();
    const { message } = await send({ content: text(`a${'😀'.repeat(200)}`) });
    expect(message.content.previewText).toBe(`a${'😀'.repeat(127)}`);
  });
});

describe('sendMessage server-set fields', () => {
  it('sets id equal to a 16-digit sequence, strictly increasing even when the clock stands still', async () => {
    const { send } = await setup({ clock: { now: () => FROZEN_MS } });
    const sent = [];
    for (let i = 0; i < 4; i++) sent.push((await send({ content: text(`m${i}`) })).message);
    const sequences = sent.map((m) => m.sequence!);
    expect(sent.map((m) => m._id)).toEqual(sequences);
    for (const s of sequences) expect(s).toMatch(/^\d{16}$/);
    expect(sequences).toEqual(['1700065136558000', '1700065136558001', '1700065136558002', '1700065136558003']);
    for (const m of sent) expect(m._createdDate).toEqual(new Date(FROZEN_MS));
  });

  it('fills in the documented defaults, the caller app id and a _createdDate Date from the sequence', async () => {
    const { send, appId } = await setup();
    const { message } = await send({ content: text('hi') });
    expect(message).toMatchObject({
      sender: { appId },
      appId,
      badges: [],
      targetChannels: [],
      targetChannelIds: [],
      sourceChannel: 'UNKNOWN_CHANNEL_TYPE',
      visibility: 'BUSINESS_AND_PARTICIPANT',
      direction: 'BUSINESS_TO_PARTICIPANT',
      silent: false,
    });
    expect(message._createdDate).toBeInstanceOf(Date);
    expect(message._createdDate!.getTime()).toBe(Math.floor(Number(message.sequence) / 1000));
  });

  it('defaults badge visibility and keeps badge icons, channels and the silent option', async () => {
    const { send } = await setup();
    const { message } = await send(
      {
        content: text('hi'),
        badges: [{ text: 'VIP', iconUrl: 'https://example.com/vip.png' }],
        targetChannels: ['EMAIL'],
        sourceChannel: 'CHAT',
      },
      { silent: true },
    );
    expect(message).toMatchObject({
      badges: [{ text: 'VIP', iconUrl: 'https://example.com/vip.png', badgeVisibility: 'BUSINESS_AND_PARTICIPANT' }],
      targetChannels: ['EMAIL'],
      sourceChannel: 'CHAT',
      silent: true,
    });
  });

  it('sets sender to the Wix user id and stamps the site app id for a Wix user', async () => {
    const { send, wixUser, wixUserId } = await setup();
    const buttons = [{ label: 'Yes', postbackProperties: { interactionId: 'yes' } }];
    const { message } = await send({ content: { template: { buttons } } }, undefined, wixUser);
    expect(message.sender).toEqual({ wixUserId });
    expect(message.appId).toBe(SITE_APP_ID);
    expect(message.content.template?.buttons?.[0]?.postbackProperties).toEqual({
      appId: SITE_APP_ID,
      interactionId: 'yes',
    });
  });

  it('sets sender to the participant ids of a member or visitor conversation for sendAs PARTICIPANT', async () => {
    const { send, app, member, visitorId } = await setup();
    const fromMember = await send({ content: text('hi') }, { sendAs: 'PARTICIPANT' });
    expect(fromMember.message.sender).toEqual({ memberId: member.id, contactId: member.contactId });
    const { conversation } = await app.conversations.getOrCreateConversation({ anonymousVisitorId: visitorId });
    const message = { content: text('hi'), direction: 'PARTICIPANT_TO_BUSINESS', visibility: 'BUSINESS' } as const;
    const fromVisitor = await app.messages.sendMessage(conversation!._id!, message, { sendAs: 'PARTICIPANT' });
    expect(fromVisitor.message?.sender).toEqual({ anonymousVisitorId: visitorId });
  });

  it('ignores the read-only _id, sequence, sender, appId and _createdDate the caller passes', async () => {
    const { send, appId, stored } = await setup({ clock: { now: () => FROZEN_MS } });
    const { message } = await send({
      content: text('hi'),
      _id: '42',
      sequence: '42',
      sender: { wixUserId: '99999999-9999-4999-8999-999999999999' },
      appId: '99999999-9999-4999-8999-999999999999',
      _createdDate: new Date('2000-01-01T00:00:00Z'),
    });
    expect(message).toMatchObject({ _id: '1700065136558000', sequence: '1700065136558000', sender: { appId }, appId });
    expect(message._createdDate).toEqual(new Date(FROZEN_MS));
    expect((await stored()).map((m) => m.id)).toEqual(['1700065136558000']);
  });

  it('stores the message it returns, in REST shape', async () => {
    const { send, stored } = await setup();
    const { message } = await send({ content: text('hi') });
    const { _id, _createdDate, ...rest } = message;
    expect(await stored()).toEqual([{ ...rest, id: _id, createdDate: _createdDate!.toISOString() }]);
  });
});

describe('sendMessage raw JSON', () => {
  it('accepts snake_case keys at every level', async () => {
    const { raw, conversationId, member } = await setup();
    const { status, body } = await raw({
      conversation_id: conversationId,
      send_as: 'PARTICIPANT',
      message: {
        content: { preview_text: 'Snake', basic: { items: [{ text: 'hi' }] } },
        badges: [{ text: 'New', badge_visibility: 'BUSINESS', icon_url: 'https://example.com/n.png' }],
        target_channels: ['CHAT'],
        source_channel: 'CHAT',
        visibility: 'BUSINESS_AND_PARTICIPANT',
        direction: 'PARTICIPANT_TO_BUSINESS',
      },
    });
    expect(status).toBe(200);
    expect(body.message).toMatchObject({
      content: { previewText: 'Snake', contentType: 'BASIC' },
      badges: [{ text: 'New', badgeVisibility: 'BUSINESS', iconUrl: 'https://example.com/n.png' }],
      targetChannels: ['CHAT'],
      sourceChannel: 'CHAT',
      sender: { memberId: member.id },
      createdDate: expect.stringMatching(/^\d{4}-.*Z$/),
    });
  });

  it('prefers the lowerCamel key when both spellings are sent', async () => {
    const { raw, conversationId } = await setup();
    const content = { previewText: 'camel', preview_text: 'snake', minimal: { text: 'x' } };
    const message = { content, visibility: 'BUSINESS', direction: 'BUSINESS_TO_PARTICIPANT' };
    const { status, body } = await raw({ conversationId, message });
    expect(status).toBe(200);
    expect(body.message).toMatchObject({ content: { previewText: 'camel' } });
  });
});

describe('sendMessage errors', () => {
  // SendMessage's typed errors have no code for an unknown conversation: a standard 404 NOT_FOUND.
  it('answers a standard 404 NOT_FOUND for an unknown conversation and stores nothing', async () => {
    const { app, expectNothingStored } = await setup();
    const message = loose({ content: text('hi'), visibility: 'BUSINESS', direction: 'BUSINESS_TO_PARTICIPANT' });
    await expectWixError(app.messages.sendMessage(UNKNOWN_CONVERSATION, message), 404, {
      code: 'NOT_FOUND',
    });
    await expectNothingStored();
  });

  it.each([
    ['an ftp basic image', { basic: { items: [{ image: { url: 'ftp://example.com/a.png' } }] } }],
    ['a relative basic file', { basic: { items: [{ text: 'a' }, { file: { url: '/files/a.pdf' } }] } }],
    [
      'a javascript form image',
      { form: { fields: [{ name: 'a', value: 'b' }], media: [{ image: { url: 'javascript:x' } }] } },
    ],
    ['an empty form file url', { form: { fields: [{ name: 'a', value: 'b' }], media: [{ file: { url: '' } }] } }],
  ])('rejects %s with INVALID_MEDIA_URL and stores nothing', async (_name, content) => {
    const { send, expectNothingStored } = await setup();
    await expectWixError(send({ content: content as Message['content'] }), 400, { code: 'INVALID_MEDIA_URL' });
    await expectNothingStored();
  });

  it('stores each of several sends that arrive together, and nothing of the one that fails', async () => {
    // Sends queued in one turn share a commit (store/group-commit.ts); a failing one is undone alone.
    const { app, send, stored, control } = await setup();
    const message = loose({ content: text('lost'), visibility: 'BUSINESS', direction: 'BUSINESS_TO_PARTICIPANT' });
    const [first, failed, last] = await Promise.allSettled([
      send({ content: text('first') }),
      app.messages.sendMessage(UNKNOWN_CONVERSATION, message),
      send({ content: text('last') }),
    ]);
    expect([first.status, failed.status, last.status]).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await expectWixError(Promise.reject((failed as PromiseRejectedResult).reason), 404, { code: 'NOT_FOUND' });
    expect(await stored()).toMatchObject([{ content: text('first') }, { content: text('last') }]);
    const events = await control.events();
    expect(events.map((e) => e.payload.data.message.content.basic.items[0].text)).toEqual(['first', 'last']);
  });

  it('rejects a member calling without elevation with 403 and stores nothing', async () => {
    const { send, asMember, expectNothingStored } = await setup();
    await expectWixError(send({ content: text('hi') }, undefined, asMember), 403, { code: 'PERMISSION_DENIED' });
    await expectNothingStored();
  });
});

describe('sendMessage events', () => {
  it.each([
    ['PARTICIPANT_TO_BUSINESS', 'wixCrmInbox_onMessageSentToBusiness'],
    ['BUSINESS_TO_PARTICIPANT', 'wixCrmInbox_onMessageSentToParticipant'],
  ] as const)('emits one event for a %s message: %s, with media ids renamed to _id', async (direction, name) => {
    const { send, control, conversationId } = await setup();
    const items = [{ text: 'hi' }, { image: { url: 'https://e.com/a.png', _id: 'media-7' } }];
    const { message } = await send({ content: { basic: { items } }, direction });
    expect(message.content.basic?.items?.[1]?.image?._id).toBe('media-7');
    const events = await control.events();
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.name).toBe(name);
    const { _createdDate, ...rest } = message;
    expect(event!.payload).toEqual({
      data: { conversationId, message: { ...rest, _createdDate: _createdDate!.toISOString() } },
      metadata: {
        id: event!.id,
        entityId: message._id,
        eventTime: expect.stringMatching(MICRO_ISO),
        triggeredByAnonymizeRequest: false,
      },
    });
  });

  it('gives each event a unique id that stays the same on every read', async () => {
    const { send, control } = await setup();
    for (let i = 0; i < 3; i++) await send({ content: text(`m${i}`) });
    const first = await control.events();
    const ids = first.map((e) => e.id);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await control.events()).map((e) => e.id)).toEqual(ids);
    expect(first.map((e) => e.payload.metadata.id)).toEqual(ids);
  });

  it('stamps eventTime after the message sequence even when the clock stands still', async () => {
    const { send, control } = await setup({ clock: { now: () => FROZEN_MS } });
    for (let i = 0; i < 3; i++) await send({ content: text(`m${i}`) });
    const events = await control.events();
    expect(events.map((e) => e.payload.metadata.eventTime)).toEqual([
      '2023-11-15T16:18:56.558001Z',
      '2023-11-15T16:18:56.558002Z',
      '2023-11-15T16:18:56.558003Z',
    ]);
  });
});
