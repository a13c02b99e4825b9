import { conversations, messages } from '@wix/inbox';
import { createClient } from '@wix/sdk';
import { expectWixError, sdkClient, setupEmulator } from '../support/emulator';

const ORIGIN = 'http://emulator.test';
const UNKNOWN_ID = '9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f';
/** Wix's REST filter on any contact email. The SDK's typed query builder lists only `primaryInfo.email`. */
const EMAIL_FILTER = 'info.emails.email' as 'primaryInfo.email';
const CHANNELS = '/_emulator/v1/chat/channels';
const VISITOR = '40096143-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
const SITE_OWNER_ID = '0e0e0e0e-0000-4000-8000-00000000000e';
const TEXT = { basic: { items: [{ text: 'Hello from the shop' }] } };
const OUTGOING = { direction: 'BUSINESS_TO_PARTICIPANT', visibility: 'BUSINESS_AND_PARTICIPANT' } as const;

async function setup() {
  const f = await setupEmulator();
  const appToken = (await f.control.token('APP')).token;
  const visitorToken = (await f.control.token('ANONYMOUS_VISITOR')).token;
  const { conversation } = await f.app.conversations.getOrCreateConversation({ memberId: f.member.id });
  const conversationId = conversation?._id;
  if (!conversationId) throw new Error('getOrCreateConversation returned no conversation');

  /** Raw HTTP: any method, path, body (object, string or stream) and token. */
  async function raw(method: string, path: string, init: { token?: string; body?: unknown } = {}) {
    const { body, token } = init;
    const payload =
      body === undefined || typeof body === 'string' || body instanceof ReadableStream ? body : JSON.stringify(body);
    const request = new Request(ORIGIN + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) },
      body: payload as BodyInit | undefined,
      duplex: 'half',
    } as RequestInit);
    const response = await f.emulator.fetch(request);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  /** The SDK as it calls a non-Wix host: `https://emulator.local/crm/inbox/v2/...`. */
  const onCustomHost = createClient({
    host: { apiBaseUrl: 'emulator.local' },
    auth: { getAuthHeaders: async () => ({ headers: { Authorization: appToken } }) },
    modules: { messages, conversations },
    fetch: (url, init) => f.emulator.fetch(new Request(url, init)),
  });

  const openChannel = async (visitor: { memberId?: string; anonymousVisitorId?: string }) =>
    (await raw('POST', CHANNELS, { body: visitor })).body.channel as { id: string };
  const chat = (channelId: string, body: unknown, token = appToken) =>
    raw('POST', `/chat/v1/channels/${channelId}/messages`, { token, body });

  return { ...f, appToken, visitorToken, conversationId, raw, onCustomHost, openChannel, chat };
}

describe('control API', () => {
  it('answers health', async () => {
    const { raw } = await setup();

    expect(await raw('GET', '/_emulator/v1/health')).toEqual({ status: 200, body: { ok: true } });
  });

  it('empties everything on reset', async () => {
    const f = await setup();
    await f.app.messages.sendMessage(f.conversationId, { content: TEXT, ...OUTGOING });
    await f.chat((await f.openChannel({ anonymousVisitorId: f.visitorId })).id, { messageText: 'hi' });
    await f.control.fault('POST', '/inbox/v2/conversations', 503);

    expect(await f.raw('POST', '/_emulator/v1/reset')).toEqual({ status: 200, body: {} });

    expect(await f.control.conversations()).toEqual([]);
    expect(await f.control.events()).toEqual([]);
    expect(await f.control.requests()).toEqual([]);
    await expectWixError(f.app.conversations.getOrCreateConversation({ anonymousVisitorId: UNKNOWN_ID }), 401, {
      code: 'UNAUTHENTICATED',
    });
    const fresh = sdkClient(f.emulator.fetch, (await f.control.token('APP')).token);
    await expectWixError(fresh.members.getMember(f.member.id), 404, { code: 'NOT_FOUND' });
    expect((await fresh.contacts.queryContacts().eq(EMAIL_FILTER, 'ann@example.com').find()).items).toEqual([]);
    // The pending fault is gone too, and the member's email is free again.
    expect(
      (await fresh.conversations.getOrCreateConversation({ anonymousVisitorId: UNKNOWN_ID })).newConversation,
    ).toBe(true);
    expect((await f.raw('POST', '/_emulator/v1/members', { body: { email: 'ann@example.com' } })).status).toBe(200);
  });

  it('lists conversations with their messages in REST shape, oldest first', async () => {
    const { app, control, conversationId, member } = await setup();
    await app.messages.sendMessage(conversationId, { content: TEXT, ...OUTGOING });
    await app.messages.sendMessage(conversationId, {
      content: { basic: { items: [{ text: 'Thanks!' }] } },
      direction: 'PARTICIPANT_TO_BUSINESS',
      visibility: 'BUSINESS_AND_PARTICIPANT',
    });

    const [stored] = await control.conversations();

    expect(stored).toMatchObject({ id: conversationId, participant: { memberId: member.id } });
    expect(stored!.messages.map((m) => m.direction)).toEqual(['BUSINESS_TO_PARTICIPANT', 'PARTICIPANT_TO_BUSINESS']);
    for (const message of stored!.messages) {
      expect(message).toEqual(expect.objectContaining({ id: expect.any(String), createdDate: expect.any(String) }));
      expect(message).not.toHaveProperty('_id');
      expect(message).not.toHaveProperty('_createdDate');
    }
  });

  it('logs API requests in order, with identity and status, and leaves control calls out', async () => {
    const { app, anonymous, appId, control, conversationId } = await setup();
    const setupRequests = (await control.requests()).length;

    await app.conversations.getConversation(conversationId);
    await expectWixError(anonymous.conversations.getConversation(conversationId), 401);
    await expectWixError(app.conversations.getConversation(UNKNOWN_ID), 404);

    const entry = (id: string, status: number, identity: object | null) => ({
      method: 'GET',
      path: `/inbox/v2/conversations/${id}`,
      status,
      identity,
      operation: 'inbox.getConversation',
    });
    expect((await control.requests()).slice(setupRequests)).toEqual([
      entry(conversationId, 200, { type: 'APP', id: appId }),
      entry(conversationId, 401, null),
      entry(UNKNOWN_ID, 404, { type: 'APP', id: appId }),
    ]);
  });

  it('lists events in order and after a given sequence number', async () => {
    const { app, control, conversationId } = await setup();
    await app.messages.sendMessage(conversationId, { content: TEXT, ...OUTGOING });
    await app.messages.sendMessage(conversationId, { content: TEXT, ...OUTGOING });

    const all = (await control.call<{ events: { seq: number; name: string }[] }>('GET', '/_emulator/v1/events')).body;
    const later = (await control.call<typeof all>('GET', `/_emulator/v1/events?after=${all.events[0]!.seq}`)).body;

    expect(all.events.map((e) => e.name)).toEqual(Array(2).fill('wixCrmInbox_onMessageSentToParticipant'));
    expect(later.events).toEqual([all.events[1]]);
  });
});

describe('faults', () => {
  it('fails the next `count` matching requests with a Wix error body, then recovers', async () => {
    const { control, raw, appToken } = await setup();
    expect((await control.fault('POST', '/inbox/v2/conversations', 503, 2)).status).toBe(200);
    const call = () =>
      raw('POST', '/inbox/v2/conversations', {
        token: appToken,
        body: { participantId: { anonymousVisitorId: UNKNOWN_ID } },
      });

    const [first, second, third] = [await call(), await call(), await call()];

    expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
    expect(first.body).toEqual({
      message: expect.stringContaining('Injected fault'),
      details: { applicationError: { code: 'UNAVAILABLE', description: expect.any(String), data: {} } },
    });
    expect(third.body.newConversation).toBe(true);
  });

  it.each([
    [429, 'RESOURCE_EXHAUSTED'],
    [500, 'INTERNAL'],
    [404, 'NOT_FOUND'],
  ])('surfaces an injected %i through the SDK with code %s', async (status, code) => {
    const { app, control, conversationId } = await setup();
    await control.fault('GET', `/inbox/v2/conversations/${conversationId}`, status);

    await expectWixError(app.conversations.getConversation(conversationId), status, { code });

    expect(await app.conversations.getConversation(conversationId)).toMatchObject({ _id: conversationId });
  });

  it('matches the method exactly and a path prefix ending in *', async () => {
    const { app, control, conversationId } = await setup();
    await control.fault('GET', '/inbox/v2/conversations', 502);
    await control.fault('GET', '/inbox/v2/conversations/*', 502);

    const created = await app.conversations.getOrCreateConversation({ anonymousVisitorId: UNKNOWN_ID });
    await expectWixError(app.conversations.getConversation(conversationId), 502, { code: 'BAD_GATEWAY' });

    expect(created.newConversation).toBe(true);
    expect((await app.conversations.getConversation(conversationId))._id).toBe(conversationId);
  });

  it.each(['/inbox/v2/messages', '/crm/inbox/v2/messages'])(
    'fails the SDK send to /crm/inbox/v2/messages after a fault on %s, storing no message',
    async (faultPath) => {
      const { control, conversationId, onCustomHost } = await setup();
      await control.fault('POST', faultPath, 503);

      await expectWixError(onCustomHost.messages.sendMessage(conversationId, { content: TEXT, ...OUTGOING }), 503, {
        code: 'UNAVAILABLE',
      });

      expect((await control.requests()).at(-1)).toMatchObject({
        method: 'POST',
        path: '/crm/inbox/v2/messages',
        status: 503,
      });
      expect((await control.conversations())[0]!.messages).toEqual([]);
      expect(await control.events()).toEqual([]);
      await onCustomHost.messages.sendMessage(conversationId, { content: TEXT, ...OUTGOING });
      expect((await control.conversations())[0]!.messages).toHaveLength(1);
    },
  );

  it('does not apply to the control API', async () => {
    const { control, raw } = await setup();
    await control.fault('GET', '/_emulator/v1/health', 500);

    expect((await raw('GET', '/_emulator/v1/health')).status).toBe(200);
  });

  it.each([
    [{ method: 'POST', path: '/inbox/v2/messages', status: 200 }, 'status'],
    [{ method: 'POST', path: 'inbox/v2/messages', status: 500 }, 'path'],
    [{ method: 'TRACE', path: '/inbox/v2/messages', status: 500 }, 'method'],
    [{ method: 'POST', path: '/inbox/v2/messages', status: 500, count: 0 }, 'count'],
  ])('rejects fault %j on %s', async (body, field) => {
    const { raw } = await setup();

    const response = await raw('POST', '/_emulator/v1/faults', { body });

    expect([response.status, response.body.details.validationError.fieldViolations[0].field]).toEqual([400, field]);
  });
});

describe('wire errors', () => {
  const big = JSON.stringify({ participantId: { anonymousVisitorId: UNKNOWN_ID }, pad: 'x'.repeat(1024 * 1024) });
  const nested = '{"a":'.repeat(100) + '1' + '}'.repeat(100);

  it.each([
    ['malformed JSON', 'POST', '/inbox/v2/conversations', '{"participantId":', 400, 'MALFORMED_JSON'],
    ['malformed JSON to the control API', 'POST', '/_emulator/v1/members', '{email', 400, 'MALFORMED_JSON'],
    ['JSON nested too deep', 'POST', '/inbox/v2/conversations', nested, 400, 'NESTING_TOO_DEEP'],
    ['a body over 1 MiB', 'POST', '/inbox/v2/conversations', big, 413, 'PAYLOAD_TOO_LARGE'],
    ['a body over 1 MiB to the control API', 'POST', '/_emulator/v1/members', big, 413, 'PAYLOAD_TOO_LARGE'],
    ['an unknown route', 'GET', '/inbox/v2/unknown', undefined, 404, 'NOT_FOUND'],
    ['an unknown API version', 'POST', '/inbox/v3/messages', '{}', 404, 'NOT_FOUND'],
    ['an unknown method', 'DELETE', `/inbox/v2/conversations/${UNKNOWN_ID}`, undefined, 404, 'NOT_FOUND'],
    ['an unknown control route', 'GET', '/_emulator/v1/nope', undefined, 404, 'NOT_FOUND'],
    ['`.r` that is not base64 JSON', 'GET', '/inbox/v2/messages?.r=bm90IGpzb24', undefined, 400, 'MALFORMED_QUERY'],
    ['`.r` that encodes an array', 'GET', '/inbox/v2/messages?.r=WzFd', undefined, 400, 'MALFORMED_QUERY'],
  ])('answers %s with a Wix error body, not a 500', async (_case, method, path, body, status, code) => {
    const { appToken, raw } = await setup();

    const response = await raw(method, path, { token: appToken, body });

    expect(response.status).toBe(status);
    expect(response.body).toEqual({
      message: expect.any(String),
      details: { applicationError: { code, description: expect.any(String), data: expect.any(Object) } },
    });
  });

  it('answers 413 for an over-large streamed body without a content length', async () => {
    const { appToken, raw } = await setup();
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });

    expect((await raw('POST', '/inbox/v2/conversations', { token: appToken, body: stream })).status).toBe(413);
  });

  it.each([['[]'], ['null'], ['"text"'], ['42'], ['{"participantId":"abc"}'], ['{"__proto__":{"memberId":"x"}}']])(
    'answers a JSON body %s that is not the request object with 400',
    async (body) => {
      const { appToken, raw } = await setup();

      const response = await raw('POST', '/inbox/v2/conversations', { token: appToken, body });

      expect(response.status).toBe(400);
      expect(response.body.details.validationError.fieldViolations.length).toBeGreaterThan(0);
    },
  );
});

describe('legacy chat', () => {
  it('stores a visitor message, lists it and emits wixChat_onMessage', async () => {
    const { chat, control, openChannel, raw, appToken, visitorId } = await setup();
    const channel = await openChannel({ anonymousVisitorId: visitorId });
    const text = 'Hey, I have a question about your products. '.repeat(7); // 315 characters

    const sent = await chat(channel.id, { messageText: text, sendAsVisitor: true, metadata: { source: 'widget' } });
    const listed = await raw('GET', `/chat/v1/channels/${channel.id}/messages`, { token: appToken });

    expect(sent.status).toBe(200);
    expect(listed.body.messages).toEqual([sent.body.message]);
    const events = (await control.events()).filter((e) => e.name === 'wixChat_onMessage');
    expect(events.map((e) => e.payload)).toEqual([
      {
        channelId: channel.id,
        type: 'TEXT',
        summary: text.slice(0, 250),
        participantId: visitorId,
        direction: 'VisitorToBusiness',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        payload: { text },
        metadata: { source: 'widget' },
      },
    ]);
  });

  it.each([
    ['a business message as the site owner', { sendAsVisitor: false }, 'owner', 'BusinessToVisitor'],
    ['a message without sendAsVisitor as the site owner', {}, 'owner', 'BusinessToVisitor'],
    ["a member visitor's message as the member", { sendAsVisitor: true }, 'member', 'VisitorToBusiness'],
  ])('reports %s', async (_case, flags, sender, direction) => {
    const { chat, control, member, openChannel } = await setup();
    const channel = await openChannel({ memberId: member.id });

    await chat(channel.id, { messageText: 'We can help!', ...flags });

    const participantId = sender === 'owner' ? SITE_OWNER_ID : member.id;
    const [event] = (await control.events()).filter((e) => e.name === 'wixChat_onMessage');
    expect(event!.payload).toMatchObject({ channelId: channel.id, participantId, direction, metadata: {} });
  });

  it('answers 404 CHANNEL_NOT_FOUND for an unknown channel and emits nothing', async () => {
    const { appToken, chat, control, raw } = await setup();

    const sent = await chat(UNKNOWN_ID, { messageText: 'Hi' });
    const listed = await raw('GET', `/chat/v1/channels/${UNKNOWN_ID}/messages`, { token: appToken });

    expect([sent.status, listed.status]).toEqual([404, 404]);
    expect(sent.body.details.applicationError.code).toBe('CHANNEL_NOT_FOUND');
    expect(await control.events()).toEqual([]);
  });

  it.each([
    ['a visitor token', 'visitor', 403, 'PERMISSION_DENIED'],
    ['no token', 'none', 401, 'UNAUTHENTICATED'],
  ])('refuses %s and stores nothing', async (_case, who, status, code) => {
    const { appToken, chat, control, openChannel, raw, visitorId, visitorToken } = await setup();
    const channel = await openChannel({ anonymousVisitorId: visitorId });

    const token = who === 'visitor' ? visitorToken : '';

    const sent = await chat(channel.id, { messageText: 'Hi', sendAsVisitor: true }, token);

    expect(sent.status).toBe(status);
    expect(sent.body.details.applicationError.code).toBe(code);
    const listed = await raw('GET', `/chat/v1/channels/${channel.id}/messages`, { token: appToken });
    expect(listed.body.messages).toEqual([]);
    expect(await control.events()).toEqual([]);
  });

  it.each([
    ['a channel for an unknown member', CHANNELS, { memberId: UNKNOWN_ID }, 404],
    ['a channel for nobody', CHANNELS, {}, 400],
    ['a channel for two visitors', CHANNELS, { memberId: UNKNOWN_ID, anonymousVisitorId: VISITOR }, 400],
    ['an empty message text', 'CHANNEL', { messageText: '' }, 400],
    ['a channel id that is not a GUID', '/chat/v1/channels/nope/messages', { messageText: 'Hi' }, 400],
  ])('refuses %s', async (_case, path, body, status) => {
    const { appToken, control, openChannel, raw, visitorId } = await setup();
    const channel = await openChannel({ anonymousVisitorId: visitorId });
    const target = path === 'CHANNEL' ? `/chat/v1/channels/${channel.id}/messages` : path;

    const response = await raw('POST', target, { token: appToken, body });

    expect(response.status).toBe(status);
    expect(response.body.details).toBeDefined();
    expect(await control.events()).toEqual([]);
  });
});
