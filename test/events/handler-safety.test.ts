import * as events from 'backend/events';
import { CLAIMS_COLLECTION } from 'backend/automations/claims';
import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { inboxSettings } from 'backend/lib/settings';
import { runWithWixContext } from '../../local/velo/wix-context';
import { createEventHandlers, systemDeps } from 'backend/automations/event-handlers';
import { runHandler } from 'backend/automations/run-handler';
import { lazySchema } from 'public/validation';
import { automationConfig, setupEvents } from '../support/events';

/** The site's handlers with chat auto-replies on the legacy chat path (`wixChat_onMessage`). */
const legacyChat = () =>
  createEventHandlers(
    automationConfig({ chatAutoReplies: { answer: 'legacy-chat' } }),
    systemDeps,
  ) as unknown as Record<string, unknown>;

const HANDLERS = [
  'wixBlog_onPostLiked',
  'wixChat_onMessage',
  'wixCrmInbox_onMessageSentToBusiness',
  'wixCrmInbox_onMessageSentToParticipant',
  'wixCrm_onFormSubmit',
  'wixForms_onSubmissionCreated',
  'wixForms_onSubmissionUpdated',
] as const;
type HandlerName = (typeof HANDLERS)[number];

const ID = '00000000-0000-4000-8000-0000000000ff';
const VISITOR = '7f000000-0000-4000-8000-0000000000d1';
const inboxEvent = (message: Record<string, unknown>, rest: Record<string, unknown> = {}) => ({
  data: { conversationId: ID, message: { _id: ID, direction: 'PARTICIPANT_TO_BUSINESS', ...message } },
  metadata: { id: ID },
  ...rest,
});
const chatEvent = (fields: Record<string, unknown>) => ({
  channelId: ID,
  type: 'TEXT',
  participantId: VISITOR,
  direction: 'VisitorToBusiness',
  createdAt: '2026-11-23T10:00:00.000Z',
  payload: { text: 'price?' },
  ...fields,
});

/** Payloads no handler may act on: every handler gets the common ones plus its own near misses. */
const COMMON: [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['an empty object', {}],
  ['a string', 'event'],
  ['a number', 42],
  ['an array', [{ metadata: { id: ID } }]],
  ['data null', { data: null, metadata: { id: ID } }],
];
const NEAR_MISSES: Record<HandlerName, [string, unknown][]> = {
  wixBlog_onPostLiked: [
    ['no liker', { data: { postId: 'p1' }, metadata: { id: ID } }],
    ['no post id', { data: { memberId: ID } }],
    ['an empty post id', { data: { postId: '', anonymousVisitorId: VISITOR } }],
    ['a numeric member id', { data: { postId: 'p1', memberId: 7 } }],
    ['a numeric event id', { data: { postId: 'p1', memberId: ID }, metadata: { id: 7 } }],
  ],
  wixChat_onMessage: [
    ['no channel id', chatEvent({ channelId: undefined })],
    ['an empty channel id', chatEvent({ channelId: '' })],
    ['an unknown direction', chatEvent({ direction: 'Sideways' })],
    ['text that is not a string', chatEvent({ payload: { text: { html: '<b>' } } })],
    ['no createdAt', chatEvent({ createdAt: undefined })],
    ['a createdAt that is not a date', chatEvent({ createdAt: 'yesterday-ish' })],
    ['an invalid Date', chatEvent({ createdAt: new Date(Number.NaN) })],
    ['metadata that is a string', chatEvent({ metadata: 'auto' })],
  ],
  wixCrm_onFormSubmit: [
    ['no submission time', { formName: 'Form', contactId: ID, submissionData: [] }],
    ['submission data that is not a list', { contactId: ID, submissionTime: '2026-11-23', submissionData: 'x' }],
    ['a numeric field name', { submissionTime: '2026-11-23', submissionData: [{ fieldName: 7, fieldValue: 'x' }] }],
    ['attachments that are a string', { submissionTime: '2026-11-23', submissionData: [], attachments: 'x' }],
  ],
  wixForms_onSubmissionCreated: submissionNearMisses(),
  wixForms_onSubmissionUpdated: submissionNearMisses(),
  wixCrmInbox_onMessageSentToBusiness: inboxNearMisses(),
  wixCrmInbox_onMessageSentToParticipant: inboxNearMisses(),
};
/** The created and updated events carry the same payload: the submission, and the event's metadata. */
function submissionNearMisses(): [string, unknown][] {
  return [
    ['no entity', { metadata: { id: ID } }],
    ['no event id', { entity: { _id: ID, formId: ID, submissions: {} }, metadata: {} }],
    ['submissions that are a string', { entity: { _id: ID, formId: ID, submissions: 'x' }, metadata: { id: ID } }],
    ['submissions that are a list', { entity: { _id: ID, formId: ID, submissions: ['x'] }, metadata: { id: ID } }],
    ['submissions that are null', { entity: { _id: ID, formId: ID, submissions: null }, metadata: { id: ID } }],
    ['an empty form id', { entity: { _id: ID, formId: '', submissions: {} }, metadata: { id: ID } }],
    [
      'a numeric member submitter',
      { entity: { _id: ID, formId: ID, submissions: {}, submitter: { memberId: 7 } }, metadata: { id: ID } },
    ],
  ];
}
function inboxNearMisses(): [string, unknown][] {
  return [
    ['no event id', inboxEvent({}, { metadata: {} })],
    ['no message id', inboxEvent({ _id: undefined })],
    ['an empty conversation id', { ...inboxEvent({}), data: { conversationId: '', message: { _id: ID } } }],
    ['an unknown direction', inboxEvent({ direction: 'SIDEWAYS' })],
    ['a numeric preview text', inboxEvent({ content: { previewText: 12 } })],
    ['an id over 200 characters', inboxEvent({ _id: 'x'.repeat(201) })],
  ];
}
const CASES = HANDLERS.flatMap((name) =>
  [...COMMON, ...NEAR_MISSES[name]].map(([label, payload]) => ({ name, label, payload })),
);

type Recorded = { name: string; event: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

const claimIds = (site: { emulator: { context: { db: import('better-sqlite3').Database } } }) =>
  (
    site.emulator.context.db
      .prepare('SELECT id FROM data_items WHERE collection = ? ORDER BY rowid')
      .all(CLAIMS_COLLECTION) as { id: string }[]
  ).map((row) => row.id);

/** A site whose events go to `handlers`: the real events.ts unless a test brings its own. */
async function setup(handlers: Record<string, unknown> = events) {
  const site = await setupEvents({ handlers });
  const tokens = {
    callerToken: (await site.control.token('ANONYMOUS_VISITOR')).token,
    elevatedToken: (await site.control.token('APP')).token,
  };
  return {
    ...site,
    /** Calls a handler directly, as Velo would, with any payload. */
    invoke: (name: HandlerName, payload: unknown) =>
      runWithWixContext(site.emulator.fetch, tokens, async () => events[name](payload)),
    claims: () => claimIds(site),
    /** The claims still held: a claim given back stays, with a `~released-<n>` sibling (claims.ts). */
    heldClaims: () => {
      const ids = claimIds(site);
      const released = new Set(
        ids.flatMap((id) => {
          const match = /^(.*)~released-(\d+)$/.exec(id);
          return match ? [match[2] === '1' ? match[1]! : `${match[1]}~${match[2]}`] : [];
        }),
      );
      return ids.filter((id) => !/~released-\d+$/.test(id) && !released.has(id));
    },
  };
}

let errors: jest.SpyInstance;
beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

it('exports exactly the seven event handlers, as functions', () => {
  expect(Object.keys(events).sort()).toEqual([...HANDLERS]);
  for (const name of HANDLERS) expect(typeof events[name]).toBe('function');
});

it('names every rejected field of a payload', async () => {
  const site = await setup();
  const outcome = await site.invoke('wixChat_onMessage', chatEvent({ participantId: 7, direction: 'Sideways' }));
  expect(outcome).toEqual({ status: 'invalid', detail: 'payload rejected: participantId, direction' });
});

it.each(CASES)('$name answers invalid for $label, without throwing or calling an API', async ({ name, payload }) => {
  const site = await setup();
  const before = (await site.control.requests()).length;
  await expect(site.invoke(name, payload)).resolves.toEqual({ status: 'invalid', detail: expect.any(String) });
  expect((await site.control.requests()).length).toBe(before);
  expect(errors).toHaveBeenCalledTimes(1);
});

describe('a failing dependency', () => {
  it('fails a like when the claims collection is down, then handles the redelivery', async () => {
    const site = await setup();
    // Down for every attempt the call policy makes (a single 503 is retried: see test/site/fault-policy/).
    await site.control.fault('POST', '/wix-data/v2/items', 503, inboxSettings.wixCalls.maxAttempts);
    const { eventId } = await site.like('post-1', { memberId: site.members.ann.id });
    const [failed] = await site.deliver();
    expect(failed!.result).toEqual({ status: 'failed', detail: expect.stringMatching(/could not claim/) });
    expect((await site.control.requests()).filter((r) => r.path.startsWith('/inbox/'))).toEqual([]);

    await site.redeliver(eventId);
    const [retried] = await site.deliver();
    expect(retried!.result).toMatchObject({ status: 'done' });
    expect((await site.control.conversations()).flatMap((c) => c.messages)).toHaveLength(1);
  });

  it('fails a like when Inbox answers 503, gives the claim back, and sends it on redelivery', async () => {
    const site = await setup();
    await site.control.fault('POST', '/inbox/v2/messages', 503);
    const { eventId } = await site.like('post-2', { anonymousVisitorId: VISITOR });
    const [failed] = await site.deliver();
    expect(failed!.result).toEqual({ status: 'failed', detail: expect.stringMatching(/503/) });
    const key = `like:post-2:visitor:${VISITOR}`;
    expect(site.claims()).toEqual([key, `${key}~released-1`]);
    expect(site.heldClaims()).toEqual([]);

    await site.redeliver(eventId);
    const [retried] = await site.deliver();
    expect(retried!.result).toMatchObject({ status: 'done' });
    expect(site.heldClaims()).toEqual([`${key}~2`]); // the redelivery holds the key's next link
    expect((await site.control.conversations()).flatMap((c) => c.messages)).toHaveLength(1);
  });

  it('fails a chat reply when the channel was deleted, and holds no claim', async () => {
    const site = await setup(legacyChat());
    const channelId = await site.openChannel({ anonymousVisitorId: VISITOR });
    await site.chat(channelId, 'What is the price?');
    const { db } = site.emulator.context;
    db.prepare('DELETE FROM chat_messages WHERE channel_id = ?').run(channelId);
    db.prepare('DELETE FROM chat_channels WHERE id = ?').run(channelId);
    const [failed] = await site.deliver();
    expect(failed!.result).toEqual({ status: 'failed', detail: expect.stringMatching(/404/) });
    expect(site.claims()).toHaveLength(2); // the claim and its "released" sibling
    expect(site.heldClaims()).toEqual([]);

    await site.redeliver(failed!.eventId);
    const [again] = await site.deliver();
    expect(again!.result).toMatchObject({ status: 'failed' });
  });

  it('fails a chat reply when the chat API answers 503, and replies on redelivery', async () => {
    const site = await setup(legacyChat());
    const channelId = await site.openChannel({ anonymousVisitorId: VISITOR });
    await site.control.fault('POST', `/chat/v1/channels/${channelId}/messages`, 503);
    await site.chat(channelId, 'What is the price?');
    const [failed] = await site.deliver();
    expect(failed!.result).toMatchObject({ status: 'failed' });

    await site.redeliver(failed!.eventId);
    const deliveries = await site.deliver();
    expect(deliveries.map((d) => (d.result as { status: string }).status)).toEqual(['done', 'skipped']);
  });
});

describe('delivery', () => {
  it('delivers the events of a conversation in outbox order', async () => {
    const site = await setup();
    for (const text of ['first', 'second', 'third']) await site.call(inbox, 'sendMemberMessage', [text], 'ann');
    await site.call(
      admin,
      'sendBasicMessage',
      [{ memberId: site.members.ann.id }, { items: [{ text: 'ok' }] }],
      'admin',
    );
    const outbox = await site.control.events();
    const deliveries = await site.deliver();
    expect(deliveries.map((d) => d.eventId)).toEqual(outbox.map((e) => e.id));
    const seqs = deliveries.map((d) => d.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const [conversation] = await site.control.conversations();
    expect(outbox.map((e) => e.payload.metadata.entityId)).toEqual(conversation!.messages.map((m) => m.id));
    // Forwarding is off in the site's config: Inbox events are skipped.
    expect(deliveries.map((d) => (d.result as { status: string }).status)).toEqual(Array(4).fill('skipped'));
  });

  it('gives handlers Velo event objects: dates as Date, one event at a time', async () => {
    const received: Recorded[] = [];
    let active = 0;
    let overlapped = false;
    const record = (name: string) => async (event: unknown) => {
      overlapped ||= active > 0;
      active++;
      await new Promise((resolve) => setImmediate(resolve));
      received.push({ name, event });
      active--;
      return { status: 'done', detail: 'recorded' };
    };
    const site = await setup(Object.fromEntries(HANDLERS.map((name) => [name, record(name)])));
    await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');
    const channelId = await site.openChannel({ anonymousVisitorId: VISITOR });
    await site.chat(channelId, 'Hi');
    await site.like('post-1', { anonymousVisitorId: VISITOR });
    const outbox = await site.control.events();
    const deliveries = await site.deliver();

    expect(overlapped).toBe(false);
    expect(received.map((r) => r.name)).toEqual(outbox.map((e) => e.name));
    expect(deliveries.map((d) => d.result)).toEqual(Array(3).fill({ status: 'done', detail: 'recorded' }));
    const [inboxEvent, chat, like] = received.map((r) => r.event);
    expect(inboxEvent.data.message._createdDate).toBeInstanceOf(Date);
    expect(inboxEvent.data.message._createdDate.toISOString()).toBe(outbox[0]!.payload.data.message._createdDate);
    expect(inboxEvent.metadata.id).toBe(outbox[0]!.id);
    expect(chat.createdAt).toBeInstanceOf(Date);
    expect(chat.payload).toEqual({ text: 'Hi' });
    expect(like.data).toEqual({ postId: 'post-1', anonymousVisitorId: VISITOR });
  });

  it('delivers each event once when deliveries are requested concurrently', async () => {
    const site = await setup();
    for (const postId of ['p1', 'p2', 'p3']) await site.like(postId, { anonymousVisitorId: VISITOR });
    const [first, second] = await Promise.all([site.deliver(), site.deliver()]);
    // The three likes, then the Inbox events of the three like messages they sent.
    expect(first.map((d) => [d.seq, d.name])).toEqual([
      [1, 'wixBlog_onPostLiked'],
      [2, 'wixBlog_onPostLiked'],
      [3, 'wixBlog_onPostLiked'],
      [4, 'wixCrmInbox_onMessageSentToBusiness'],
      [5, 'wixCrmInbox_onMessageSentToBusiness'],
      [6, 'wixCrmInbox_onMessageSentToBusiness'],
    ]);
    expect(second).toEqual([]);
    expect((await site.control.conversations()).flatMap((c) => c.messages)).toHaveLength(3);
  });

  it('counts an event whose handler throws as delivered and goes on with the next', async () => {
    const site = await setup({
      wixBlog_onPostLiked: (event: { data: { postId: string } }) => {
        if (event.data.postId === 'boom') throw new Error('handler bug');
        return { status: 'done', detail: 'ok' };
      },
    });
    await site.like('boom', { anonymousVisitorId: VISITOR });
    await site.like('fine', { anonymousVisitorId: VISITOR });
    const channelId = await site.openChannel({ anonymousVisitorId: VISITOR });
    await site.chat(channelId, 'Hi');
    expect((await site.deliver()).map((d) => d.result)).toEqual([
      { status: 'threw', detail: 'handler bug' },
      { status: 'done', detail: 'ok' },
      { status: 'no-handler', detail: 'events.js exports no wixChat_onMessage' },
    ]);
    expect(await site.deliver()).toEqual([]);
  });
});

describe('a claim key that cannot be made', () => {
  /** A handler whose claim key throws: the failure is logged under the event's id, or its name. */
  const spec = {
    name: 'wixBlog_onPostLiked',
    schema: lazySchema((z) => z.looseObject({})),
    claimKey: (): string => {
      throw new Error('no key');
    },
    run: jest.fn(),
  };

  it.each([
    ['its event id', { metadata: { id: 'evt-1' } }, 'evt-1'],
    ["the handler's name when the event has no id", {}, 'wixBlog_onPostLiked'],
  ])('is logged as failed under %s, and nothing runs', async (_case, raw, key) => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const outcome = await runHandler(spec, raw);
    expect(outcome).toEqual({ status: 'failed', detail: 'could not claim the event: Error: no key' });
    expect(logged.mock.calls.map(([line]) => JSON.parse(String(line)) as unknown)).toEqual([
      { source: 'inbox-connector', handler: 'wixBlog_onPostLiked', key, ...outcome },
    ]);
    expect(spec.run).not.toHaveBeenCalled();
  });
});
