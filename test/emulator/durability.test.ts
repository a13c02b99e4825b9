import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScript, stopScript } from '../support/child-process';
import { allConversations, type EventState } from '../support/emulator';

// `npm run emulator` as users run it: tsx in a child process, storage in a file. Only results are
// asserted, never durations; the timeout is generous because each start compiles with tsx.
jest.setTimeout(60_000);

const MESSAGE_EVENTS = ['wixCrmInbox_onMessageSentToBusiness', 'wixCrmInbox_onMessageSentToParticipant'];

const children: ChildProcess[] = [];
const tempDirs: string[] = [];

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => stopScript(child, 'SIGKILL')));
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface EmulatorProcess {
  child: ChildProcess;
  url: string;
}

/** Starts `tsx local/emulator/main.ts` on a free port and reads its URL from the startup line. */
async function startEmulator(dbPath: string): Promise<EmulatorProcess> {
  const { child, url } = await startScript(
    'local/emulator/main.ts',
    { PORT: '0', EMULATOR_DB: dbPath },
    /Wix emulator listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  children.push(child);
  return { child, url };
}

function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-durability-'));
  tempDirs.push(dir);
  return join(dir, 'emulator.sqlite');
}

/** A JSON call with an optional token; returns status and parsed body. */
async function call<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(url + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: options.token } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function mint(url: string, type: string, id?: string): Promise<string> {
  const { status, body } = await call(url, 'POST', '/_emulator/v1/tokens', { body: { type, ...(id ? { id } : {}) } });
  expect(status).toBe(200);
  return body.token as string;
}

async function conversationFor(url: string, token: string, participantId: Record<string, string>): Promise<string> {
  const { status, body } = await call(url, 'POST', '/inbox/v2/conversations', { token, body: { participantId } });
  expect(status).toBe(200);
  return body.conversation.id as string;
}

function sendRequest(conversationId: string, n: number) {
  return {
    conversationId,
    message: {
      content: { basic: { items: [{ text: `Message ${n}` }] } },
      direction: 'BUSINESS_TO_PARTICIPANT',
      visibility: 'BUSINESS_AND_PARTICIPANT',
    },
  };
}

async function storedMessageIds(url: string): Promise<string[]> {
  const conversations = await allConversations((method, path) => call(url, method, path));
  return conversations.flatMap((conversation) => conversation.messages.map((m) => m.id as string));
}

async function messageEvents(url: string): Promise<EventState[]> {
  const { body } = await call<{ events: EventState[] }>(url, 'GET', '/_emulator/v1/events');
  return body.events.filter((event) => MESSAGE_EVENTS.includes(event.name));
}

it('keeps every acknowledged message, each with its event, when killed with SIGKILL under load', async () => {
  const dbPath = tempDbPath();
  const first = await startEmulator(dbPath);
  const token = await mint(first.url, 'APP');
  const conversationIds: string[] = [];
  for (let i = 0; i < 4; i++) {
    conversationIds.push(await conversationFor(first.url, token, { anonymousVisitorId: randomUUID() }));
  }

  // Many concurrent sends; the process is killed as soon as KILL_AFTER have been acknowledged, while
  // the other workers' requests are still in flight.
  const TOTAL = 5000;
  const CONCURRENCY = 16;
  const KILL_AFTER = 400;
  const acknowledged: string[] = [];
  const unexpected: string[] = [];
  let started = 0;
  let inFlight = 0;
  let inFlightAtKill = -1;
  let killed: Promise<void> | undefined;

  const worker = async () => {
    while (started < TOTAL && !killed) {
      const n = started++;
      inFlight++;
      try {
        const { status, body } = await call(first.url, 'POST', '/inbox/v2/messages', {
          token,
          body: sendRequest(conversationIds[n % conversationIds.length]!, n),
        });
        if (status === 200) acknowledged.push(body.message.id as string);
        else unexpected.push(`send ${n}: ${status} ${JSON.stringify(body)}`);
      } catch (error) {
        // A connection cut by the kill is expected; any other failure is not.
        if (!killed) unexpected.push(`send ${n}: ${(error as Error).message}`);
      } finally {
        inFlight--;
      }
      if (acknowledged.length >= KILL_AFTER && !killed) {
        inFlightAtKill = inFlight;
        killed = stopScript(first.child, 'SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await killed;

  expect(unexpected).toEqual([]);
  expect(inFlightAtKill).toBeGreaterThan(0);
  expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

  const second = await startEmulator(dbPath);
  const stored = await storedMessageIds(second.url);
  const storedSet = new Set(stored);
  expect(acknowledged.filter((id) => !storedSet.has(id))).toEqual([]);
  // At most the requests that were cut off were stored without an answer.
  expect(stored.length).toBeLessThanOrEqual(acknowledged.length + inFlightAtKill);
  expect(new Set(stored).size).toBe(stored.length);

  // Message and event are written in one transaction: no message without its event, and vice versa.
  const events = await messageEvents(second.url);
  expect(events).toHaveLength(stored.length);
  expect(new Set(events.map((event) => event.payload.metadata.entityId as string))).toEqual(storedSet);

  // The file is consistent, read through a second connection while the restarted emulator runs.
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  } finally {
    db.close();
  }

  // And it takes writes again.
  const after = await call(second.url, 'POST', '/inbox/v2/messages', {
    token,
    body: sendRequest(conversationIds[0]!, TOTAL),
  });
  expect(after.status).toBe(200);
});

it('keeps tokens, members, conversations and messages across a normal restart', async () => {
  const dbPath = tempDbPath();
  const first = await startEmulator(dbPath);
  const { body: created } = await call(first.url, 'POST', '/_emulator/v1/members', {
    body: { email: 'ann@example.com', name: 'Ann Lee' },
  });
  const memberId = created.member.id as string;
  const memberToken = await mint(first.url, 'MEMBER', memberId);
  const appToken = await mint(first.url, 'APP');
  const conversationId = await conversationFor(first.url, appToken, { memberId });
  const sent: string[] = [];
  for (let n = 0; n < 3; n++) {
    const { status, body } = await call(first.url, 'POST', '/inbox/v2/messages', {
      token: appToken,
      body: sendRequest(conversationId, n),
    });
    expect(status).toBe(200);
    sent.push(body.message.id as string);
  }

  await stopScript(first.child, 'SIGTERM');
  expect(first.child.exitCode).toBe(0);
  const second = await startEmulator(dbPath);

  const me = await call(second.url, 'GET', '/members/v1/members/my', { token: memberToken });
  expect(me).toMatchObject({ status: 200, body: { member: { id: memberId } } });

  const again = await call(second.url, 'POST', '/inbox/v2/conversations', {
    token: appToken,
    body: { participantId: { memberId } },
  });
  expect(again).toMatchObject({ status: 200, body: { conversation: { id: conversationId }, newConversation: false } });

  const listed = await call(
    second.url,
    'GET',
    `/inbox/v2/messages?conversationId=${conversationId}&visibility=BUSINESS&sorting.order=ASC`,
    { token: appToken },
  );
  expect(listed.status).toBe(200);
  expect((listed.body.messages as { id: string }[]).map((m) => m.id)).toEqual(sent);
});
