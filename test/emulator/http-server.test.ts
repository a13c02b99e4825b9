import { randomUUID } from 'node:crypto';
import { startEmulatorServer, type RunningEmulator } from '../../local/emulator/server';
import { controlClient, expectWixError, overHttp, sdkClient } from '../support/emulator';

// The in-process suites drive `emulator.fetch` directly; this one goes through a real socket, as
// `npm run emulator` does, to check the Node adapter around that same function.

const running: RunningEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function setup() {
  const server = await startEmulatorServer({ port: 0 });
  running.push(server);
  const http = overHttp(server.url);
  const control = controlClient(http, server.url);
  const app = await control.token('APP');
  return { server, http, control, app: sdkClient(http, app.token) };
}

const greeting = {
  content: { basic: { items: [{ text: 'Hello over HTTP' }] } },
  direction: 'BUSINESS_TO_PARTICIPANT' as const,
  visibility: 'BUSINESS_AND_PARTICIPANT' as const,
};

it('answers health on a free loopback port', async () => {
  const { server } = await setup();
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const response = await fetch(`${server.url}/_emulator/v1/health`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  expect(await response.json()).toEqual({ ok: true });
});

it('names every answer with its own x-wix-request-id, errors included, in process and over HTTP', async () => {
  const { server } = await setup();
  const APP_ONLY = '/inbox/v2/messages';
  const overSocket = await Promise.all([
    fetch(`${server.url}/_emulator/v1/health`),
    fetch(`${server.url}${APP_ONLY}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    fetch(`${server.url}/no/such/api`),
  ]);
  const inProcess = await server.emulator.fetch(new Request(`http://emulator.test${APP_ONLY}`, { method: 'POST' }));

  const answers = [...overSocket, inProcess];
  expect(answers.map((answer) => answer.status)).toEqual([200, 401, 404, 401]);
  const ids = answers.map((answer) => answer.headers.get('x-wix-request-id'));
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(new Set(ids).size).toBe(ids.length);
});

it('creates a member and mints a token that the SDK uses to read the current member', async () => {
  const { http, control } = await setup();
  const member = await control.createMember('ann@example.com', 'Ann Lee');
  const { token, identity } = await control.token('MEMBER', member.id);
  expect(identity).toEqual({ type: 'MEMBER', id: member.id });

  const { member: current } = await sdkClient(http, token).members.getCurrentMember();
  expect(current?._id).toBe(member.id);
  expect(current?.contactId).toBe(member.contactId);
});

it('gets a conversation, sends a message and lists it through the SDK', async () => {
  const { app, control } = await setup();
  const anonymousVisitorId = randomUUID();

  const { conversation, newConversation } = await app.conversations.getOrCreateConversation({ anonymousVisitorId });
  expect(newConversation).toBe(true);
  expect(conversation?.participant).toEqual({ anonymousVisitorId });

  const { message } = await app.messages.sendMessage(conversation!._id!, greeting);
  expect(message?._id).toEqual(expect.any(String));
  expect(message?.content?.basic?.items?.[0]?.text).toBe('Hello over HTTP');

  const listed = await app.messages.listMessages(conversation!._id!, 'BUSINESS');
  expect(listed.messages?.map((m) => m._id)).toEqual([message?._id]);

  // The requests went through the server: its own log saw the three operations on Wix's paths.
  const log = await control.requests();
  expect(log.map((entry) => [entry.method, entry.path, entry.status, entry.operation])).toEqual([
    ['POST', '/inbox/v2/conversations', 200, 'inbox.getOrCreateConversation'],
    ['POST', '/inbox/v2/messages', 200, 'inbox.sendMessage'],
    ['GET', '/inbox/v2/messages', 200, 'inbox.listMessages'],
  ]);
});

it('delivers a 403 for a member token to the SDK with its status and details, and stores nothing', async () => {
  const { app, http, control } = await setup();
  const { conversation } = await app.conversations.getOrCreateConversation({ anonymousVisitorId: randomUUID() });
  const member = await control.createMember('ben@example.com');
  const asMember = sdkClient(http, (await control.token('MEMBER', member.id)).token);

  const error = await expectWixError(asMember.messages.sendMessage(conversation!._id!, greeting), 403, {
    code: 'PERMISSION_DENIED',
  });
  expect(error.details?.applicationError?.description).toMatch(/MEMBER may not call this method.*elevate/);

  const [stored] = await control.conversations();
  expect(stored?.messages).toEqual([]);
});

it('stops accepting connections once closed, and closing again is harmless', async () => {
  const { server } = await setup();
  const health = `${server.url}/_emulator/v1/health`;
  expect((await fetch(health)).status).toBe(200);

  await server.close();

  await expect(fetch(health)).rejects.toThrow();
  expect(server.emulator.context.db.open).toBe(false);
  await expect(server.close()).resolves.toBeUndefined();
});

it('rejects with a clear error when the port is taken, instead of crashing the process', async () => {
  const { server } = await setup();
  const port = Number(new URL(server.url).port);

  await expect(startEmulatorServer({ port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
  expect((await fetch(`${server.url}/_emulator/v1/health`)).status).toBe(200);
});
