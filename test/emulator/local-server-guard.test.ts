import { startEmulatorServer, type RunningEmulator } from '../../local/emulator/server';
import { controlClient } from '../support/emulator';
import { oneConnection, rawRequest } from '../support/raw-http';

// `npm run emulator` listens on loopback, but every page the developer visits can send requests there.
// These tests send what such a page's browser sends (a foreign Host after DNS rebinding, a foreign Origin,
// Sec-Fetch-Site, a "simple" text/plain body) through a real socket, next to what curl and the SDK send.

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function setup() {
  const server = await startEmulatorServer({ port: 0 });
  running.push(server);
  const port = Number(new URL(server.url).port);
  const control = controlClient((request) => fetch(request), server.url);
  const member = await control.createMember('ann@example.com', 'Ann Lee');
  /** True while Ann is still there: a reset would have removed her. */
  const annExists = async () =>
    (await control.call('POST', '/_emulator/v1/tokens', { type: 'MEMBER', id: member.id })).status === 200;
  return { server, port, control, annExists };
}

const JSON_TYPE = { 'content-type': 'application/json' };

describe('Host', () => {
  it('answers each loopback name with its own port', async () => {
    const { server, port } = await setup();

    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const answer = await rawRequest(`${server.url}/_emulator/v1/health`, { headers: { host } });
      expect([host, answer.status]).toEqual([host, 200]);
    }
  });

  it.each([
    ['a DNS-rebinding name', (port: number) => `attacker.example:${port}`],
    ['a loopback name with another port', (port: number) => `127.0.0.1:${port + 1}`],
    ['a loopback name without the port', () => '127.0.0.1'],
    ['a name that starts like localhost', (port: number) => `localhost.attacker.example:${port}`],
  ])('refuses %s with 421 and says which names it answers to', async (_case, hostFor) => {
    const { server, port, annExists } = await setup();

    const read = await rawRequest(`${server.url}/_emulator/v1/conversations`, { headers: { host: hostFor(port) } });
    const reset = await rawRequest(`${server.url}/_emulator/v1/reset`, {
      method: 'POST',
      headers: { host: hostFor(port) },
    });

    expect([read.status, reset.status]).toEqual([421, 421]);
    expect(read.json()).toEqual({ message: expect.stringContaining(`127.0.0.1:${port}`) });
    expect(read.text).not.toContain('ann@example.com');
    expect(await annExists()).toBe(true);
  });
});

describe('Origin and Sec-Fetch-Site', () => {
  it('refuses a cross-origin text/plain POST to reset (a "simple" request any page can send) and resets nothing', async () => {
    const { server, annExists } = await setup();

    const answer = await rawRequest(`${server.url}/_emulator/v1/reset`, {
      method: 'POST',
      headers: { origin: 'https://attacker.example', 'content-type': 'text/plain;charset=UTF-8' },
      body: '{}',
    });

    expect(answer.status).toBe(403);
    expect(answer.json()).toEqual({ message: expect.stringContaining('https://attacker.example') });
    expect(await annExists()).toBe(true);
  });

  it.each([
    ['an emulated Wix API', '/inbox/v2/conversations'],
    ['a fault', '/_emulator/v1/faults'],
    ['a secret', '/_emulator/v1/secrets'],
    ['a member', '/_emulator/v1/members'],
  ])('refuses a JSON POST to %s from another origin, or from `null`', async (_case, path) => {
    const { server } = await setup();

    for (const origin of ['https://attacker.example', 'null', `http://localhost:1`]) {
      const answer = await rawRequest(server.url + path, {
        method: 'POST',
        headers: { origin, ...JSON_TYPE },
        body: '{"name":"webhook-secret","value":"attacker","email":"eve@example.com"}',
      });
      expect([origin, answer.status]).toEqual([origin, 403]);
    }
    expect(await controlClient((r) => fetch(r), server.url).requests()).toEqual([]);
  });

  it('refuses a cross-site request without an Origin, but lets a link from another site open a page', async () => {
    const { server } = await setup();

    const post = await rawRequest(`${server.url}/_emulator/v1/reset`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    const read = await rawRequest(`${server.url}/_emulator/v1/conversations`, {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
    });
    const link = await rawRequest(`${server.url}/_emulator/v1/health`, {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
    });

    expect([post.status, read.status, link.status]).toEqual([403, 403, 200]);
  });

  it('accepts a POST from its own origin, as its own pages send it', async () => {
    const { server, port } = await setup();

    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const answer = await rawRequest(`${server.url}/_emulator/v1/tokens`, {
        method: 'POST',
        headers: { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin', ...JSON_TYPE },
        body: '{"type":"APP"}',
      });
      expect([host, answer.status]).toEqual([host, 200]);
    }
  });
});

describe('content type of the control API', () => {
  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['a form (what curl -d sends)', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
  ])('refuses a body sent as %s with 415, even without an Origin', async (_case, contentType) => {
    const { server, control } = await setup();

    const answer = await rawRequest(`${server.url}/_emulator/v1/secrets`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: '{"name":"webhook-secret","value":"attacker"}',
    });

    expect(answer.status).toBe(415);
    expect(answer.json()).toEqual({ message: expect.stringContaining("-H 'content-type: application/json'") });
    expect(await control.requests()).toEqual([]);
  });

  it('judges a percent-escaped control path as the control path it is routed to', async () => {
    const { server, annExists } = await setup();

    const answer = await rawRequest(`${server.url}/%5Femulator/v1/reset`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: '{}',
    });

    expect(answer.status).toBe(415);
    expect(await annExists()).toBe(true);
  });

  it('refuses a body without any content type', async () => {
    const { server } = await setup();

    const answer = await rawRequest(`${server.url}/_emulator/v1/tokens`, { method: 'POST', body: '{"type":"APP"}' });

    expect(answer.status).toBe(415);
  });

  it('accepts what curl sends: a bodiless POST with no content type, and JSON said to be JSON', async () => {
    const { server, annExists } = await setup();

    const token = await rawRequest(`${server.url}/_emulator/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"type":"APP"}',
    });
    const reset = await rawRequest(`${server.url}/_emulator/v1/reset`, { method: 'POST' });

    expect([token.status, reset.status]).toEqual([200, 200]);
    expect(await annExists()).toBe(false);
  });
});

describe('a 413 on a keep-alive connection', () => {
  const big = JSON.stringify({ email: 'ann@example.com', pad: 'x'.repeat(2 * 1024 * 1024) });
  const chunk = 'x'.repeat(256 * 1024);

  it.each([
    ['a body with a length over 1 MiB', '/_emulator/v1/members', { body: big }],
    ['a chunked body with no length', '/inbox/v2/conversations', { chunks: Array.from({ length: 8 }, () => chunk) }],
  ])(
    'answers %s with 413 and Connection: close; the next request on the same agent succeeds',
    async (_case, path, payload) => {
      const { server } = await setup();
      const agent = oneConnection();
      try {
        const tooLarge = await rawRequest(server.url + path, { method: 'POST', headers: JSON_TYPE, ...payload, agent });
        const next = await rawRequest(`${server.url}/_emulator/v1/health`, { agent });

        expect([tooLarge.status, tooLarge.headers.connection]).toEqual([413, 'close']);
        expect(next.status).toBe(200);
      } finally {
        agent.destroy();
      }
    },
  );

  it('keeps the connection alive after an ordinary answer', async () => {
    const { server } = await setup();
    const agent = oneConnection();
    try {
      const answer = await rawRequest(`${server.url}/_emulator/v1/tokens`, {
        method: 'POST',
        headers: JSON_TYPE,
        body: '{"type":"APP"}',
        agent,
      });
      expect([answer.status, answer.headers.connection]).toEqual([200, 'keep-alive']);
    } finally {
      agent.destroy();
    }
  });
});
