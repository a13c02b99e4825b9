import * as admin from 'backend/inbox-admin.web';
import type { MessageContent } from 'public/message-content';
import {
  initAdminConsolePage,
  inputErrorFor,
  ONLY_ADMINS_CAN_SEND,
  parseButtons,
  pickerOption,
  type ListRecipients,
  type SendTemplateMessage,
} from 'public/pages/admin-console-page';
import type { WebResult } from 'public/web-result';
import { fakeW } from '../../support/fake-w';
import { setupSite } from '../../support/site';

const NETWORK_ERROR = 'We could not reach the site. Check your connection and try again.';
const CORRECT_FIELDS = 'Please correct the fields marked above.';

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
async function setup(options: { as?: 'admin' | 'visitor' | 'ann' } = {}) {
  const site = await setupSite();
  const $w = fakeW();
  const calls: { buttonEnabled: boolean; args: Parameters<SendTemplateMessage> }[] = [];
  const send: SendTemplateMessage = async (...args) => {
    calls.push({ buttonEnabled: $w('#sendTemplateButton').enabled, args });
    return (await site.call(admin, 'sendTemplateMessage', args, options.as ?? 'admin')) as WebResult<unknown>;
  };
  const list: ListRecipients = async (...args) =>
    (await site.call(admin, 'listRecipients', args, options.as ?? 'admin')) as Awaited<ReturnType<ListRecipients>>;
  await initAdminConsolePage($w, send, list);
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

  it('trims a pasted recipient id, and leaves out a title of spaces only', async () => {
    const { site, $w, calls, stored } = await setup();
    $w.fill({ '#recipientId': `  ${site.members.ann.id} `, '#templateTitle': '   ' });
    await $w.click('#sendTemplateButton');

    expect($w.shown('#adminSuccess')).toBe('Template message sent.');
    expect(calls[0]!.args[0]).toEqual({ memberId: site.members.ann.id });
    const [message] = await stored();
    expect(message!.content.template!.title).toBeUndefined();
  });

  it('hides the last success when the next send has a mistake', async () => {
    const { $w } = await setup();
    await $w.click('#sendTemplateButton');
    expect($w.shown('#adminSuccess')).toBe('Template message sent.');

    $w.fill({ '#recipientId': 'nope' });
    await $w.click('#sendTemplateButton');
    expect($w.shown('#adminSuccess')).toBeUndefined();
    expect($w.shown('#adminError')).toBe(CORRECT_FIELDS);
  });

  it('keeps the other errors shown when a recipient is chosen from the picker', async () => {
    const { $w } = await setup();
    $w.fill({ '#recipientId': 'nope', '#templateButtons': 'Track order |' });
    await $w.click('#sendTemplateButton');
    expect($w.shown('#recipientIdError')).toBeDefined();
    const [first] = $w('#recipientPicker').options;
    $w.choose('#recipientPicker', first!.value);

    expect($w.shown('#recipientIdError')).toBeUndefined();
    expect($w.shown('#templateButtonsError')).toBe('Button 1: Button link must be an absolute http(s) URL');
  });

  it('disables an empty recipient picker: there is no one to choose', async () => {
    const $w = fakeW();
    const send = () => Promise.reject(new Error('not called'));
    await initAdminConsolePage($w, send, async () => ({ ok: true, value: { recipients: [] } }));
    expect($w('#recipientPicker').options).toEqual([]);
    expect($w('#recipientPicker').enabled).toBe(false);
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

  it('shows the error for 11 buttons beside the buttons box, focuses it, and calls nothing', async () => {
    const { site, $w, calls } = await setup();
    $w('#templateButtons').value = Array.from({ length: 11 }, (_, i) => `Option ${i} | postback:option-${i}`).join(
      '\n',
    );
    await $w.click('#sendTemplateButton');

    expect($w.shown('#templateButtonsError')).toBe('At most 10 buttons');
    expect($w.shown('#adminError')).toBe(CORRECT_FIELDS);
    expect($w.focused).toBe('#templateButtons');
    expect($w.shown('#adminSuccess')).toBeUndefined();
    expect($w('#sendTemplateButton').enabled).toBe(true);
    expect(calls).toEqual([]);
    expect(await site.control.conversations()).toEqual([]);
  });

  it('names the button whose link is wrong, in words', async () => {
    const { site, $w } = await setup();
    $w('#templateButtons').value = 'All good | postback:order-ok\nTrack order | example.com/track/42';
    await $w.click('#sendTemplateButton');

    expect($w.shown('#templateButtonsError')).toBe('Button 2: Button link must be an absolute http(s) URL');
    expect($w.shown('#templateTitleError')).toBeUndefined();
    expect(await site.control.conversations()).toEqual([]);
  });

  it('shows a recipient id that is not an id beside the recipient box, first of several errors', async () => {
    const { site, $w } = await setup();
    $w.fill({ '#recipientId': 'ann@example.com', '#templateImageUrl': 'parcel.png' });
    await $w.click('#sendTemplateButton');

    expect($w.shown('#recipientIdError')).toBe('Member id must be an id');
    expect($w.shown('#templateImageUrlError')).toBe('Image URL must be an absolute http(s) URL');
    expect($w.focused).toBe('#recipientId');
    expect(await site.control.conversations()).toEqual([]);
  });

  it('refuses a template with only a recipient: nothing to send', async () => {
    const { site, $w, calls } = await setup();
    $w.fill({ '#templateTitle': '', '#templateLines': '  \n ', '#templateButtons': '' });
    await $w.click('#sendTemplateButton');

    expect($w.shown('#templateTitleError')).toBe('Add a title, a text line, an image or a button');
    expect($w.focused).toBe('#templateTitle');
    expect(calls).toEqual([]);
    expect(await site.control.conversations()).toEqual([]);
  });

  it('clears an error as soon as its field is corrected, and keeps the others', async () => {
    const { $w } = await setup();
    $w.fill({ '#recipientId': 'nope', '#templateButtons': 'Track order |' });
    await $w.click('#sendTemplateButton');
    expect($w.shown('#templateButtonsError')).toBeDefined();

    $w('#templateButtons').focus(); // the admin goes to the field to correct it
    $w.type('#templateButtons', 'Track order | https://example.com/track/42');

    expect($w.shown('#templateButtonsError')).toBeUndefined();
    expect($w.shown('#recipientIdError')).toBe('Member id must be an id');
    // Focus moves to an error only on Send: a correction never pulls the admin away from where they type.
    expect($w.focused).toBe('#templateButtons');
  });

  it('keeps an error while its field is still wrong, and shows nothing new while typing in a field that had none', async () => {
    const { $w } = await setup();
    $w.fill({ '#recipientId': 'nope', '#templateButtons': 'Track order |' });
    await $w.click('#sendTemplateButton');

    $w.type('#templateButtons', 'Track order | example.com');
    expect($w.shown('#templateButtonsError')).toBe('Button 1: Button link must be an absolute http(s) URL');
    // A new mistake waits for the next Send.
    $w.type('#templateImageUrl', 'parcel.png');
    expect($w.shown('#templateImageUrlError')).toBeUndefined();
    expect($w.shown('#recipientIdError')).toBe('Member id must be an id');
  });

  it('shows the error for 11 text lines beside the lines box, with no line number', async () => {
    const { $w, calls } = await setup();
    $w('#templateLines').value = Array.from({ length: 11 }, (_, i) => `Line ${i + 1}`).join('\n');
    await $w.click('#sendTemplateButton');

    expect($w.shown('#templateLinesError')).toBe('At most 10 text lines');
    expect($w.focused).toBe('#templateLines');
    expect(calls).toEqual([]);
  });

  it('shows an Inbox outage as the web method words it, with no field marked, and stores nothing', async () => {
    const { site, $w } = await setup();
    const backendLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await site.control.fault('POST', '/inbox/v2/messages', 503);
    await $w.click('#sendTemplateButton');
    backendLog.mockRestore();

    expect($w.shown('#adminError')).toBe('Messaging is temporarily unavailable. Please try again in a moment.');
    expect($w.shown('#adminSuccess')).toBeUndefined();
    for (const input of ['recipientId', 'templateTitle', 'templateLines', 'templateImageUrl', 'templateButtons']) {
      expect($w.shown(`#${input}Error`)).toBeUndefined();
    }
    expect($w('#sendTemplateButton').enabled).toBe(true);
    expect((await site.control.conversations()).flatMap((c) => c.messages)).toEqual([]);
  });

  it('hides an earlier error once a corrected template is sent', async () => {
    const { $w, stored } = await setup();
    $w('#templateButtons').value = 'Track order |';
    await $w.click('#sendTemplateButton');
    expect($w.shown('#adminError')).toBeDefined();

    $w('#templateButtons').value = 'Track order | https://example.com/track/42';
    await $w.click('#sendTemplateButton');

    expect($w.shown('#adminError')).toBeUndefined();
    expect($w.shown('#templateButtonsError')).toBeUndefined();
    expect($w.shown('#adminSuccess')).toBe('Template message sent.');
    expect(await stored()).toHaveLength(1);
  });

  it.each(['visitor', 'ann'] as const)(
    'tells a %s, whose call Velo refuses, that only site admins can send, and stores nothing',
    async (as) => {
      const { site, $w, calls } = await setup({ as });
      await $w.click('#sendTemplateButton');

      expect(calls).toHaveLength(1);
      expect($w.shown('#adminError')).toBe(ONLY_ADMINS_CAN_SEND);
      expect($w.shown('#adminSuccess')).toBeUndefined();
      expect($w('#sendTemplateButton').enabled).toBe(true);
      expect(await site.control.conversations()).toEqual([]);
      expect(await site.control.requests()).toEqual([]);
    },
  );

  it('offers the newest members in the recipient picker; choosing one fills the recipient and sends to them', async () => {
    const { site, $w, calls, stored } = await setup();
    $w.fill({ '#recipientType': 'contact', '#recipientId': '' });
    await $w.click('#sendTemplateButton');
    expect($w.shown('#recipientIdError')).toBe('Contact id must be an id');

    expect($w('#recipientPicker').enabled).toBe(true);
    expect($w('#recipientPicker').options).toEqual([
      { label: 'Bob Stone (bob@example.com) · member', value: `member:${site.members.bob.id}` },
      { label: 'Ann Lee (ann@example.com) · member', value: `member:${site.members.ann.id}` },
    ]);
    $w.choose('#recipientPicker', `member:${site.members.ann.id}`);
    expect($w('#recipientType').value).toBe('member');
    expect($w('#recipientId').value).toBe(site.members.ann.id);
    expect($w.shown('#recipientIdError')).toBeUndefined();

    await $w.click('#sendTemplateButton');
    expect($w.shown('#adminSuccess')).toBe('Template message sent.');
    expect(calls.at(-1)!.args[0]).toEqual({ memberId: site.members.ann.id });
    expect((await stored()).map((m) => m.conversation.participant.memberId)).toEqual([site.members.ann.id]);
  });

  it.each(['visitor', 'ann'] as const)(
    'leaves the picker empty and disabled for a %s, whose list Velo refuses',
    async (as) => {
      const { $w } = await setup({ as });
      expect($w('#recipientPicker').options).toEqual([]);
      expect($w('#recipientPicker').enabled).toBe(false);
    },
  );

  it('labels a contact who is not a member as a contact, and by email alone when it has no name', () => {
    expect(
      pickerOption({ name: 'cara@example.com', email: 'cara@example.com', recipient: { contactId: 'c1' } }),
    ).toEqual({
      label: 'cara@example.com · contact',
      value: 'contact:c1',
    });
  });

  it('shows the network message when the site cannot be reached', async () => {
    const $w = fakeW();
    const unreachable = () => Promise.reject(new TypeError('Failed to fetch'));
    await initAdminConsolePage($w, unreachable, unreachable);
    expect($w('#recipientPicker').enabled).toBe(false);
    $w.fill({ '#recipientId': '00000000-0000-4000-8000-000000000001', '#templateTitle': 'Hello' });
    await $w.click('#sendTemplateButton');

    expect($w.shown('#adminError')).toBe(NETWORK_ERROR);
  });
});

it('the web method itself refuses an empty template, so no other page can send a blank message', async () => {
  const site = await setupSite();
  const result = await site.call(admin, 'sendTemplateMessage', [{ memberId: site.members.ann.id }, {}], 'admin');

  expect(result).toEqual({
    ok: false,
    error: expect.objectContaining({
      code: 'INVALID_INPUT',
      fieldErrors: { content: 'Add a title, a text line, an image or a button' },
    }),
  });
  expect(await site.control.conversations()).toEqual([]);
});

describe('inputErrorFor', () => {
  it.each([
    ['content.buttons.0.launchUrl', 'Button link must be an absolute http(s) URL', 'templateButtons', 'Button 1: '],
    ['buttons', 'At most 10 buttons', 'templateButtons', ''],
    ['content.textLines.2', 'Text line is required', 'templateLines', 'Line 3: '],
    ['content.imageUrl', 'Image URL must be an absolute http(s) URL', 'templateImageUrl', ''],
    ['content', 'Add a title, a text line, an image or a button', 'templateTitle', ''],
    ['recipient.contactId', 'Contact id must be an id', 'recipientId', ''],
    ['recipient', 'Recipient must be { memberId } or { contactId }', 'recipientId', ''],
  ])('maps %s (%s) to #%s', (path, message, input, prefix) => {
    expect(inputErrorFor(path, message)).toEqual({ input, message: prefix + message });
  });
});
