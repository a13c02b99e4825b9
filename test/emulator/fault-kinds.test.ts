import { startEmulatorServer, type RunningEmulator } from '../../local/emulator/server';
import {
  controlClient,
  overHttp,
  sdkClient,
  setupEmulator,
  type FaultRule,
  type FetchHandler,
} from '../support/emulator';

// Fault kinds of POST /_emulator/v1/faults: `status` (the default), `timeout`, `drop` and `drop-after`,
// in process (`emulator.fetch`) and over a real socket. No assertion depends on how long anything took:
// long holds are ended with `releaseHeld()`, short ones only need to end.

const ORIGIN = 'http://emulator.test';
const VISITOR = '40096143-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
const TEXT = { basic: { items: [{ text: 'Hello' }] } };
const OUTGOING = { direction: 'BUSINESS_TO_PARTICIPANT', visibility: 'BUSINESS_AND_PARTICIPANT' } as const;

async function setup(handler?: FetchHandler) {
  const f = await setupEmulator();
  const fetchIt = handler ?? f.emulator.fetch;
  const appToken = (await f.control.token('APP')).token;
  const { conversation } = await f.app.conversations.getOrCreateConversation({ memberId: f.member.id });
  const conversationId = conversation!._id!;
  const fault = async (rule: FaultRule) => {
    expect((await f.control.injectFault(rule)).status).toBe(200);
  };
  /** POST /inbox/v2/conversations for a visitor: processed, it stores a conversation. */
  const createConversation = (init: RequestInit = {}) =>
    fetchIt(
      new Request(`${ORIGIN}/inbox/v2/conversations`, {
        method: 'POST',
        headers: { authorization: appToken, 'content-type': 'application/json' },
        body: JSON.stringify({ participantId: { anonymousVisitorId: VISITOR } }),
        ...init,
      }),
    );
  const visitorConversations = async () =>
    (await f.control.conversations()).filter((c) => c.participant.anonymousVisitorId === VISITOR);
  const lastRequest = async () => (await f.control.requests()).at(-1);
  return { ...f, appToken, conversationId, fault, createConversation, visitorConversations, lastRequest };
}

/** The error `action` failed with; fails the test if it succeeded (a success must not pass for a failure). */
async function rejectionOf(action: Promise<unknown>): Promise<{ status?: number }> {
  return action.then(
    (value) => {
      throw new Error(`expected the call to fail, but it answered ${JSON.stringify(value)}`);
    },
    (error: unknown) => error as { status?: number },
  );
}

/** Resolves once the request log has `n` entries (a held request is logged when it arrives). */
async function logged(control: ReturnType<typeof controlClient>, n: number) {
  while ((await control.requests()).length < n) await new Promise((resolve) => setImmediate(resolve));
}

describe('kind status (the default)', () => {
  it.each([{}, { kind: 'status' }])('answers with the status at once and marks the log entry (%j)', async (extra) => {
    const f = await setup();
    await f.fault({ method: 'POST', path: '/inbox/v2/conversations', status: 502, ...extra });

    const response = await f.createConversation();

    expect(response.status).toBe(502);
    expect(((await response.json()) as { details: unknown }).details).toEqual({
      applicationError: { code: 'BAD_GATEWAY', description: expect.stringContaining('Injected fault'), data: {} },
    });
    expect(await f.lastRequest()).toMatchObject({ status: 502, fault: 'status', operation: null });
    expect(await f.visitorConversations()).toEqual([]);
  });

  it('leaves `fault` out of the log entries of ordinary requests', async () => {
    const f = await setup();
    await f.createConversation();
    expect(await f.lastRequest()).not.toHaveProperty('fault');
  });
});

describe('kind timeout', () => {
  it('holds the request, then answers 504 without processing it', async () => {
    const f = await setup();
    await f.fault({ method: 'POST', path: '/inbox/v2/conversations', kind: 'timeout', delayMs: 120_000 });
    const before = (await f.control.requests()).length;
    let answered = false;

    const pending = f.createConversation().then((response) => {
      answered = true;
      return response;
    });
    await logged(f.control, before + 1);

    // Logged on arrival, with the status it will answer, while it is still held.
    expect(await f.lastRequest()).toMatchObject({ method: 'POST', status: 504, fault: 'timeout' });
    expect(answered).toBe(false);
    f.emulator.releaseHeld();
    const response = await pending;
    expect(response.status).toBe(504);
    expect(((await response.json()) as { details: { applicationError: { code: string } } }).details).toMatchObject({
      applicationError: { code: 'GATEWAY_TIMEOUT' },
    });
    expect(await f.visitorConversations()).toEqual([]);
  });

  it('answers with the given status after a short delay, and only `count` times', async () => {
    const f = await setup();
    await f.fault({ method: 'POST', path: '/inbox/v2/conversations', kind: 'timeout', status: 503, delayMs: 5 });

    expect((await f.createConversation()).status).toBe(503);
    expect((await f.createConversation()).status).toBe(200);
    expect(await f.visitorConversations()).toHaveLength(1);
  });

  it('fails an SDK call with the timeout status', async () => {
    const f = await setup();
    await f.fault({ method: 'GET', path: '/inbox/v2/messages', kind: 'timeout', delayMs: 1 });

    await expect(f.app.messages.listMessages(f.conversationId, 'BUSINESS')).rejects.toMatchObject({ status: 504 });
  });

  it('stops holding when the client aborts the request', async () => {
    const f = await setup();
    await f.fault({ method: 'POST', path: '/inbox/v2/conversations', kind: 'timeout', delayMs: 120_000 });
    const abort = new AbortController();

    const pending = f.createConversation({ signal: abort.signal });
    abort.abort();

    expect((await pending).status).toBe(504);
  });

  it('lets held requests answer on reset', async () => {
    const f = await setup();
    await f.fault({ method: 'POST', path: '/inbox/v2/conversations', kind: 'timeout', delayMs: 120_000 });
    const before = (await f.control.requests()).length;
    const pending = f.createConversation();
    await logged(f.control, before + 1);

    await f.control.call('POST', '/_emulator/v1/reset');

    expect((await pending).status).toBe(504);
  });
});

describe('kind drop', () => {
  it('rejects like a network failure, without processing the request', async () => {
    const f = await setup();
    await f.fault({ method: 'POST', path: '/inbox/v2/conversations', kind: 'drop' });

    const failure = await f.createConversation().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TypeError);
    expect(failure).toMatchObject({ message: 'fetch failed', cause: { name: 'ConnectionDropped' } });
    expect(await f.lastRequest()).toMatchObject({ method: 'POST', status: 0, fault: 'drop' });
    expect(await f.visitorConversations()).toEqual([]);
    expect((await f.createConversation()).status).toBe(200);
  });

  it('fails an SDK call with an error that has no status, and stores nothing', async () => {
    const f = await setup();
    await f.fault({ method: 'POST', path: '/inbox/v2/messages', kind: 'drop' });

    const failure = await rejectionOf(f.app.messages.sendMessage(f.conversationId, { content: TEXT, ...OUTGOING }));

    expect(failure).toHaveProperty('message', expect.any(String));
    expect(failure.status).toBeUndefined();
    expect((await f.control.conversations())[0]!.messages).toEqual([]);
    expect(await f.control.events()).toEqual([]);
  });
});

describe('kind drop-after', () => {
  it('processes the request, then drops the answer', async () => {
    const f = await setup();
    await f.fault({ method: 'POST', path: '/inbox/v2/messages', kind: 'drop-after' });

    const failure = await rejectionOf(f.app.messages.sendMessage(f.conversationId, { content: TEXT, ...OUTGOING }));

    expect(failure).toHaveProperty('message', expect.any(String));
    expect(failure.status).toBeUndefined();
    // Stored, with its event, and logged with the status the client never saw.
    expect((await f.control.conversations())[0]!.messages).toHaveLength(1);
    expect((await f.control.events()).map((e) => e.name)).toEqual(['wixCrmInbox_onMessageSentToParticipant']);
    expect(await f.lastRequest()).toMatchObject({ status: 200, fault: 'drop-after', operation: 'inbox.sendMessage' });
  });

  it('drops an error answer too', async () => {
    const f = await setup();
    await f.fault({ method: 'GET', path: '/inbox/v2/conversations/*', kind: 'drop-after' });

    await expect(
      f.emulator.fetch(new Request(`${ORIGIN}/inbox/v2/conversations/${VISITOR}`, { headers: { authorization: '' } })),
    ).rejects.toThrow(TypeError);
    expect(await f.lastRequest()).toMatchObject({ status: 401, fault: 'drop-after' });
  });
});

describe('validation', () => {
  const base = { method: 'POST', path: '/inbox/v2/messages' };
  it.each([
    [{ ...base }, 'status', 'REQUIRED_FIELD'],
    [{ ...base, kind: 'status' }, 'status', 'REQUIRED_FIELD'],
    [{ ...base, kind: 'slow' }, 'kind', 'INVALID_ENUM_VALUE'],
    [{ ...base, kind: 'drop', status: 503 }, 'status', 'FIELD_NOT_ALLOWED'],
    [{ ...base, kind: 'drop-after', status: 503 }, 'status', 'FIELD_NOT_ALLOWED'],
    [{ ...base, status: 503, delayMs: 10 }, 'delayMs', 'FIELD_NOT_ALLOWED'],
    [{ ...base, kind: 'drop', delayMs: 10 }, 'delayMs', 'FIELD_NOT_ALLOWED'],
    [{ ...base, kind: 'timeout', delayMs: 120_001 }, 'delayMs', 'MAX'],
    [{ ...base, kind: 'timeout', delayMs: -1 }, 'delayMs', 'MIN'],
    [{ ...base, kind: 'timeout', delayMs: 1.5 }, 'delayMs', 'VALIDATION'],
    [{ ...base, kind: 'timeout', status: 200 }, 'status', 'MIN'],
  ])('rejects %j on %s (%s)', async (body, field, rule) => {
    const f = await setup();
    const response = await f.control.call<{ details: { validationError: { fieldViolations: unknown[] } } }>(
      'POST',
      '/_emulator/v1/faults',
      body,
    );
    expect(response.status).toBe(400);
    expect(response.body.details.validationError.fieldViolations).toEqual([
      { field, description: expect.any(String), violatedRule: rule },
    ]);
  });

  it.each([
    { kind: 'timeout' },
    { kind: 'timeout', status: 503, delayMs: 0 },
    { kind: 'timeout', delayMs: 120_000 },
    { kind: 'drop', count: 3 },
    { kind: 'drop-after' },
  ])('accepts %j', async (extra) => {
    const f = await setup();
    await f.fault({ method: 'POST', path: '/inbox/v2/messages', ...extra });
  });
});

describe('over HTTP', () => {
  const running: RunningEmulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });

  async function serve() {
    const server = await startEmulatorServer({ port: 0 });
    running.push(server);
    const control = controlClient((request) => fetch(request), server.url);
    const app = await control.token('APP');
    const member = await control.createMember('ann@example.com');
    const sdk = sdkClient(overHttp(server.url), app.token);
    const { conversation } = await sdk.conversations.getOrCreateConversation({ memberId: member.id });
    return { server, control, sdk, conversationId: conversation!._id! };
  }

  it('destroys the socket for a drop, and keeps serving', async () => {
    const { control, sdk, conversationId, server } = await serve();
    await control.injectFault({ method: 'POST', path: '/inbox/v2/messages', kind: 'drop' });

    const failure = await fetch(`${server.url}/inbox/v2/messages`, { method: 'POST', body: '{}' }).catch(
      (error: unknown) => error,
    );

    // Node's own fetch, from outside jest's sandbox: compare by name.
    expect(failure).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(await control.requests()).toContainEqual(expect.objectContaining({ status: 0, fault: 'drop' }));
    await sdk.messages.sendMessage(conversationId, { content: TEXT, ...OUTGOING });
    expect((await control.conversations())[0]!.messages).toHaveLength(1);
  });

  it('stores the message for a drop-after, though the client sees a network failure', async () => {
    const { control, sdk, conversationId } = await serve();
    await control.injectFault({
      method: 'POST',
      path: '/inbox/v2/messages',
      kind: 'drop-after',
    });

    const failure = await rejectionOf(sdk.messages.sendMessage(conversationId, { content: TEXT, ...OUTGOING }));

    expect(failure).toHaveProperty('message', expect.any(String));
    expect(failure.status).toBeUndefined();
    expect((await control.conversations())[0]!.messages).toHaveLength(1);
  });

  it('answers a timeout after its delay', async () => {
    const { control, server } = await serve();
    await control.injectFault({
      method: 'GET',
      path: '/_api/members/v1/members/my',
      kind: 'timeout',
      delayMs: 5,
    });

    const response = await fetch(`${server.url}/members/v1/members/my`);

    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({ details: { applicationError: { code: 'GATEWAY_TIMEOUT' } } });
  });

  it('closes promptly while a timeout fault holds a request', async () => {
    const { control, server } = await serve();
    await control.injectFault({
      method: 'GET',
      path: '/members/v1/members/my',
      kind: 'timeout',
    });
    const before = (await control.requests()).length;
    const pending = fetch(`${server.url}/members/v1/members/my`).then((r) => r.status);
    await logged(control, before + 1);

    await running.pop()!.close();

    expect(await pending).toBe(504);
  });
});
