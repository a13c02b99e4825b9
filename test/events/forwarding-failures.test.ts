import * as inbox from 'backend/inbox.web';
import { startWebhookReceiver } from '../../local/velo/webhook-receiver';
import type { Delivery } from '../../local/velo/event-dispatcher';
import { automationConfig, setupEvents } from '../support/events';

/* A forwarding failure the main suite does not reach: a webhook nobody answers at. */

beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const outcome = (d: Delivery | undefined) => d?.result as { status: string; detail: string };

async function forwardTo(url: string, secret: string) {
  const site = await setupEvents({
    config: automationConfig({ forwarding: { enabled: true, url, maxAttempts: 2 } }),
  });
  await site.setSecret('inbox-forwarding-secret', secret);
  expect(await site.call(inbox, 'sendMemberMessage', ['Hello'], 'ann')).toMatchObject({ ok: true });
  const [delivery] = await site.deliver();
  return { site, delivery };
}

it('reports an unreachable webhook after its attempts, with one backoff between them', async () => {
  const receiver = await startWebhookReceiver();
  const url = receiver.url;
  await receiver.close(); // nothing listens there any more

  const { site, delivery } = await forwardTo(url, 'whsec_x');

  expect(outcome(delivery)).toEqual({ status: 'failed', detail: expect.stringContaining('webhook unreachable') });
  expect(site.sleeps).toHaveLength(1);
});
