import type { AutomationConfig } from 'backend/automations/config';
import { SIGNATURE_HEADER, verify } from 'backend/automations/signature';
import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { startWebhookReceiver } from '../../local/velo/webhook-receiver';
import type { Delivery } from '../../local/velo/event-dispatcher';
import { automationConfig, setupEvents } from '../support/events';

const SECRET = 'whsec_test_5b1f0c2e';
const FORM = { firstName: 'Cara', lastName: 'Diaz', email: 'cara@example.com', message: 'Do you ship to Portugal?' };
const TO_BUSINESS = 'wixCrmInbox_onMessageSentToBusiness';
const TO_PARTICIPANT = 'wixCrmInbox_onMessageSentToParticipant';

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
interface ForwardedBody {
  eventId: string;
  event: string;
  conversationId: string;
  message: { id: string; direction: string; sentAt?: string; previewText?: string };
}

let receiver: Receiver;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
  // Outcome lines (and the error lines of the failures these tests cause) are not test output.
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  jest.restoreAllMocks();
  await receiver.close();
});

async function setup(forwarding: Partial<AutomationConfig['forwarding']> = {}, secret: string | null = SECRET) {
  const site = await setupEvents({
    config: automationConfig({ forwarding: { enabled: true, url: receiver.url, ...forwarding } }),
  });
  if (secret !== null) await site.setSecret('inbox-forwarding-secret', secret);
  return {
    ...site,
    /** A member's contact form: one message to the business and the business acknowledgement. */
    async submitForm() {
      expect(await site.call(inbox, 'submitContactForm', [FORM], 'ann')).toMatchObject({ ok: true });
    },
    bodies: () => receiver.received.map((r) => JSON.parse(r.body) as ForwardedBody),
  };
}

const outcome = (d: Delivery | undefined) => d?.result as { status: string; detail: string };

it('forwards a contact form to the business and its acknowledgement, with the event id', async () => {
  const site = await setup();
  await site.submitForm();
  const deliveries = await site.deliver();
  expect(deliveries.map((d) => [d.name, outcome(d)])).toEqual([
    [TO_BUSINESS, { status: 'done', detail: 'forwarded (attempt 1)' }],
    [TO_PARTICIPANT, { status: 'done', detail: 'forwarded (attempt 1)' }],
  ]);
  const events = await site.control.events();
  expect(receiver.received.map((r) => [r.method, r.path, r.headers['content-type']])).toEqual([
    ['POST', '/hooks/inbox', 'application/json'],
    ['POST', '/hooks/inbox', 'application/json'],
  ]);
  expect(receiver.received.map((r) => r.headers['x-inbox-event-id'])).toEqual(events.map((e) => e.id));
  const [form, ack] = site.bodies();
  expect(form).toEqual({
    eventId: events[0]!.id,
    event: TO_BUSINESS,
    conversationId: events[0]!.payload.data.conversationId,
    message: {
      id: events[0]!.payload.metadata.entityId,
      direction: 'PARTICIPANT_TO_BUSINESS',
      sentAt: events[0]!.payload.data.message._createdDate,
    },
  });
  expect(ack).toMatchObject({ event: TO_PARTICIPANT, message: { direction: 'BUSINESS_TO_PARTICIPANT' } });
});

it('sends only ids, direction, event and time by default: no names, emails or text', async () => {
  const site = await setup();
  await site.submitForm();
  await site.call(inbox, 'sendMemberMessage', ['Private note from Ann'], 'ann');
  await site.deliver();
  expect(receiver.received).toHaveLength(3);
  for (const body of site.bodies()) {
    expect(Object.keys(body).sort()).toEqual(['conversationId', 'event', 'eventId', 'message']);
    expect(Object.keys(body.message).sort()).toEqual(['direction', 'id', 'sentAt']);
  }
  const raw = receiver.received.map((r) => r.body).join('\n');
  for (const leak of [FORM.email, FORM.firstName, FORM.lastName, FORM.message, 'Private note', 'ann@example.com']) {
    expect(raw).not.toContain(leak);
  }
});

it('includes the preview text when the site opts in', async () => {
  const site = await setup({ includeMessageText: true });
  await site.call(inbox, 'sendMemberMessage', ['When does the sale start?'], 'ann');
  await site.deliver();
  expect(site.bodies()).toEqual([
    expect.objectContaining({
      event: TO_BUSINESS,
      message: expect.objectContaining({ previewText: 'When does the sale start?' }),
    }),
  ]);
});

it('forwards an admin reply as onMessageSentToParticipant', async () => {
  const site = await setup();
  const reply = [{ memberId: site.members.ann.id }, { items: [{ text: 'Thanks, Ann!' }] }];
  expect(await site.call(admin, 'sendBasicMessage', reply, 'admin')).toMatchObject({ ok: true });
  const [delivery] = await site.deliver();
  expect(delivery).toMatchObject({ name: TO_PARTICIPANT, result: { status: 'done' } });
  expect(site.bodies()).toEqual([
    expect.objectContaining({
      event: TO_PARTICIPANT,
      message: expect.objectContaining({ direction: 'BUSINESS_TO_PARTICIPANT' }),
    }),
  ]);
  expect(receiver.received[0]!.body).not.toContain('Thanks, Ann');
});

it('signs the exact body with the secret and the current time', async () => {
  const site = await setup();
  await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');
  await site.deliver();
  const [{ body, headers }] = receiver.received as [Receiver['received'][number]];
  const header = String(headers[SIGNATURE_HEADER]);
  const now = site.clock.now / 1000;
  expect(header).toMatch(new RegExp(`^t=${now},v1=[0-9a-f]{64}$`));
  expect(verify(SECRET, body, header, now)).toBe(true);
  expect(verify('another-secret', body, header, now)).toBe(false);
  expect(verify(SECRET, body.replace('PARTICIPANT_TO_BUSINESS', 'BUSINESS_TO_PARTICIPANT'), header, now)).toBe(false);
  expect(verify(SECRET, `${body} `, header, now)).toBe(false);
  // A replay long after the fact is refused.
  expect(verify(SECRET, body, header, now + 3600)).toBe(false);
});

it('retries a 503 once with one backoff and reports the second attempt', async () => {
  const site = await setup();
  receiver.plan({ status: 503 });
  await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');
  const [delivery] = await site.deliver();
  expect(outcome(delivery)).toEqual({ status: 'done', detail: 'forwarded (attempt 2)' });
  expect(receiver.received).toHaveLength(2);
  expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
  expect(receiver.received[1]!.headers['x-inbox-event-id']).toBe(delivery!.eventId);
  expect(site.sleeps).toEqual([200]);
});

it('gives up after maxAttempts on a lasting 500, without throwing into the platform', async () => {
  const site = await setup({ maxAttempts: 3 });
  receiver.plan({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
  await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');
  const [delivery] = await site.deliver();
  expect(outcome(delivery)).toEqual({ status: 'failed', detail: 'WebhookFailed: webhook answered 500' });
  expect(receiver.received).toHaveLength(3);
  // Exponential backoff: 200 ms, then 400 ms (jitter fixed at its middle).
  expect(site.sleeps).toEqual([200, 400]);
});

it('retries a webhook that answers 429 (too many requests)', async () => {
  const site = await setup();
  receiver.plan({ status: 429 });
  await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');
  const [delivery] = await site.deliver();
  expect(outcome(delivery)).toEqual({ status: 'done', detail: 'forwarded (attempt 2)' });
  expect(receiver.received).toHaveLength(2);
});

it('does not retry a 400', async () => {
  const site = await setup();
  receiver.plan({ status: 400 });
  await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');
  const [delivery] = await site.deliver();
  expect(outcome(delivery).status).toBe('failed');
  expect(receiver.received).toHaveLength(1);
  expect(site.sleeps).toEqual([]);
});

it('retries an attempt that times out', async () => {
  const site = await setup({ timeoutMs: 200 });
  receiver.plan({ status: 200, delayMs: 2000 });
  await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');
  const [delivery] = await site.deliver();
  expect(outcome(delivery)).toEqual({ status: 'done', detail: 'forwarded (attempt 2)' });
  expect(receiver.received).toHaveLength(2);
  expect(site.sleeps).toHaveLength(1);
});

it('says the webhook timed out, not that it was unreachable, when its last attempt runs out of time', async () => {
  const site = await setup({ timeoutMs: 200, maxAttempts: 1 });
  receiver.plan({ status: 200, delayMs: 2000 });
  await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');
  const [delivery] = await site.deliver();
  expect(outcome(delivery)).toEqual({
    status: 'failed',
    detail: expect.stringContaining('webhook timed out after 200 ms'),
  });
});

it('fails without any webhook request when the secret is missing', async () => {
  const site = await setup({}, null);
  await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');
  const [delivery] = await site.deliver();
  expect(outcome(delivery)).toEqual({ status: 'failed', detail: expect.stringMatching(/404/) });
  expect(receiver.received).toHaveLength(0);
});

it('fails without any webhook request when Secrets Manager answers no value', async () => {
  const site = await setup();
  // `value` is optional in @wix/secrets' typings: an answer without it must not sign with "undefined".
  const original = site.emulator.fetch.bind(site.emulator);
  site.emulator.fetch = async (request) =>
    new URL(request.url).pathname.endsWith('/secrets/name/inbox-forwarding-secret')
      ? Response.json({})
      : original(request);
  await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');
  const [delivery] = await site.deliver();
  expect(outcome(delivery)).toEqual({
    status: 'failed',
    detail: expect.stringContaining('secret "inbox-forwarding-secret" is empty'),
  });
  expect(receiver.received).toHaveLength(0);
});

it('releases the claim of a failed forward, so a redelivery forwards it', async () => {
  const site = await setup({ maxAttempts: 2 });
  receiver.plan({ status: 500 }, { status: 500 });
  await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');
  const [failed] = await site.deliver();
  expect(outcome(failed).status).toBe('failed');

  await site.redeliver(failed!.eventId);
  const [retried] = await site.deliver();
  expect(retried).toMatchObject({ eventId: failed!.eventId, redelivery: true });
  expect(outcome(retried)).toEqual({ status: 'done', detail: 'forwarded (attempt 1)' });
  expect(receiver.received.map((r) => r.headers['x-inbox-event-id'])).toEqual(Array(3).fill(failed!.eventId));
});

it('does not forward a redelivered event twice', async () => {
  const site = await setup();
  await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann');
  const [first] = await site.deliver();
  await site.redeliver(first!.eventId);
  const [again] = await site.deliver();
  expect(outcome(again).status).toBe('duplicate');
  expect(receiver.received).toHaveLength(1);
});

it('forwards only the configured directions', async () => {
  const site = await setup({ directions: ['BUSINESS_TO_PARTICIPANT'] });
  await site.submitForm();
  const deliveries = await site.deliver();
  expect(deliveries.map((d) => [d.name, outcome(d).status])).toEqual([
    [TO_BUSINESS, 'skipped'],
    [TO_PARTICIPANT, 'done'],
  ]);
  expect(site.bodies().map((b) => b.message.direction)).toEqual(['BUSINESS_TO_PARTICIPANT']);
  expect(outcome(deliveries[0]).detail).toMatch(/^PARTICIPANT_TO_BUSINESS is not forwarded;/); // and the auto-reply's own detail
});

it('forwards nothing and makes no API call when forwarding is off', async () => {
  const site = await setup({ enabled: false });
  await site.submitForm();
  const before = (await site.control.requests()).length;
  const deliveries = await site.deliver();
  expect(deliveries.map((d) => outcome(d).status)).toEqual(['skipped', 'skipped']);
  expect((await site.control.requests()).length).toBe(before);
  expect(receiver.received).toHaveLength(0);
});
