import * as inbox from 'backend/inbox.web';
import { sendLikeSummaries } from 'backend/like-summary-job';
import { runWithWixContext } from '../../local/velo/wix-context';
import { automationConfig, setupEvents } from '../support/events';
import { timeOutRequests } from '../support/time-out-requests';

/**
 * A Wix call an event handler or the scheduled job makes names itself in the site log when it does
 * not answer in time ("<call> did not answer within 10000 ms"), as the web methods' calls do
 * (test/site/promises/call-labels.test.ts): it is what tells the owner which call hung. Each call is
 * timed out on its own, by the request it sends.
 */

const TIMED_OUT = (label: string) => `${label} did not answer within 10000 ms`;
const outcome = (delivery: { result: unknown } | undefined) => delivery?.result as { status: string; detail: string };

const dataInsert = (method: string, path: string) => method === 'POST' && path === '/wix-data/v2/items';
const dataGet = (method: string, path: string) =>
  method === 'GET' && path.startsWith('/wix-data/v2/items/') && path !== '/wix-data/v2/items/query';
const dataQuery = (method: string, path: string) => method === 'GET' && path === '/wix-data/v2/items/query';
const secretRead = (method: string, path: string) => method === 'GET' && path.includes('/secrets/name/');

let restore: () => void = () => undefined;
beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  restore();
  jest.restoreAllMocks();
});

it('names the claim insert when it does not answer in time', async () => {
  const site = await setupEvents();
  await site.like('post-1', { memberId: site.members.ann.id });
  // The inserts store nothing (Wix never got them), so reading the claim back finds none.
  await site.control.injectFault({
    method: 'POST',
    path: '/wix-data/v2/items',
    kind: 'timeout',
    delayMs: 20,
    count: 3,
  });
  restore = timeOutRequests(site, dataInsert);
  const [like] = await site.deliver();
  expect(outcome(like)).toMatchObject({ status: 'failed', detail: expect.stringContaining(TIMED_OUT('claim insert')) });
});

it('names the claim read when a redelivery finds the claim taken and the read does not answer', async () => {
  const site = await setupEvents();
  const { eventId } = await site.like('post-1', { memberId: site.members.ann.id });
  expect(outcome((await site.deliver())[0])).toMatchObject({ status: 'done' });
  await site.redeliver(eventId);
  restore = timeOutRequests(site, dataGet);
  const redelivered = (await site.deliver()).find((d) => d.name === 'wixBlog_onPostLiked');
  expect(outcome(redelivered)).toMatchObject({
    status: 'failed',
    detail: expect.stringContaining(TIMED_OUT('claim get')),
  });
});

it("names the claim read-back when a claim insert's answer was lost and the read does not answer", async () => {
  const site = await setupEvents();
  await site.like('post-1', { memberId: site.members.ann.id });
  // Stored, answer lost: the retry finds the item taken, so the claim is read back to see whose it is.
  await site.control.injectFault({ method: 'POST', path: '/wix-data/v2/items', kind: 'drop-after' });
  restore = timeOutRequests(site, dataGet);
  const [like] = await site.deliver();
  expect(outcome(like)).toMatchObject({ status: 'failed', detail: expect.stringContaining(TIMED_OUT('claim get')) });
});

it('says a failed event could not be given back for a retry, naming the call, when the release does not answer', async () => {
  const site = await setupEvents();
  await site.control.fault('POST', '/inbox/v2/messages', 503);
  await site.like('post-1', { memberId: site.members.ann.id });
  // The first insert is the claim; the next ones are the release and its retries.
  restore = timeOutRequests(site, dataInsert, 1);
  const [like] = await site.deliver();
  expect(outcome(like)).toMatchObject({
    status: 'failed',
    detail: expect.stringContaining(`not given back for a retry: WixCallTimedOut: ${TIMED_OUT('claim release')}`),
  });
});

it('names the secret read when forwarding cannot get its signing secret in time', async () => {
  const site = await setupEvents({
    config: automationConfig({ forwarding: { enabled: true, url: 'http://127.0.0.1:9/never-reached' } }),
  });
  await site.setSecret('inbox-forwarding-secret', 'whsec_test');
  expect(await site.call(inbox, 'sendMemberMessage', ['Hi'], 'ann')).toMatchObject({ ok: true });
  restore = timeOutRequests(site, secretRead);
  const forwarded = (await site.deliver()).find((d) => d.name === 'wixCrmInbox_onMessageSentToBusiness');
  expect(outcome(forwarded)).toMatchObject({
    status: 'failed',
    detail: expect.stringContaining(TIMED_OUT('getSecretValue')),
  });
});

it('names the legacy chat reply when wix-chat-backend does not answer in time', async () => {
  const rules = [{ keywords: ['price'], reply: 'Prices are on the Pricing page.' }];
  const site = await setupEvents({
    config: automationConfig({ chatAutoReplies: { enabled: true, answer: 'legacy-chat', rules } }),
  });
  const channelId = await site.openChannel({ anonymousVisitorId: '7f000000-0000-4000-8000-0000000000c1' });
  await site.chat(channelId, 'What is the price?');
  restore = timeOutRequests(site, (method, path) => method === 'POST' && path.startsWith('/chat/v1/channels/'));
  const reply = (await site.deliver()).find((d) => d.name === 'wixChat_onMessage');
  expect(outcome(reply)).toMatchObject({
    status: 'failed',
    detail: expect.stringContaining(TIMED_OUT('wix-chat-backend sendMessage')),
  });
});

it('names the like query when the summary job cannot read the likes in time', async () => {
  const site = await setupEvents();
  const tokens = {
    callerToken: (await site.control.token('WIX_USER')).token,
    elevatedToken: (await site.control.token('APP')).token,
  };
  restore = timeOutRequests(site, dataQuery);
  const result = await runWithWixContext(site.emulator.fetch, tokens, () => sendLikeSummaries());
  expect(result).toEqual({ failed: `WixCallTimedOut: ${TIMED_OUT('like summary query')}` });
});
