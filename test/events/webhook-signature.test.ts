import { createHmac } from 'node:crypto';
import { verify } from 'backend/automations/signature';
import * as inbox from 'backend/inbox.web';
import { startWebhookReceiver } from '../../local/velo/webhook-receiver';
import { automationConfig, setupEvents } from '../support/events';

/*
 * The webhook signature as documented (README, docs/decisions/0006-event-automations.md), computed
 * here with node:crypto alone, never with the code that signs: header `X-Inbox-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the secret from Wix Secrets Manager.
 */

const SECRET = 'whsec_independent_7c41';
const SENT_AT = Date.parse('2026-11-23T10:00:00Z');

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
let receiver: Receiver;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(async () => {
  jest.restoreAllMocks();
  await receiver.close();
});

/** The documented scheme, from its description: HMAC-SHA256 over `<t>.<body>`, hex. */
function documentedSignature(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}

async function forwardOneMessage() {
  const site = await setupEvents({
    now: SENT_AT,
    config: automationConfig({ forwarding: { enabled: true, url: receiver.url } }),
  });
  await site.setSecret('inbox-forwarding-secret', SECRET);
  expect(await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann')).toMatchObject({ ok: true });
  await site.deliver();
  expect(receiver.received).toHaveLength(1);
  return receiver.received[0]!;
}

it('signs "<t>.<body>" with HMAC-SHA256 and the secret, t being the unix seconds of sending', async () => {
  const { body, headers } = await forwardOneMessage();

  const t = 1_795_428_000; // 2026-11-23T10:00:00Z
  expect(headers['x-inbox-signature']).toBe(`t=${t},v1=${documentedSignature(SECRET, t, body)}`);
});

it('is not a signature of "<body>.<t>", of the body alone or with another secret', async () => {
  const { body, headers } = await forwardOneMessage();
  const v1 = /v1=([0-9a-f]{64})$/.exec(String(headers['x-inbox-signature']))![1];
  const t = 1_795_428_000;

  const wrong = [
    createHmac('sha256', SECRET).update(`${body}.${t}`).digest('hex'),
    createHmac('sha256', SECRET).update(body).digest('hex'),
    documentedSignature('another-secret', t, body),
  ];
  for (const signature of wrong) expect(v1).not.toBe(signature);
});

describe('verify, for receivers, with headers built here from the documented scheme', () => {
  const t = 1_795_428_000;
  const body = '{"event":"message"}';
  const header = `t=${t},v1=${documentedSignature(SECRET, t, body)}`;

  it('accepts a signature up to 300 s old or early, and refuses one 301 s away', () => {
    expect(verify(SECRET, body, header, t + 300)).toBe(true);
    expect(verify(SECRET, body, header, t - 300)).toBe(true);
    expect(verify(SECRET, body, header, t + 301)).toBe(false);
    expect(verify(SECRET, body, header, t - 301)).toBe(false);
  });

  it('returns false, without throwing, for a v1 of the wrong length, no v1, or a t that is not whole seconds', () => {
    const v1 = documentedSignature(SECRET, t, body);
    const malformed = [
      `t=${t},v1=${v1.slice(0, 62)}`, // one byte short
      `t=${t},v1=${v1}00`, // one byte long
      `t=${t}`,
      `t=${t},v1=`,
      `t=${t}.5,v1=${v1}`,
      `v1=${v1}`,
    ];
    for (const given of malformed) expect(verify(SECRET, body, given, t)).toBe(false);
  });
});
