import type { AutomationConfig } from 'backend/automations/config';
import * as inbox from 'backend/inbox.web';
import { automationConfig, setupEvents } from '../support/events';

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

async function setup(options: { now?: number; businessHours?: Partial<AutomationConfig['businessHours']> } = {}) {
  const site = await setupEvents({
    config: automationConfig({
      chatAutoReplies: {
        enabled: true,
        answer: 'inbox-events',
        rules: RULES,
        away: { enabled: true, message: AWAY, oncePerHours: 12 },
      },
      ...(options.businessHours ? { businessHours: options.businessHours } : {}),
    }),
    now: options.now ?? MONDAY_OPEN,
  });
  site.emulator.context.clock = { now: () => site.clock.now };
  const app = (await site.control.token('APP')).token;
  const conversationId = (
    (await (
      await site.emulator.fetch(
        new Request('https://www.wixapis.com/inbox/v2/conversations', {
          method: 'POST',
          headers: { Authorization: app, 'content-type': 'application/json' },
          body: JSON.stringify({ participantId: { memberId: site.members.ann.id } }),
        }),
      )
    ).json()) as { conversation: { id: string } }
  ).conversation.id;
  return {
    ...site,
    conversationId,
    /** Ann types in the chat widget. */
    visitorChats: (text: string) =>
      site.control.call('POST', '/_emulator/v1/inbox/chat-messages', { conversationId, text }),
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
