import * as admin from 'backend/inbox-admin.web';
import type { MessageContent } from 'public/message-content';
import { initAdminConsolePage, parseButtons, type SendTemplateMessage } from 'public/pages/admin-console-page';
import type { WebResult } from 'public/web-result';
import { fakeW } from '../../support/fake-w';
import { setupSite } from '../../support/site';

const NETWORK_ERROR = 'We could not reach the site. Check your connection and try again.';
const INVALID = 'Please correct the highlighted fields.';

describe('parseButtons', () => {
  it('reads "Label | https://link" as a button that opens the link', () => {
    expect(parseButtons('Track order | https://example.com/track/42')).toEqual([
      { label: 'Track order', launchUrl: 'https://example.com/track/42' },
    ]);
  });

  it('reads "Label | postback:id" as a button that reports that interaction id', () => {
    expect(parseButtons('All good | postback:order-ok')).toEqual([{ label: 'All good', interactionId: 'order-ok' }]);
  });

  it('ignores blank lines and the spaces around labels and targets', () => {
    expect(parseButtons('\n  Yes|postback:yes  \n\n   \n No  |  https://example.com/no \n')).toEqual([
      { label: 'Yes', interactionId: 'yes' },
      { label: 'No', launchUrl: 'https://example.com/no' },
    ]);
  });

  it('keeps a link that itself contains a pipe', () => {
    expect(parseButtons('Search | https://example.com/?q=a|b')).toEqual([
      { label: 'Search', launchUrl: 'https://example.com/?q=a|b' },
    ]);
  });

  it('reads a line without a target as a link with no URL, for sending to reject', () => {
    expect(parseButtons('Book now')).toEqual([{ label: 'Book now', launchUrl: '' }]);
  });
});

/**
 * The admin console on a fake `$w`, sending through the real `sendTemplateMessage` as `as` (the admin
 * unless told), with a valid template to ann filled in. `calls` records each call's arguments and
 * whether the send button was enabled at the time.
 */
async function setup(options: { as?: 'admin' | 'visitor' } = {}) {
  const site = await setupSite();
  const $w = fakeW();
  const calls: { buttonEnabled: boolean; args: Parameters<SendTemplateMessage> }[] = [];
  const send: SendTemplateMessage = async (...args) => {
    calls.push({ buttonEnabled: $w('#sendTemplateButton').enabled, args });
    return (await site.call(admin, 'sendTemplateMessage', args, options.as ?? 'admin')) as WebResult<unknown>;
  };
  initAdminConsolePage($w, send);
  $w.fill({
    '#recipientType': 'member',
    '#recipientId': site.members.ann.id,
    '#templateTitle': 'Your order has shipped',
    '#templateLines': 'It arrives on Friday.\n\n  Track it below.  ',
    '#templateButtons': 'Track order | https://example.com/track/42\nAll good | postback:order-ok',
  });
  $w('#sendNotifications').checked = true;
  const stored = async () =>
    (await site.control.conversations()).flatMap((conversation) =>
      conversation.messages.map((message) => ({ conversation, content: message.content as MessageContent })),
    );
  return { site, $w, calls, stored };
}

describe('initAdminConsolePage', () => {
  it('starts with the error and success messages hidden', async () => {
    const { $w } = await setup();

    expect($w.shown('#adminError')).toBeUndefined();
    expect($w.shown('#adminSuccess')).toBeUndefined();
  });

  it('sends a template with two buttons to a member, disabling the button while sending', async () => {
    const { site, $w, calls, stored } = await setup();
    await $w.click('#sendTemplateButton');

    expect($w.shown('#adminSuccess')).toBe('Template message sent.');
    expect($w.shown('#adminError')).toBeUndefined();
    expect(calls).toEqual([
      {
        buttonEnabled: false,
        args: [{ memberId: site.members.ann.id }, expect.any(Object), { sendNotifications: true }],
      },
    ]);
    expect($w('#sendTemplateButton').enabled).toBe(true);
    const [message, ...others] = await stored();
    expect(others).toEqual([]);
    expect(message!.conversation.participant.memberId).toBe(site.members.ann.id);
    expect(message!.content.template).toMatchObject({
      title: 'Your order has shipped',
      textLines: ['It arrives on Friday.', 'Track it below.'],
      buttons: [
        { label: 'Track order', launchUrl: 'https://example.com/track/42' },
        { label: 'All good', postbackProperties: { interactionId: 'order-ok' } },
      ],
    });
    expect(message!.content.template!.imageUrl).toBeUndefined();
  });

  it('sends to a contact, with an image, when the recipient type is contact', async () => {
    const { site, $w, stored } = await setup();
    $w.fill({
      '#recipientType': 'contact',
      '#recipientId': site.members.ann.contactId,
      '#templateImageUrl': ' https://example.com/parcel.png ',
    });
    await $w.click('#sendTemplateButton');

    expect($w.shown('#adminSuccess')).toBe('Template message sent.');
    const [message] = await stored();
    expect(message!.conversation.participant.contactId).toBe(site.members.ann.contactId);
    expect(message!.content.template!.imageUrl).toBe('https://example.com/parcel.png');
  });

  it('shows the field error for 11 buttons in #adminError and stores nothing', async () => {
    const { site, $w } = await setup();
    $w('#templateButtons').value = Array.from({ length: 11 }, (_, i) => `Option ${i} | postback:option-${i}`).join(
      '\n',
    );
    await $w.click('#sendTemplateButton');

    expect($w.shown('#adminError')).toBe(`${INVALID}\ncontent.buttons: At most 10 buttons`);
    expect($w.shown('#adminSuccess')).toBeUndefined();
    expect($w('#sendTemplateButton').enabled).toBe(true);
    expect(await site.control.conversations()).toEqual([]);
  });

  it('shows the field error for a bad link in #adminError and stores nothing', async () => {
    const { site, $w } = await setup();
    $w('#templateButtons').value = 'All good | postback:order-ok\nTrack order | example.com/track/42';
    await $w.click('#sendTemplateButton');

    expect($w.shown('#adminError')).toBe(
      `${INVALID}\ncontent.buttons.1.launchUrl: Button link must be an absolute http(s) URL`,
    );
    expect(await site.control.conversations()).toEqual([]);
  });

  it('shows the field error for a recipient id that is not an id, and stores nothing', async () => {
    const { site, $w } = await setup();
    $w('#recipientId').value = 'ann@example.com';
    await $w.click('#sendTemplateButton');

    expect($w.shown('#adminError')).toBe(`${INVALID}\nrecipient.memberId: Member id must be an id`);
    expect(await site.control.conversations()).toEqual([]);
  });

  it('hides an earlier error once a corrected template is sent', async () => {
    const { $w, stored } = await setup();
    $w('#templateButtons').value = 'Track order |';
    await $w.click('#sendTemplateButton');
    expect($w.shown('#adminError')).toBeDefined();

    $w('#templateButtons').value = 'Track order | https://example.com/track/42';
    await $w.click('#sendTemplateButton');

    expect($w.shown('#adminError')).toBeUndefined();
    expect($w.shown('#adminSuccess')).toBe('Template message sent.');
    expect(await stored()).toHaveLength(1);
  });

  it('shows the failure message to a visitor, whose call Velo refuses, and stores nothing', async () => {
    const { site, $w, calls } = await setup({ as: 'visitor' });
    await $w.click('#sendTemplateButton');

    expect(calls).toHaveLength(1);
    expect($w.shown('#adminError')).toBe(NETWORK_ERROR);
    expect($w.shown('#adminSuccess')).toBeUndefined();
    expect($w('#sendTemplateButton').enabled).toBe(true);
    expect(await site.control.conversations()).toEqual([]);
    expect(await site.control.requests()).toEqual([]);
  });
});
