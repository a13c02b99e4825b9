import type { AutomationConfig } from 'backend/automations/config';
import { createEventHandlers } from 'backend/automations/event-handlers';
import * as inbox from 'backend/inbox.web';
import { runWithWixContext } from '../../local/velo/wix-context';
import { automationConfig, AWAY_WINDOW_KEPT_AFTER_503, setupEvents } from '../support/events';
import { timeOutRequests } from '../support/time-out-requests';

const RULES = [{ keywords: ['price'], reply: 'Prices are on the Pricing page.' }];
const AWAY = 'We are away; back soon.';
const MONDAY_OPEN = Date.parse('2026-11-23T10:00:00Z');
const HOUR = 3_600_000;

type StoredMessage = {
  direction: string;
  sender: Record<string, string>;
  content: { basic?: { items: { text: string }[] }; minimal?: { text: string } };
};
const status = (result: unknown) => (result as { status: string }).status;

beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

async function setup(
  options: {
    now?: number;
    businessHours?: Partial<AutomationConfig['businessHours']>;
    chatAutoReplies?: Partial<AutomationConfig['chatAutoReplies']>;
  } = {},
) {
  const site = await setupEvents({
    config: automationConfig({
      chatAutoReplies: {
        enabled: true,
        answer: 'inbox-events',
        rules: RULES,
        away: { enabled: true, message: AWAY, oncePerHours: 12 },
        ...options.chatAutoReplies,
      },
      ...(options.businessHours ? { businessHours: options.businessHours } : {}),
    }),
    now: options.now ?? MONDAY_OPEN,
  });
  site.emulator.context.clock = { now: () => site.clock.now };
  const app = (await site.control.token('APP')).token;
  /** A member's Inbox conversation, as the site's app gets or creates it. */
  const conversationOf = async (memberId: string) =>
    (
      (await (
        await site.emulator.fetch(
          new Request('https://www.wixapis.com/inbox/v2/conversations', {
            method: 'POST',
            headers: { Authorization: app, 'content-type': 'application/json' },
            body: JSON.stringify({ participantId: { memberId } }),
          }),
        )
      ).json()) as { conversation: { id: string } }
    ).conversation.id;
  const conversationId = await conversationOf(site.members.ann.id);
  return {
    ...site,
    conversationId,
    conversationOf,
    /** Ann types in the chat widget. */
    visitorChats: (text: string) =>
      site.control.call('POST', '/_emulator/v1/inbox/chat-messages', { conversationId, text }),
    /**
     * Someone other than the widget writes in Ann's chat conversation through Inbox SendMessage, as Wix
     * users and apps do (a business user's token stands for the Inbox dashboard; an app token for any
     * app). The stored message is what Wix stores: `sender` and `appId` are set by the emulator.
     */
    async sendAs(identity: 'WIX_USER' | 'APP', message: Record<string, unknown>, sendAs?: 'PARTICIPANT') {
      const token = (await site.control.token(identity)).token;
      const response = await site.emulator.fetch(
        new Request('https://www.wixapis.com/inbox/v2/messages', {
          method: 'POST',
          headers: { Authorization: token, 'content-type': 'application/json' },
          body: JSON.stringify({ conversationId, message: { sourceChannel: 'CHAT', ...message }, sendAs }),
        }),
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as { message: Record<string, unknown> }).message;
    },
    async messages(): Promise<StoredMessage[]> {
      const [conversation] = (await site.control.conversations()).filter((c) => c.id === conversationId);
      return (conversation?.messages ?? []) as unknown as StoredMessage[];
    },
  };
}

const textOf = (m: StoredMessage) => m.content.basic?.items.map((i) => i.text).join('\n') ?? m.content.minimal?.text;

it('answers a keyword in a visitor chat message that arrives as an Inbox event, with Inbox sendMessage', async () => {
  const site = await setup();
  await site.visitorChats('What is the price?');
  const deliveries = await site.deliver();
  expect(deliveries.map((d) => [d.name, status(d.result)])).toEqual([
    ['wixCrmInbox_onMessageSentToBusiness', 'done'],
    // The reply is a message to the participant: its own event is not answered.
    ['wixCrmInbox_onMessageSentToParticipant', 'skipped'],
  ]);
  const [question, reply] = await site.messages();
  expect(textOf(question!)).toBe('What is the price?');
  expect(reply).toMatchObject({ direction: 'BUSINESS_TO_PARTICIPANT', sender: { appId: expect.any(String) } });
  expect(textOf(reply!)).toBe(RULES[0]!.reply);
  const sends = (await site.control.requests()).filter((r) => r.operation === 'inbox.sendMessage');
  expect(sends.map((r) => r.identity?.type)).toEqual(['APP']);
});

it('never answers messages an app or the business sent, so nothing loops', async () => {
  const site = await setup({ now: Date.parse('2026-11-22T12:00:00Z') }); // Sunday: away hours
  // The site's own messages to the business (a contact form, a like) carry its appId.
  await site.call(inbox, 'sendMemberMessage', ['What is the price?'], 'ann');
  await site.like('post-1', { memberId: site.members.ann.id });
  await site.visitorChats('What is the price?');
  for (let round = 0; round < 3; round++) await site.deliver();
  const replies = (await site.control.conversations())
    .flatMap((c) => c.messages as unknown as StoredMessage[])
    .filter((m) => m.direction === 'BUSINESS_TO_PARTICIPANT');
  expect(replies.map(textOf)).toEqual([RULES[0]!.reply]);
});

it('replies once when the reply was stored but its answer was lost', async () => {
  const site = await setup();
  await site.control.injectFault({ method: 'POST', path: '/inbox/v2/messages', kind: 'drop-after' });
  await site.visitorChats('price?');
  const [failed] = await site.deliver();
  expect(failed!.result).toMatchObject({ status: 'failed' });

  await site.redeliver(failed!.eventId);
  const retried = (await site.deliver()).filter((d) => d.redelivery);
  expect(retried[0]!.result).toMatchObject({ status: 'done', detail: expect.stringMatching(/earlier attempt/) });
  expect((await site.messages()).map(textOf)).toEqual(['price?', RULES[0]!.reply]);
});

it('sends a first reply without looking for an earlier one: the claim proved no delivery held it before', async () => {
  const site = await setup();
  await site.visitorChats('price?');
  const before = (await site.control.requests()).length;
  const [delivery] = await site.deliver();
  expect(delivery!.result).toMatchObject({ status: 'done', detail: expect.stringMatching(/ sent$/) });
  const operations = (await site.control.requests()).slice(before).map((r) => `${r.operation} ${r.status}`);
  expect(operations).toEqual(['data.insert 200', 'inbox.sendMessage 200']);
});

it('limits away messages to one in any 12 hours, across a window boundary in the business time zone', async () => {
  // New York, closed on Sunday. 11:50 and 12:10 local are in different 12-hour windows.
  const site = await setup({
    now: Date.parse('2026-11-22T16:50:00Z'), // 11:50 in New York
    businessHours: { timeZone: 'America/New_York', weekly: {} },
  });
  await site.visitorChats('Hello?');
  await site.deliver();
  site.clock.now += 20 * 60_000; // 12:10 local: a new window, but only 20 minutes later
  await site.visitorChats('Anyone?');
  const [second] = await site.deliver();
  expect(second!.result).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/already sent/) });

  site.clock.now += 12 * HOUR; // 00:10 local Monday: 12 hours on, and still closed
  await site.visitorChats('Still there?');
  await site.deliver();
  const replies = (await site.messages()).filter((m) => m.direction === 'BUSINESS_TO_PARTICIPANT');
  expect(replies.map(textOf)).toEqual([AWAY, AWAY]);
});

/** Sunday noon: closed all day, so anything answerable would get at least the away message. */
const SUNDAY = Date.parse('2026-11-22T12:00:00Z');

it('gives the away window back when the away message fails, so a redelivery sends it', async () => {
  const site = await setup({ now: SUNDAY });
  await site.control.fault('POST', '/inbox/v2/messages', 503);
  await site.visitorChats('Hello?');
  const [failed] = await site.deliver();
  expect(failed!.result).toMatchObject({ status: 'failed', detail: 'Error (status 503)' });

  await site.redeliver(failed!.eventId);
  const retried = (await site.deliver()).filter((d) => d.redelivery);
  expect(retried[0]!.result).toMatchObject({ status: 'done', detail: expect.stringMatching(/^away message/) });
  expect((await site.messages()).map(textOf)).toEqual(['Hello?', AWAY]);
});

it('says the away window was kept when the away message failed and the window could not be given back', async () => {
  const site = await setup({ now: SUNDAY });
  await site.control.fault('POST', '/inbox/v2/messages', 503);
  // The window's release fails all three attempts; the event's own release then succeeds.
  await site.control.fault('POST', '/wix-data/v2/items/remove', 503, 3);
  await site.visitorChats('Hello?');
  const [failed] = await site.deliver();
  expect(failed!.result).toMatchObject({
    status: 'failed',
    detail: AWAY_WINDOW_KEPT_AFTER_503,
  });

  // As it says: the event was given back, but its redelivery finds the window taken.
  await site.redeliver(failed!.eventId);
  const retried = (await site.deliver()).filter((d) => d.redelivery);
  expect(retried[0]!.result).toMatchObject({
    status: 'skipped',
    detail: expect.stringMatching(/away message already sent in this window$/),
  });
});

describe("the away window's Wix calls name themselves when they do not answer in time", () => {
  const TIMED_OUT = (label: string) => `WixCallTimedOut: ${label} did not answer within 10000 ms`;
  let restore: () => void = () => undefined;
  afterEach(() => restore());

  it('names the read of the previous window', async () => {
    const site = await setup({ now: SUNDAY });
    // The event's own claim is an insert; the first read is the previous away window's claim.
    restore = timeOutRequests(site, (method, path) => method === 'GET' && path.startsWith('/wix-data/v2/items/'));
    await site.visitorChats('Hello?');
    const [failed] = await site.deliver();
    expect(failed!.result).toMatchObject({ status: 'failed', detail: TIMED_OUT('claim get') });
  });

  it("names the window's removal when the away message failed", async () => {
    const site = await setup({ now: SUNDAY });
    await site.control.fault('POST', '/inbox/v2/messages', 503);
    restore = timeOutRequests(site, (method, path) => method === 'POST' && path === '/wix-data/v2/items/remove');
    await site.visitorChats('Hello?');
    const [failed] = await site.deliver();
    expect(failed!.result).toMatchObject({
      status: 'failed',
      detail: expect.stringMatching(new RegExp(`not given back, .*: ${TIMED_OUT('claim remove')}`)),
    });
  });
});

const priceQuestion = (visibility: string) => ({
  content: { basic: { items: [{ text: 'What is the price?' }] } },
  direction: 'PARTICIPANT_TO_BUSINESS',
  visibility,
});
const autoReplyDetail = (result: unknown) => (result as { detail: string }).detail;

it("never answers another app's chat message to the business, though it reads like the visitor's", async () => {
  const site = await setup({ now: SUNDAY });
  const stored = await site.sendAs('APP', priceQuestion('BUSINESS_AND_PARTICIPANT'), 'PARTICIPANT');
  // What Wix stores: the participant as sender, and the sending app's id.
  expect(stored).toMatchObject({ sender: { memberId: site.members.ann.id }, appId: expect.any(String) });
  const [delivery] = await site.deliver();
  expect(delivery).toMatchObject({ name: 'wixCrmInbox_onMessageSentToBusiness', result: { status: 'skipped' } });
  expect(autoReplyDetail(delivery!.result)).toContain('sent by an app or the business');
  expect((await site.messages()).map((m) => m.direction)).toEqual(['PARTICIPANT_TO_BUSINESS']);
});

it('never answers a chat message to the business that only the business can see', async () => {
  const site = await setup({ now: SUNDAY });
  await site.sendAs('APP', priceQuestion('BUSINESS'));
  const [delivery] = await site.deliver();
  expect(delivery!.result).toMatchObject({ status: 'skipped' });
  expect(autoReplyDetail(delivery!.result)).toContain('not visible to the visitor');
  expect(await site.messages()).toHaveLength(1);
});

it('never answers a business reply from the Inbox, nor a message a business user writes as the visitor', async () => {
  const site = await setup({ now: SUNDAY });
  const reply = await site.sendAs('WIX_USER', {
    content: { basic: { items: [{ text: 'The price is on the Pricing page.' }] } },
    direction: 'BUSINESS_TO_PARTICIPANT',
    visibility: 'BUSINESS_AND_PARTICIPANT',
  });
  expect(reply).toMatchObject({ sender: { wixUserId: expect.any(String) } });
  await site.sendAs('WIX_USER', priceQuestion('BUSINESS_AND_PARTICIPANT'), 'PARTICIPANT');
  for (let round = 0; round < 3; round++) await site.deliver();
  const events = await site.control.events();
  expect(events.map((e) => e.name)).toEqual([
    'wixCrmInbox_onMessageSentToParticipant',
    'wixCrmInbox_onMessageSentToBusiness',
  ]);
  expect((await site.messages()).map(textOf)).toEqual(['The price is on the Pricing page.', 'What is the price?']);
});

it('answers nothing when auto-replies are turned off', async () => {
  const site = await setup({ now: SUNDAY, chatAutoReplies: { enabled: false } });
  await site.visitorChats('What is the price?');
  const [delivery] = await site.deliver();
  expect(autoReplyDetail(delivery!.result)).toContain('auto-replies are turned off');
  expect(await site.messages()).toHaveLength(1);
});

it('sends nothing when no keyword matches and the business is open', async () => {
  const site = await setup(); // Monday 10:00 UTC: open
  await site.visitorChats('Hello there');
  const [delivery] = await site.deliver();
  expect(delivery!.result).toMatchObject({ status: 'skipped' });
  expect(autoReplyDetail(delivery!.result)).toContain('no keyword matched and the business is open');
  expect(await site.messages()).toHaveLength(1);
});

it('leaves legacy chat events unanswered when auto-replies answer Inbox events, so nothing is answered twice', async () => {
  const site = await setup({ now: SUNDAY });
  const channelId = await site.openChannel({ memberId: site.members.ann.id });
  await site.chat(channelId, 'What is the price?');
  const [delivery] = await site.deliver();
  expect(delivery).toMatchObject({
    name: 'wixChat_onMessage',
    result: { status: 'skipped', detail: 'auto-replies answer Inbox events (chatAutoReplies.answer)' },
  });
  expect(await site.messages()).toEqual([]);
});

it('leaves Inbox chat events unanswered when auto-replies answer legacy chat events, so nothing is answered twice', async () => {
  const site = await setup({ now: SUNDAY, chatAutoReplies: { answer: 'legacy-chat' } });
  await site.visitorChats('What is the price?');
  const [delivery] = await site.deliver();
  expect(delivery).toMatchObject({
    name: 'wixCrmInbox_onMessageSentToBusiness',
    result: { detail: expect.stringContaining('auto-replies answer legacy chat events (chatAutoReplies.answer)') },
  });
  expect((await site.messages()).map(textOf)).toEqual(['What is the price?']);
});

it("skips a member's message from the site's message box as not a chat message", async () => {
  const site = await setup({ now: SUNDAY });
  await site.call(inbox, 'sendMemberMessage', ['What is the price?'], 'ann');
  const [delivery] = await site.deliver();
  expect(autoReplyDetail(delivery!.result)).toContain('not a chat message to the business');
  expect(await site.messages()).toHaveLength(1);
});

it('reads each text item of a message as its own line, so a keyword in a later item still matches as a word', async () => {
  const site = await setup();
  await site.visitorChats('Hello');
  const [event] = (await site.control.events()).filter((e) => e.name === 'wixCrmInbox_onMessageSentToBusiness');
  // The same event with the text in two items around an image: the chat widget sends one text item,
  // but the event's content is Wix's BASIC content, which may hold several.
  event!.payload.data.message.content.basic.items = [
    { text: 'Hello' },
    { image: { url: 'https://static.example.com/a.png' } },
    { text: 'price?' },
  ];
  event!.payload.metadata.id = '00000000-0000-4000-8000-00000000abcd'; // a message of its own
  const handlers = createEventHandlers(
    automationConfig({ chatAutoReplies: { enabled: true, answer: 'inbox-events', rules: RULES } }),
    { now: () => site.clock.now, sleep: async () => undefined, random: () => 0.5 },
  ) as unknown as Record<string, (event: unknown) => Promise<unknown>>;
  const tokens = {
    callerToken: (await site.control.token('ANONYMOUS_VISITOR')).token,
    elevatedToken: (await site.control.token('APP')).token,
  };
  const result = await runWithWixContext(site.emulator.fetch, tokens, () =>
    handlers.wixCrmInbox_onMessageSentToBusiness!(event!.payload),
  );
  expect(status(result)).toBe('done');
  expect((await site.messages()).map(textOf)).toEqual(['Hello', RULES[0]!.reply]);
});

it("cuts a long keyword reply's preview to Inbox's 256 characters and sends the reply whole", async () => {
  const long = `Prices: ${'and more '.repeat(40)}`.trim();
  const site = await setup({ chatAutoReplies: { rules: [{ keywords: ['price'], reply: long }] } });
  await site.visitorChats('price?');
  await site.deliver();
  const [, reply] = (await site.messages()) as (StoredMessage & { content: { previewText?: string } })[];
  expect(textOf(reply!)).toBe(long);
  expect(reply!.content.previewText).toBe(long.slice(0, 256));
});

it('logs the reply under the event it answers, with no message text', async () => {
  const site = await setup();
  const logged = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  await site.visitorChats('What is the price?');
  await site.deliver();
  const lines = logged.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
  expect(lines).toContainEqual(
    expect.objectContaining({
      handler: 'wixCrmInbox_onMessageSentToBusiness',
      status: 'done',
      detail: 'keyword reply (rule 1) sent',
    }),
  );
  expect(JSON.stringify(lines)).not.toContain('What is the price?');
});

it("keeps each conversation's away window its own: a second visitor gets the away message too", async () => {
  const site = await setup({ now: SUNDAY });
  await site.visitorChats('Hello?');
  await site.deliver();
  const other = await site.conversationOf(site.members.bob.id);
  await site.control.call('POST', '/_emulator/v1/inbox/chat-messages', { conversationId: other, text: 'Hi?' });
  const [second] = await site.deliver();
  expect(second!.result).toMatchObject({ status: 'done', detail: 'away message sent' });
});
