// First: site modules import Velo-only modules such as wix-chat-backend.
import '../../local/velo/velo-modules';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlayground } from '../../local/playground/server';
import { controlClient } from '../support/emulator';
import { oneConnection, rawRequest, type RawRequest } from '../support/raw-http';

// `npm start` serves the admin's token, the control API and the web-method RPC on one origin. Any page
// the developer visits can send requests there; these tests send what that page's browser would.

type Playground = Awaited<ReturnType<typeof startPlayground>>;
let playground: Playground;
let dir: string;
let port: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'playground-guard-'));
  playground = await startPlayground({ dbPath: join(dir, 'site.sqlite'), port: 0 });
  port = Number(new URL(playground.url).port);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await playground.close();
  rmSync(dir, { recursive: true, force: true });
});

const send = (path: string, request: RawRequest = {}) => rawRequest(playground.url + path, request);
const control = () => controlClient((request) => fetch(request), playground.url);
const storedMessages = async () => (await control().conversations()).reduce((n, c) => n + c.messages.length, 0);
const FORM = [{ firstName: 'Cara', email: 'cara@example.com', message: 'Do you ship to Portugal?' }];
const JSON_TYPE = { 'content-type': 'application/json' };

it('does not give the session (with the admin token) to a DNS-rebinding page', async () => {
  const answer = await send('/_playground/session', { headers: { host: `rebind.attacker.example:${port}` } });

  expect(answer.status).toBe(421);
  expect(answer.text).not.toContain(playground.session.identities.admin.token);
  expect((await send('/_playground/session')).text).toContain(playground.session.identities.admin.token);
});

it('refuses a cross-site read of the session even under its own name', async () => {
  const answer = await send('/_playground/session', {
    headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
  });

  expect(answer.status).toBe(403);
});

it.each([
  ['reset', '/_emulator/v1/reset', '{}'],
  ['inject a fault', '/_emulator/v1/faults', '{"method":"POST","path":"/inbox/v2/messages","status":500}'],
  ['mint a member', '/_emulator/v1/members', '{"email":"eve@example.com"}'],
  ['replace a secret', '/_emulator/v1/secrets', '{"name":"webhook-secret","value":"attacker"}'],
  ['send a contact form', '/_webMethods/inbox.web/submitContactForm', JSON.stringify(FORM)],
])('refuses a cross-origin text/plain POST to %s, and changes nothing', async (_case, path, body) => {
  await playground.deliverEvents();
  const before = await control().conversations();

  const answer = await send(path, {
    method: 'POST',
    headers: { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
    body,
  });

  expect(answer.status).toBe(403);
  expect(await control().conversations()).toEqual(before);
  expect(await control().requests()).toEqual([]);
});

it('refuses a web-method body that is not said to be JSON, even without an Origin', async () => {
  const answer = await send('/_webMethods/inbox.web/submitContactForm', {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify(FORM),
  });

  expect(answer.status).toBe(415);
  expect(await storedMessages()).toBe(0);
});

it('runs a web method posted by its own page (own Origin, JSON)', async () => {
  const answer = await send('/_webMethods/inbox.web/submitContactForm', {
    method: 'POST',
    headers: { origin: playground.url, 'sec-fetch-site': 'same-origin', ...JSON_TYPE },
    body: JSON.stringify(FORM),
  });

  expect([answer.status, answer.json()]).toEqual([200, expect.objectContaining({ ok: true })]);
  expect(JSON.stringify(await control().conversations())).toContain('Do you ship to Portugal?');
});

describe('a 413 on a keep-alive connection', () => {
  it.each([
    ['the web-method RPC', '/_webMethods/inbox.web/submitContactForm', 'PAYLOAD_TOO_LARGE'],
    ['the emulator', '/_emulator/v1/members', 'PAYLOAD_TOO_LARGE'],
  ])('on %s answers 413 with Connection: close; the next request on the agent succeeds', async (_case, path, code) => {
    const agent = oneConnection();
    try {
      const big = JSON.stringify([{ ...FORM[0], message: 'x'.repeat(2 * 1024 * 1024) }]);
      const tooLarge = await send(path, { method: 'POST', headers: JSON_TYPE, body: big, agent });
      const next = await send('/_playground/session', { agent });

      expect([tooLarge.status, tooLarge.headers.connection]).toEqual([413, 'close']);
      expect(JSON.stringify(tooLarge.json())).toContain(code);
      expect(next.status).toBe(200);
      expect(await storedMessages()).toBe(0);
    } finally {
      agent.destroy();
    }
  });
});

describe('the RPC refuses with a 4xx, never a 500', () => {
  it.each([
    ['150,000 arguments', 150_000],
    ['17 arguments', 17],
  ])('refuses %s with 400 TOO_MANY_ARGUMENTS and runs nothing', async (_case, count) => {
    const args = [FORM[0], ...Array.from({ length: count - 1 }, () => 0)];

    const answer = await send('/_webMethods/inbox.web/submitContactForm', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify(args),
    });

    expect([answer.status, answer.json()]).toEqual([
      400,
      { code: 'TOO_MANY_ARGUMENTS', message: expect.stringContaining('at most 16') },
    ]);
    expect(await storedMessages()).toBe(0);
  });

  it.each([
    '/_webMethods/constructor/toString',
    '/_webMethods/__proto__/toString',
    '/_webMethods/hasOwnProperty/x',
    '/_webMethods/inbox.web/constructor',
    '/_webMethods/inbox.web/__proto__',
    '/_webMethods/inbox.web/toString',
  ])('answers POST %s with 404 NOT_FOUND', async (path) => {
    const answer = await send(path, { method: 'POST', headers: JSON_TYPE, body: '[]' });

    expect([answer.status, (answer.json() as { code?: string }).code]).toEqual([404, 'NOT_FOUND']);
  });
});

it.each([
  '/constructor',
  '/__proto__',
  '/toString',
  '/hasOwnProperty',
  '/valueOf',
  '/assets/pages/constructor.js',
  '/assets/pages/__proto__.js',
  '/assets/pages/toString.js',
])('answers GET %s with 404, not 500', async (path) => {
  expect((await send(path)).status).toBe(404);
});
