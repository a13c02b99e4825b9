import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import type { MessageContent } from 'public/message-content';
import {
  initMemberMessagesPage,
  LOGIN_TO_SEE_MESSAGES,
  type MemberMessagesApi,
} from 'public/pages/member-messages-page';
import type { ThreadItem } from 'public/thread-item';
import { ADMIN_NOT_A_MEMBER } from 'backend/lib/member-messages';
import type { WebResult } from 'public/web-result';
import { fakeW } from '../../support/fake-w';
import { countingReads } from '../../support/member-api';
import { setupSite } from '../../support/site';

const NETWORK_ERROR = 'We could not reach the site. Check your connection and try again.';

/**
 * The member messages page on a fake `$w`, opened by `as` (ann unless told) with the real web methods,
 * or with the network down. The business first writes `businessMessages` to ann. `calls` records each
 * web method called and whether the send button was enabled at the time.
 */
async function setup(
  options: { as?: 'ann' | 'visitor' | 'admin'; network?: 'down'; businessMessages?: string[]; pollMs?: number } = {},
) {
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
    getMyMessages: () => call<ThreadItem[]>('getMyMessages', []),
  };
  const page = await initMemberMessagesPage($w, api, { pollMs: options.pollMs ?? 0 });
  afterTest.push(page.stop);
  const annMessages = async () =>
    (await site.control.conversations())
      .filter((conversation) => conversation.participant.memberId === site.members.ann.id)
      .flatMap((conversation) => conversation.messages);
  return { site, $w, calls, annMessages, page };
}

const afterTest: (() => void)[] = [];
afterEach(() => afterTest.splice(0).forEach((stop) => stop()));

/** What each repeated item shows, oldest first: sender and the visible text of each element. */
function shownThread($w: ReturnType<typeof fakeW>) {
  return $w('#thread').items.map(({ $item }) => ({
    sender: $item('#messageSender').text,
    ...($item.shown('#messageTitle') ? { title: $item.shown('#messageTitle') } : {}),
    text: $item.shown('#messageText'),
  }));
}

it('shows "No messages yet." to a member who has not written yet', async () => {
  const { $w } = await setup();

  expect($w.shown('#threadEmpty')).toBe('No messages yet.');
  expect($w('#thread').data).toEqual([]);
  expect($w.shown('#memberError')).toBeUndefined();
  expect($w.shown('#memberSuccess')).toBeUndefined();
});

it("shows the member's thread on opening as one repeater item per message, oldest first", async () => {
  const { $w } = await setup({ businessMessages: ['Your order has shipped.', 'It arrives on Friday.'] });

  expect(shownThread($w)).toEqual([
    { sender: 'Us', text: 'Your order has shipped.' },
    { sender: 'Us', text: 'It arrives on Friday.' },
  ]);
  expect($w.shown('#threadEmpty')).toBeUndefined();
  const [first] = $w('#thread').items;
  expect(first!.$item('#messageTime').text).toContain(String(new Date().getFullYear()));
});

it('sends a message, clears the input and shows the message at the end of the thread', async () => {
  const { $w, annMessages } = await setup({ businessMessages: ['Your order has shipped.'] });
  $w('#memberMessage').value = 'Thanks, see you Friday!';
  await $w.click('#sendButton');

  expect($w.shown('#memberSuccess')).toBe('Message sent.');
  expect($w.shown('#memberError')).toBeUndefined();
  expect($w('#memberMessage').value).toBe('');
  expect(shownThread($w)).toEqual([
    { sender: 'Us', text: 'Your order has shipped.' },
    { sender: 'You', text: 'Thanks, see you Friday!' },
  ]);
  const sent = (await annMessages()).at(-1)!;
  expect(sent.direction).toBe('PARTICIPANT_TO_BUSINESS');
  expect((sent.content as MessageContent).basic).toEqual({ items: [{ text: 'Thanks, see you Friday!' }] });
});

it('keeps a multi-line message in one item', async () => {
  const { $w } = await setup();
  $w('#memberMessage').value = 'First line\nSecond line';
  await $w.click('#sendButton');

  expect(shownThread($w)).toEqual([{ sender: 'You', text: 'First line\nSecond line' }]);
});

it('renders a template with its title, lines, image, link buttons and answer options', async () => {
  const { site, $w, page } = await setup();
  await site.call(
    admin,
    'sendTemplateMessage',
    [
      { memberId: site.members.ann.id },
      {
        title: 'Your delivery',
        textLines: ['Pick a new date below.', 'We deliver Monday to Friday.'],
        imageUrl: 'https://static.example.com/van.png',
        buttons: [
          { label: 'Choose a date', launchUrl: 'https://www.example.com/delivery' },
          { label: 'Call me', interactionId: 'call-back' },
        ],
      },
    ],
    'admin',
  );
  await page.refresh();

  const { $item } = $w('#thread').items[0]!;
  expect($item.shown('#messageTitle')).toBe('Your delivery');
  expect($item.shown('#messageText')).toBe('Pick a new date below.\nWe deliver Monday to Friday.');
  expect($item('#messageImage')).toMatchObject({ src: 'https://static.example.com/van.png', visible: true });
  expect($item('#messageLink1')).toMatchObject({
    label: 'Choose a date',
    link: 'https://www.example.com/delivery',
    target: '_blank',
    visible: true,
  });
  expect($item('#messageLink2').visible).toBe(false);
  expect($item.shown('#messageActions')).toBe('Options: Call me');
});

it('shows three links as buttons and lists the others in the text, with the time to the minute', async () => {
  const { site, $w, page } = await setup();
  const buttons = [1, 2, 3, 4, 5].map((n) => ({ label: `Page ${n}`, launchUrl: `https://www.example.com/${n}` }));
  await site.call(
    admin,
    'sendTemplateMessage',
    [{ memberId: site.members.ann.id }, { title: 'Links', buttons }],
    'admin',
  );
  await page.refresh();

  const { $item } = $w('#thread').items[0]!;
  expect([1, 2, 3].map((n) => $item(`#messageLink${n}`).label)).toEqual(['Page 1', 'Page 2', 'Page 3']);
  expect($item.shown('#messageText')).toBe('Page 4: https://www.example.com/4\nPage 5: https://www.example.com/5');
  expect($item('#messageImage').visible).toBe(false); // the message has no image
  expect($item.shown('#messageActions')).toBeUndefined(); // nor answer options
  // Medium date and short time (a month name, no seconds), in the visitor's own locale.
  const time = $item('#messageTime').text;
  expect(time).toMatch(/[A-Za-z]{3}/);
  expect(time).not.toMatch(/\d:\d\d:\d\d/);
});

it('lists several answer options in one line', async () => {
  const { site, $w, page } = await setup();
  const buttons = [
    { label: 'Call me', interactionId: 'call-back' },
    { label: 'Email me', interactionId: 'email-back' },
  ];
  await site.call(
    admin,
    'sendTemplateMessage',
    [{ memberId: site.members.ann.id }, { title: 'Next step', buttons }],
    'admin',
  );
  await page.refresh();
  expect($w('#thread').items[0]!.$item.shown('#messageActions')).toBe('Options: Call me · Email me');
});

it('shows the business reply on its next poll, without running onItemReady again for old items', async () => {
  const { site, $w } = await setup({ businessMessages: ['Hello Ann'], pollMs: 20 });
  const first = $w('#thread').items[0]!.$item;
  await site.call(
    admin,
    'sendBasicMessage',
    [{ memberId: site.members.ann.id }, { items: [{ text: 'Anything else?' }] }],
    'admin',
  );

  for (let i = 0; i < 100 && $w('#thread').items.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
  expect(shownThread($w)).toEqual([
    { sender: 'Us', text: 'Hello Ann' },
    { sender: 'Us', text: 'Anything else?' },
  ]);
  expect($w('#thread').items[0]!.$item).toBe(first);
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
  expect($w.focused).toBe('#memberMessage');
  expect($w.shown('#memberSuccess')).toBeUndefined();
  expect(calls.map((c) => c.method)).toEqual(['getMyMessages']);
  expect(await site.control.requests()).toHaveLength(requestsBefore);
});

it('clears the last error when the next message is sent, and the last success when the next one fails', async () => {
  const { $w } = await setup();
  $w('#memberMessage').value = '   ';
  await $w.click('#sendButton');
  expect($w.shown('#memberError')).toBe('Please write a message first.');

  $w('#memberMessage').value = 'Is my order ready?';
  await $w.click('#sendButton');
  expect($w.shown('#memberSuccess')).toBe('Message sent.');
  expect($w.shown('#memberError')).toBeUndefined();

  $w('#memberMessage').value = 'a'.repeat(2001);
  await $w.click('#sendButton');
  expect($w.shown('#memberError')).toBe('Message must be at most 2000 characters');
  expect($w.shown('#memberSuccess')).toBeUndefined();
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
  expect(shownThread($w)).toEqual([{ sender: 'Us', text: 'Your order has shipped.' }]);
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

it('tells a visitor, whose calls Velo refuses, to log in, and stores nothing', async () => {
  const { site, $w } = await setup({ as: 'visitor' });
  expect($w.shown('#memberError')).toBe(LOGIN_TO_SEE_MESSAGES);

  $w('#memberMessage').value = 'Let me in';
  await $w.click('#sendButton');

  expect($w.shown('#memberError')).toBe(LOGIN_TO_SEE_MESSAGES);
  expect($w.shown('#memberSuccess')).toBeUndefined();
  expect(await site.control.conversations()).toEqual([]);
});

it('tells a member whose login the site no longer knows (a 401) to log in, as for a refusal', async () => {
  // As the page's RPC client rejects a 401: an Error carrying the status.
  const expired = () => Promise.reject(Object.assign(new Error('Unknown token.'), { status: 401 }));
  const $w = fakeW();
  const page = await initMemberMessagesPage($w, { sendMemberMessage: expired, getMyMessages: expired }, { pollMs: 0 });
  afterTest.push(page.stop);
  expect($w.shown('#memberError')).toBe(LOGIN_TO_SEE_MESSAGES);

  $w('#memberMessage').value = 'Still there?';
  await $w.click('#sendButton');
  expect($w.shown('#memberError')).toBe(LOGIN_TO_SEE_MESSAGES);
});

it('tells a site admin where admins answer, not to log in', async () => {
  const { site, $w } = await setup({ as: 'admin' });
  expect($w.shown('#memberError')).toBe(ADMIN_NOT_A_MEMBER);

  $w('#memberMessage').value = 'Testing the page';
  await $w.click('#sendButton');

  expect($w.shown('#memberError')).toBe(ADMIN_NOT_A_MEMBER);
  expect(await site.control.conversations()).toEqual([]);
});

it('shows an image the business sent, described for screen readers when the message has no title', async () => {
  const { site, $w, page } = await setup();
  await site.call(
    admin,
    'sendBasicMessage',
    [{ memberId: site.members.ann.id }, { items: [{ image: { url: 'https://static.example.com/parcel.png' } }] }],
    'admin',
  );
  await page.refresh();

  const { $item } = $w('#thread').items[0]!;
  expect($item('#messageImage')).toMatchObject({
    src: 'https://static.example.com/parcel.png',
    alt: 'Image from the message',
    visible: true,
  });
  expect($item.shown('#messageText')).toBeUndefined();
});

it('reads the thread again every 10 seconds when the page gives no interval', async () => {
  const site = await setupSite();
  const $w = fakeW();
  const { api, reads } = countingReads(site);
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  try {
    const page = await initMemberMessagesPage($w, api);
    afterTest.push(page.stop);
    await site.call(
      admin,
      'sendBasicMessage',
      [{ memberId: site.members.ann.id }, { items: [{ text: 'Hi' }] }],
      'admin',
    );
    await jest.advanceTimersByTimeAsync(9_999);
    expect(reads()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    for (let i = 0; i < 50 && $w('#thread').items.length === 0; i++) await new Promise((r) => setImmediate(r));
    expect(reads()).toBe(2);
    expect(shownThread($w)).toEqual([{ sender: 'Us', text: 'Hi' }]);
  } finally {
    jest.useRealTimers();
  }
});
