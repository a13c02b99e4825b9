import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import type { MessageContent } from 'public/message-content';
import { initMemberMessagesPage, type MemberMessagesApi, type ThreadLine } from 'public/pages/member-messages-page';
import type { WebResult } from 'public/web-result';
import { fakeW } from '../../support/fake-w';
import { setupSite } from '../../support/site';

const NETWORK_ERROR = 'We could not reach the site. Check your connection and try again.';

/**
 * The member messages page on a fake `$w`, opened by `as` (ann unless told) with the real web methods,
 * or with the network down. The business first writes `businessMessages` to ann. `calls` records each
 * web method called and whether the send button was enabled at the time.
 */
async function setup(options: { as?: 'ann' | 'visitor'; network?: 'down'; businessMessages?: string[] } = {}) {
  const site = await setupSite();
  const as = options.as ?? 'ann';
  for (const text of options.businessMessages ?? []) {
    await site.call(admin, 'sendBasicMessage', [{ memberId: site.members.ann.id }, { items: [{ text }] }], 'admin');
  }
  const $w = fakeW();
  const calls: { method: string; buttonEnabled: boolean }[] = [];
  async function call<T>(method: string, args: unknown[]): Promise<WebResult<T>> {
    calls.push({ method, buttonEnabled: $w('#sendButton').enabled });
    if (options.network === 'down') throw new TypeError('Failed to fetch');
    return (await site.call(inbox, method, args, as)) as WebResult<T>;
  }
  const api: MemberMessagesApi = {
    sendMemberMessage: (text) => call('sendMemberMessage', [text]),
    getMyMessages: () => call<ThreadLine[]>('getMyMessages', []),
  };
  await initMemberMessagesPage($w, api);
  const annMessages = async () =>
    (await site.control.conversations())
      .filter((conversation) => conversation.participant.memberId === site.members.ann.id)
      .flatMap((conversation) => conversation.messages);
  return { site, $w, calls, annMessages };
}

it('shows "No messages yet." to a member who has not written yet', async () => {
  const { $w } = await setup();

  expect($w('#thread').text).toBe('No messages yet.');
  expect($w.shown('#memberError')).toBeUndefined();
  expect($w.shown('#memberSuccess')).toBeUndefined();
});

it("shows the member's thread on opening, oldest first", async () => {
  const { $w } = await setup({ businessMessages: ['Your order has shipped.', 'It arrives on Friday.'] });

  expect($w('#thread').text).toBe('Us: Your order has shipped.\nUs: It arrives on Friday.');
});

it('sends a message, clears the input and shows the message at the end of the thread', async () => {
  const { $w, annMessages } = await setup({ businessMessages: ['Your order has shipped.'] });
  $w('#memberMessage').value = 'Thanks, see you Friday!';
  await $w.click('#sendButton');

  expect($w.shown('#memberSuccess')).toBe('Message sent.');
  expect($w.shown('#memberError')).toBeUndefined();
  expect($w('#memberMessage').value).toBe('');
  expect($w('#thread').text).toBe('Us: Your order has shipped.\nYou: Thanks, see you Friday!');
  const sent = (await annMessages()).at(-1)!;
  expect(sent.direction).toBe('PARTICIPANT_TO_BUSINESS');
  expect((sent.content as MessageContent).basic).toEqual({ items: [{ text: 'Thanks, see you Friday!' }] });
});

it('disables the button while sending and enables it again after', async () => {
  const { $w, calls } = await setup();
  $w('#memberMessage').value = 'Hello!';
  await $w.click('#sendButton');

  expect(calls).toEqual([
    { method: 'getMyMessages', buttonEnabled: true },
    { method: 'sendMemberMessage', buttonEnabled: false },
    { method: 'getMyMessages', buttonEnabled: false },
  ]);
  expect($w('#sendButton').enabled).toBe(true);
});

it('shows an error for an empty message and makes no call', async () => {
  const { site, $w, calls } = await setup();
  const requestsBefore = (await site.control.requests()).length;
  $w('#memberMessage').value = '   ';
  await $w.click('#sendButton');

  expect($w.shown('#memberError')).toBe('Please write a message first.');
  expect($w.shown('#memberSuccess')).toBeUndefined();
  expect(calls.map((c) => c.method)).toEqual(['getMyMessages']);
  expect(await site.control.requests()).toHaveLength(requestsBefore);
});

it("shows the backend's error for a message over 2,000 characters and keeps the text", async () => {
  const { $w, annMessages } = await setup();
  const text = 'a'.repeat(2001);
  $w('#memberMessage').value = text;
  await $w.click('#sendButton');

  expect($w.shown('#memberError')).toBe('Message must be at most 2000 characters');
  expect($w.shown('#memberSuccess')).toBeUndefined();
  expect($w('#memberMessage').value).toBe(text);
  expect($w('#sendButton').enabled).toBe(true);
  expect(await annMessages()).toEqual([]);
});

it('shows an Inbox outage and keeps the text and the thread', async () => {
  const { site, $w, annMessages } = await setup({ businessMessages: ['Your order has shipped.'] });
  const backendLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  await site.control.fault('POST', '/inbox/v2/messages', 503);
  $w('#memberMessage').value = 'Where is it now?';
  await $w.click('#sendButton');
  expect(backendLog).toHaveBeenCalledWith(
    '[inbox] sendMemberMessage failed:',
    expect.objectContaining({ status: 503 }),
  );
  backendLog.mockRestore();

  expect($w.shown('#memberError')).toBe('Messaging is temporarily unavailable. Please try again in a moment.');
  expect($w.shown('#memberSuccess')).toBeUndefined();
  expect($w('#memberMessage').value).toBe('Where is it now?');
  expect($w('#thread').text).toBe('Us: Your order has shipped.');
  expect(await annMessages()).toHaveLength(1);
});

it('shows the network message when the site cannot be reached, and enables the button again', async () => {
  const { site, $w } = await setup({ network: 'down' });
  expect($w.shown('#memberError')).toBe(NETWORK_ERROR);

  $w('#memberMessage').value = 'Hello?';
  await $w.click('#sendButton');

  expect($w.shown('#memberError')).toBe(NETWORK_ERROR);
  expect($w('#memberMessage').value).toBe('Hello?');
  expect($w('#sendButton').enabled).toBe(true);
  expect(await site.control.conversations()).toEqual([]);
});

it('shows the failure message to a visitor, whose calls Velo refuses, and stores nothing', async () => {
  const { site, $w } = await setup({ as: 'visitor' });
  expect($w.shown('#memberError')).toBe(NETWORK_ERROR);

  $w('#memberMessage').value = 'Let me in';
  await $w.click('#sendButton');

  expect($w.shown('#memberError')).toBe(NETWORK_ERROR);
  expect($w.shown('#memberSuccess')).toBeUndefined();
  expect(await site.control.conversations()).toEqual([]);
});
