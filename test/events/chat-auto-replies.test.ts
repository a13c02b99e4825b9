import { createHash } from 'node:crypto';
import { CLAIMS_COLLECTION } from 'backend/automations/claims';
import type { AutomationConfig } from 'backend/automations/config';
import { automationConfig, AWAY_WINDOW_KEPT_AFTER_503, setupEvents } from '../support/events';

const VISITOR = '7f000000-0000-4000-8000-0000000000c1';
const MONDAY_OPEN = Date.parse('2026-11-23T10:00:00Z');
/** Sunday noon: closed all day, and the start of a 12-hour away window. */
const SUNDAY = Date.parse('2026-11-22T12:00:00Z');
const MINUTE = 60_000;
const DATA_REMOVE = '/wix-data/v2/items/remove';

const RULES = [
  { keywords: ['opening hours', 'hours'], reply: 'Our hours are 9 to 5, Monday to Friday.' },
  { keywords: ['price', 'shipping'], reply: 'Prices and shipping are on the Pricing page.' },
  { keywords: ['price list'], reply: 'Never chosen: the rule above also matches "price".' },
];
const AWAY = 'We are away right now; back on Monday. (hours, price)';

interface StoredChatMessage {
  id: string;
  direction: 'VisitorToBusiness' | 'BusinessToVisitor';
  text: string;
  metadata: Record<string, unknown>;
  createdAt: string;
}

const status = (result: unknown) => (result as { status: string }).status;

let logged: jest.SpyInstance;
beforeEach(() => {
  // Each handled event writes one outcome line; kept to check what it says.
  logged = jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

async function setup(
  chatAutoReplies: Partial<AutomationConfig['chatAutoReplies']> = {},
  variants: NonNullable<Parameters<typeof setupEvents>[0]>['variants'] = {},
) {
  const site = await setupEvents({
    variants,
    config: automationConfig({
      chatAutoReplies: {
        enabled: true,
        answer: 'legacy-chat',
        rules: RULES,
        away: { enabled: true, message: AWAY, oncePerHours: 12 },
        ...chatAutoReplies,
      },
    }),
    now: MONDAY_OPEN,
  });
  // The emulator stamps chat messages with the test clock, so `createdAt` (part of the claim key of
  // events that carry no id) is the handlers' time too, and never depends on how fast a test runs.
  site.emulator.context.clock = { now: () => site.clock.now };
  const appToken = (await site.control.token('APP')).token;
  const channelId = await site.openChannel({ anonymousVisitorId: VISITOR });
  return {
    ...site,
    channelId,
    /** The channel as the site's app reads it through the chat API. */
    async messages(): Promise<StoredChatMessage[]> {
      const response = await site.emulator.fetch(
        new Request(`https://www.wixapis.com/chat/v1/channels/${channelId}/messages`, {
          headers: { Authorization: appToken },
        }),
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as { messages: StoredChatMessage[] }).messages;
    },
    /** A visitor writes; returns the message (its id is the event id). */
    async visitorSays(text: string) {
      const { body } = await site.chat(channelId, text);
      return (body as unknown as { message: StoredChatMessage }).message;
    },
  };
}

it('answers a visitor message that matches a keyword with the rule reply, marked as automatic', async () => {
  const site = await setup();
  await site.visitorSays('What are your opening hours?');
  const deliveries = await site.deliver();
  expect(deliveries.map((d) => [d.name, status(d.result)])).toEqual([
    ['wixChat_onMessage', 'done'],
    // The reply is itself a chat event; it is not answered.
    ['wixChat_onMessage', 'skipped'],
  ]);
  const [question, reply] = await site.messages();
  expect(question).toMatchObject({ direction: 'VisitorToBusiness', text: 'What are your opening hours?' });
  expect(reply).toMatchObject({
    direction: 'BusinessToVisitor',
    text: RULES[0]!.reply,
    metadata: { inboxConnectorAutoReply: 'keyword' },
  });
  const sends = (await site.control.requests()).filter((r) => r.operation === 'chat.sendMessage');
  expect(sends.map((r) => r.identity?.type)).toEqual(['APP']);
});

it('logs one outcome line per event, with ids but without the message text', async () => {
  const site = await setup();
  await site.visitorSays('My secret question about opening hours');
  await site.deliver();
  const lines = logged.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
  expect(lines).toEqual([
    expect.objectContaining({ source: 'inbox-connector', handler: 'wixChat_onMessage', status: 'done' }),
    expect.objectContaining({ handler: 'wixChat_onMessage', status: 'skipped' }),
  ]);
  expect(JSON.stringify(lines)).not.toMatch(/secret question|Our hours/);
});

it('matches keywords case-insensitively', async () => {
  const site = await setup();
  await site.visitorSays('WHAT ARE YOUR HOURS???');
  await site.deliver();
  expect((await site.messages()).map((m) => m.text)).toEqual(['WHAT ARE YOUR HOURS???', RULES[0]!.reply]);
});

it('replies with the first rule that matches, not the first keyword in the text', async () => {
  const site = await setup();
  await site.visitorSays('Is there a price list with shipping costs and hours?');
  const [answered] = await site.deliver();
  expect(answered!.result).toEqual({ status: 'done', detail: 'keyword reply sent (rule 1)' });
  expect((await site.messages()).map((m) => m.text)).toEqual([
    'Is there a price list with shipping costs and hours?',
    RULES[0]!.reply,
  ]);
  site.clock.now += MINUTE;
  await site.visitorSays('Send me the price list');
  await site.deliver();
  expect((await site.messages()).at(-1)!.text).toBe(RULES[1]!.reply);
});

it('does not reply when no keyword matches and the business is open', async () => {
  const site = await setup();
  await site.visitorSays('Hello, anyone there?');
  const [delivery] = await site.deliver();
  expect(delivery!.result).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/open/) });
  expect(await site.messages()).toHaveLength(1);
});

it('sends the away message outside business hours, once per channel per window', async () => {
  const site = await setup();
  site.clock.now = SUNDAY;
  await site.visitorSays('Hello, anyone there?');
  expect((await site.deliver()).map((d) => status(d.result))).toEqual(['done', 'skipped']);

  site.clock.now = SUNDAY + 30 * MINUTE;
  await site.visitorSays('Hello again?');
  const [second] = await site.deliver();
  expect(second!.result).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/already sent/) });

  const messages = await site.messages();
  expect(messages.map((m) => [m.direction, m.text])).toEqual([
    ['VisitorToBusiness', 'Hello, anyone there?'],
    ['BusinessToVisitor', AWAY],
    ['VisitorToBusiness', 'Hello again?'],
  ]);
  expect(messages[1]!.metadata).toEqual({ inboxConnectorAutoReply: 'away' });
});

it('sends another away message once the window has passed', async () => {
  const site = await setup();
  site.clock.now = SUNDAY;
  await site.visitorSays('Hello?');
  await site.deliver();
  // Monday 00:00 in London: still closed, and a new 12-hour window.
  site.clock.now = SUNDAY + 12 * 60 * MINUTE;
  await site.visitorSays('Still nobody?');
  await site.deliver();
  const replies = (await site.messages()).filter((m) => m.direction === 'BusinessToVisitor');
  expect(replies.map((m) => m.text)).toEqual([AWAY, AWAY]);
});

it('sends the away message on redelivery when the first attempt failed', async () => {
  const site = await setup();
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  site.clock.now = SUNDAY;
  await site.control.fault('POST', `/chat/v1/channels/${site.channelId}/messages`, 503);
  const message = await site.visitorSays('Hello?');
  const [failed] = await site.deliver();
  expect(failed!.result).toMatchObject({ status: 'failed' });

  await site.redeliver(message.id);
  const [retried] = await site.deliver();
  expect(retried!.result).toMatchObject({ status: 'done', detail: 'away message sent' });
  expect((await site.messages()).map((m) => m.text)).toEqual(['Hello?', AWAY]);
});

it('says the away window was kept when the away message failed and the window could not be given back', async () => {
  const site = await setup();
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  site.clock.now = SUNDAY;
  await site.control.fault('POST', `/chat/v1/channels/${site.channelId}/messages`, 503);
  // The window's release fails all three attempts; the event's own release then succeeds.
  await site.control.fault('POST', DATA_REMOVE, 503, 3);
  const message = await site.visitorSays('Hello?');
  const [failed] = await site.deliver();
  expect(failed!.result).toMatchObject({
    status: 'failed',
    detail: AWAY_WINDOW_KEPT_AFTER_503,
  });

  // As it says: the event was given back, but its redelivery finds the window taken.
  await site.redeliver(message.id);
  const [retried] = await site.deliver();
  expect(retried!.result).toMatchObject({ status: 'skipped', detail: 'away message already sent in this window' });
});

it('answers a keyword with its reply, not the away message, outside business hours', async () => {
  const site = await setup();
  site.clock.now = SUNDAY;
  await site.visitorSays('What is the price?');
  await site.deliver();
  expect((await site.messages()).map((m) => m.text)).toEqual(['What is the price?', RULES[1]!.reply]);
});

it('never answers business-to-visitor messages, in or outside business hours', async () => {
  const site = await setup();
  await site.chat(site.channelId, 'Our hours changed', 'BusinessToVisitor');
  site.clock.now = SUNDAY;
  await site.chat(site.channelId, 'Price update for you', 'BusinessToVisitor');
  const deliveries = await site.deliver();
  expect(deliveries.map((d) => d.result)).toEqual([
    expect.objectContaining({ status: 'skipped', detail: 'not a visitor message' }),
    expect.objectContaining({ status: 'skipped', detail: 'not a visitor message' }),
  ]);
  expect(await site.messages()).toHaveLength(2);
});

it('does not answer its own replies, however often events are delivered', async () => {
  const site = await setup();
  site.clock.now = SUNDAY;
  // Both replies contain keywords: answering them would loop.
  await site.visitorSays('hours?');
  for (let i = 0; i < 4; i++) await site.deliver();
  const messages = await site.messages();
  expect(messages.map((m) => m.direction)).toEqual(['VisitorToBusiness', 'BusinessToVisitor']);

  const replyEvent = (await site.control.events()).find((e) => e.payload.direction === 'BusinessToVisitor');
  await site.redeliver(replyEvent!.id);
  const [redelivered] = await site.deliver();
  expect(redelivered).toMatchObject({ redelivery: true, result: { status: 'skipped' } });
  expect(await site.messages()).toHaveLength(2);
});

it('does not answer a visitor-direction message that carries the automatic-reply mark', async () => {
  const site = await setup();
  site.clock.now = SUNDAY;
  await site.control.call('POST', '/_emulator/v1/chat/messages', {
    channelId: site.channelId,
    text: 'hours?',
    direction: 'VisitorToBusiness',
    metadata: { inboxConnectorAutoReply: 'keyword' },
  });
  const [delivery] = await site.deliver();
  expect(delivery!.result).toMatchObject({ status: 'skipped', detail: 'an automatic reply' });
  expect(await site.messages()).toHaveLength(1);
});

it('treats a redelivered chat event as a duplicate and does not reply twice', async () => {
  const site = await setup();
  const message = await site.visitorSays('opening hours please');
  await site.deliver();
  await site.redeliver(message.id);
  const [again] = await site.deliver();
  expect(again).toMatchObject({ eventId: message.id, redelivery: true, result: { status: 'duplicate' } });
  expect(await site.messages()).toHaveLength(2);
});

it('treats a second identical message at a later time as a new message', async () => {
  const site = await setup();
  await site.visitorSays('hours?');
  await site.deliver();
  site.clock.now += MINUTE;
  await site.visitorSays('hours?');
  const [second] = await site.deliver();
  expect(second!.result).toMatchObject({ status: 'done' });
  expect((await site.messages()).filter((m) => m.direction === 'BusinessToVisitor')).toHaveLength(2);
});

it('skips every message without an API call when auto-replies are turned off', async () => {
  const site = await setup({ enabled: false });
  site.clock.now = SUNDAY;
  await site.visitorSays('What are your hours?');
  const before = (await site.control.requests()).length;
  const [delivery] = await site.deliver();
  expect(delivery!.result).toMatchObject({ status: 'skipped', detail: 'auto-replies are turned off' });
  expect((await site.control.requests()).length).toBe(before);
  expect(await site.messages()).toHaveLength(1);
});

it('answers two messages sent in the same millisecond, each once', async () => {
  const site = await setup();
  // The emulator stamps both with the same (test) clock: the same createdAt.
  const first = await site.visitorSays('What are your hours?');
  const second = await site.visitorSays('And the price?');
  expect(new Date(first.createdAt).getTime()).toBe(new Date(second.createdAt).getTime());
  const deliveries = await site.deliver();
  expect(deliveries.slice(0, 2).map((d) => status(d.result))).toEqual(['done', 'done']);
  await site.redeliver(second.id);
  expect((await site.deliver()).map((d) => status(d.result))).toEqual(['duplicate']);
  const replies = (await site.messages()).filter((m) => m.direction === 'BusinessToVisitor');
  expect(replies.map((m) => m.text)).toEqual([RULES[0]!.reply, RULES[1]!.reply]);
});

it('claims a legacy chat message by channel, sender, time and a digest of its text, a key that must not change', async () => {
  // The legacy event carries no message id. Its claim's id must stay the same across releases: a message
  // claimed by the site's previous version would otherwise be answered again after an upgrade.
  const site = await setup();
  await site.visitorSays('What is the price?');
  await site.deliver();
  const digest = createHash('sha256').update('What is the price?').digest('hex').slice(0, 16);
  const claims = site.emulator.context.db
    .prepare('SELECT id FROM data_items WHERE collection = ? ORDER BY id')
    .all(CLAIMS_COLLECTION) as { id: string }[];
  expect(claims.map((c) => c.id)).toContain(`chat:${site.channelId}:${VISITOR}:2026-11-23T10:00:00.000Z:${digest}`);
});

it("keeps each channel's away window its own: a second visitor gets the away message too", async () => {
  const site = await setup();
  site.clock.now = SUNDAY;
  await site.visitorSays('Hello, anyone there?');
  await site.deliver();
  const otherChannel = await site.openChannel({ anonymousVisitorId: '7f000000-0000-4000-8000-0000000000c2' });
  await site.chat(otherChannel, 'Hi from another visitor');
  const [other] = await site.deliver();
  expect(other!.result).toMatchObject({ status: 'done' });
  const replies = (await site.control.requests()).filter((r) => r.operation === 'chat.sendMessage');
  expect(replies.map((r) => r.path)).toEqual([
    `/chat/v1/channels/${site.channelId}/messages`,
    `/chat/v1/channels/${otherChannel}/messages`,
  ]);
});

it("fails with the send's own error when the away message fails on a site without a claims collection", async () => {
  // No collection: no window to give back (the claim was never stored), so nothing else fails.
  const site = await setup({}, { claimsCollection: 'missing' });
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  site.clock.now = SUNDAY;
  await site.control.fault('POST', `/chat/v1/channels/${site.channelId}/messages`, 503);
  await site.visitorSays('Hello?');
  const [failed] = await site.deliver();
  expect(failed!.result).toEqual({ status: 'failed', detail: 'Error (status 503)' });
});

it('sends the away message on a site without a claims collection, without the once-per-window guarantee', async () => {
  const site = await setup({}, { claimsCollection: 'missing' });
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  site.clock.now = SUNDAY;
  await site.visitorSays('Hello?');
  const [answered] = await site.deliver();
  expect(answered!.result).toEqual({ status: 'done', detail: 'away message sent' });
  expect((await site.messages()).map((m) => m.text)).toEqual(['Hello?', AWAY]);
});
