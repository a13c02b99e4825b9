// First: site modules import Velo-only modules such as wix-chat-backend.
import '../../local/velo/velo-modules';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlayground } from '../../local/playground/server';
import { controlClient, type FaultRule } from '../support/emulator';

// Faults injected through `npm start`'s origin behave as they do on the emulator's own server: a
// dropped connection is no answer at all (not a 500), and the site's pages get a clear web error.

type Playground = Awaited<ReturnType<typeof startPlayground>>;
let playground: Playground;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'playground-faults-'));
  playground = await startPlayground({ dbPath: join(dir, 'site.sqlite'), port: 0 });
  // The site logs the Wix failure it turns into a safe web error.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await playground.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The control API of the playground's emulator, over HTTP as the console and tests reach it. */
const control = () => controlClient((request) => fetch(request), playground.url);

async function injectFault(rule: FaultRule) {
  expect((await control().injectFault(rule)).status).toBe(200);
}

async function storedMessageCount(): Promise<number> {
  return (await control().conversations()).reduce((sum, c) => sum + c.messages.length, 0);
}

it('drops the connection of an emulator request, then keeps serving', async () => {
  await injectFault({ method: 'GET', path: '/members/v1/members/my', kind: 'drop' });
  const me = `${playground.url}/members/v1/members/my`;
  const asMember = { headers: { authorization: playground.session.identities.member.token } };

  const failure = await fetch(me, asMember).then(
    (response) => `answered ${response.status}`,
    (error: unknown) => `${(error as Error).name}: ${(error as Error).message}`,
  );

  expect(failure).toBe('TypeError: fetch failed');
  expect((await fetch(me, asMember)).status).toBe(200);
});

it('answers a visitor whose send was dropped with UNAVAILABLE, and sends nothing twice', async () => {
  await injectFault({ method: 'POST', path: '/inbox/v2/messages', kind: 'drop' });

  const response = await fetch(`${playground.url}/_webMethods/inbox.web/submitContactForm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: playground.session.identities.visitor.token },
    body: JSON.stringify([{ firstName: 'Cara', email: 'cara@example.com', message: 'Do you ship to Portugal?' }]),
  });

  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  expect(await storedMessageCount()).toBe(0);
});
