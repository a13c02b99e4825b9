import * as chat from 'backend/chat.web';
import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { setupSite } from '../support/site';

const form = { firstName: 'Cara', email: 'cara@example.com', message: 'Hello' };
const text = { items: [{ text: 'Hi' }] };
const long = (n: number) => 'x'.repeat(n);
const button = { label: 'Open', launchUrl: 'https://shop.example.com' };
/** A JSON body as the browser sends it: `__proto__` arrives as an own key, not as a prototype. */
const hostileJson = (fields: object) => JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(fields).slice(1)}`);

type Args = (ids: { ann: string }) => unknown[];
type Case = [name: string, args: Args, fieldErrors: Record<string, string>];

const NOT_ACCEPTED = 'is not an accepted field';
const RECIPIENT = 'Recipient must be { memberId } or { contactId }';
const FORM = 'The form must be an object of its fields';
const LIMIT = 'Limit must be a whole number from 1 to 100';
const URL = 'must be an absolute http(s) URL';

const CASES: Record<string, Case[]> = {
  submitContactForm: [
    ['no form', () => [], { form: FORM }],
    ['a string form', () => ['Cara'], { form: FORM }],
    [
      'missing fields',
      () => [{ firstName: '  ' }],
      { firstName: 'First name is required', email: 'Email is required', message: 'Message is required' },
    ],
    [
      'wrong types',
      () => [{ ...form, firstName: 42, subscribeNewsletter: 'yes', website: 1 }],
      {
        firstName: 'First name must be text',
        subscribeNewsletter: 'Subscribe must be true or false',
        website: 'website must be text',
      },
    ],
    [
      'oversized fields and a bad email',
      () => [{ ...form, message: long(8193), lastName: long(101), email: 'cara@' }],
      {
        message: 'Message must be at most 8192 characters',
        lastName: 'Last name must be at most 100 characters',
        email: 'Email must be an email address',
      },
    ],
    [
      'extra fields, including inherited names',
      () => [{ ...form, conversationId: 'x', constructor: 'x', toString: 'x' }],
      { conversationId: NOT_ACCEPTED, constructor: NOT_ACCEPTED, toString: NOT_ACCEPTED },
    ],
    ['a __proto__ key', () => [hostileJson(form)], { ['__proto__']: NOT_ACCEPTED }],
  ],
  sendMemberMessage: [
    ['no text', () => [], { message: 'Message is required' }],
    ['blank text', () => [' \n '], { message: 'Message is required' }],
    ['an object for text', () => [hostileJson({ text: 'hi' })], { message: 'Message must be text' }],
    ['text over 2000 characters', () => [long(2001)], { message: 'Message must be at most 2000 characters' }],
  ],
  sendBasicMessage: [
    ['no arguments', () => [], { recipient: RECIPIENT, content: 'A basic message must be an object with items' }],
    ['a non-GUID member id', () => [{ memberId: 'ann' }, text], { 'recipient.memberId': 'Member id must be an id' }],
    [
      'no items',
      ({ ann }) => [{ memberId: ann }, { items: [] }],
      { 'content.items': 'A message needs at least one item' },
    ],
    [
      'bad items',
      ({ ann }) => [
        { memberId: ann },
        {
          items: [
            { text: long(16385) },
            { image: { url: 'javascript:alert(1)' } },
            { file: { url: '/invoice.pdf', filename: long(256) } },
            { text: 'a', image: { url: 'https://static.example.com/a.png' } },
          ],
        },
      ],
      {
        'content.items.0.text': 'Text must be at most 16384 characters',
        'content.items.1.image.url': `Media URL ${URL}`,
        'content.items.2.file.url': `Media URL ${URL}`,
        'content.items.2.file.filename': 'File name must be at most 255 characters',
        'content.items.3': 'An item must have exactly one of text, image or file',
      },
    ],
    [
      'a file with an overlong MIME type',
      ({ ann }) => [
        { memberId: ann },
        { items: [{ file: { url: 'https://a.example.com/f.pdf', mimeType: long(101) } }] },
      ],
      { 'content.items.0.file.mimeType': 'MIME type must be at most 100 characters' },
    ],
    [
      'media that is not an object',
      ({ ann }) => [{ memberId: ann }, { items: [{ image: 'https://a.example.com/a.png' }, { file: null }] }],
      {
        'content.items.0': 'An item must have exactly one of text, image or file',
        'content.items.1': 'An item must have exactly one of text, image or file',
      },
    ],
    [
      'items that are not a list',
      ({ ann }) => [{ memberId: ann }, { items: 'Hi' }],
      { 'content.items': 'Items must be a list' },
    ],
    [
      'options that are not an object',
      ({ ann }) => [{ memberId: ann }, text, 'yes'],
      { options: 'Options must be an object' },
    ],
    [
      'bad options',
      ({ ann }) => [{ memberId: ann }, text, { sendNotifications: 'yes', sendAs: 'PARTICIPANT' }],
      { 'options.sendNotifications': 'Send notifications must be true or false', 'options.sendAs': NOT_ACCEPTED },
    ],
  ],
  sendTemplateMessage: [
    ['a string for the template', ({ ann }) => [{ memberId: ann }, 'Hi'], { content: 'A template must be an object' }],
    [
      '11 buttons and 11 text lines',
      ({ ann }) => [{ memberId: ann }, { textLines: Array(11).fill('line'), buttons: Array(11).fill(button) }],
      { 'content.textLines': 'At most 10 text lines', 'content.buttons': 'At most 10 buttons' },
    ],
    [
      'bad template fields',
      ({ ann }) => [
        { memberId: ann },
        {
          title: long(257),
          imageUrl: 'ftp://static.example.com/a.png',
          textLines: [long(513)],
          buttons: [
            { label: 'Go', launchUrl: 'https://' },
            { label: long(81), interactionId: 'a' },
            { label: 'Both', launchUrl: 'https://a.example.com', interactionId: 'a' },
            { label: 'Long id', interactionId: long(257) },
          ],
          orientation: 'LANDSCAPE',
        },
      ],
      {
        'content.title': 'Title must be at most 256 characters',
        'content.imageUrl': `Image URL ${URL}`,
        'content.textLines.0': 'Text line must be at most 512 characters',
        'content.buttons.0.launchUrl': `Button link ${URL}`,
        'content.buttons.1.label': 'Button label must be at most 80 characters',
        'content.buttons.2': 'A button needs a label and exactly one of launchUrl or interactionId',
        'content.buttons.3.interactionId': 'Button action must be at most 256 characters',
        'content.orientation': NOT_ACCEPTED,
      },
    ],
    [
      'a __proto__ key in the content',
      ({ ann }) => [{ memberId: ann }, hostileJson({ title: 'Hi' })],
      { 'content.__proto__': NOT_ACCEPTED },
    ],
  ],
  sendMinimalMessage: [
    [
      'a string for the message',
      ({ ann }) => [{ memberId: ann }, 'Hi'],
      { content: 'A minimal message must be an object with text' },
    ],
    ['both recipient ids', ({ ann }) => [{ memberId: ann, contactId: ann }, { text: 'Hi' }], { recipient: RECIPIENT }],
    [
      'a non-GUID contact id',
      () => [{ contactId: '123' }, { text: 'Hi' }],
      { 'recipient.contactId': 'Contact id must be an id' },
    ],
    [
      'bad URLs and no text',
      ({ ann }) => [{ memberId: ann }, { iconUrl: 'icon.png', url: `https://a.example.com/${long(2000)}` }],
      {
        'content.text': 'Text is required',
        'content.iconUrl': `Icon URL ${URL}`,
        'content.url': 'Link must be at most 2000 characters',
      },
    ],
    [
      'a __proto__ key in the recipient',
      ({ ann }) => [hostileJson({ memberId: ann }), { text: 'Hi' }],
      { 'recipient.__proto__': NOT_ACCEPTED },
    ],
  ],
  listConversationMessages: [
    ['no recipient', () => [], { recipient: RECIPIENT }],
    [
      'a bad page',
      ({ ann }) => [{ memberId: ann }, hostileJson({ limit: 101, cursor: 7 })],
      {
        'page.limit': LIMIT,
        'page.cursor': 'Cursor must be the nextCursor of a previous page',
        'page.__proto__': NOT_ACCEPTED,
      },
    ],
    ['a fractional limit', ({ ann }) => [{ memberId: ann }, { limit: 2.5 }], { 'page.limit': LIMIT }],
    ['a limit of 0', ({ ann }) => [{ memberId: ann }, { limit: 0 }], { 'page.limit': LIMIT }],
    [
      'a cursor over 16,000 characters',
      ({ ann }) => [{ memberId: ann }, { cursor: long(16001) }],
      { 'page.cursor': 'Cursor must be the nextCursor of a previous page' },
    ],
    ['a string page', ({ ann }) => [{ memberId: ann }, 'next'], { page: 'Page must be an object' }],
  ],
  sendChatMessage: [
    ['no arguments', () => [], { channelId: 'Channel id is required', text: 'Message is required' }],
    [
      'a non-GUID channel and long text',
      () => ['general', long(4001)],
      { channelId: 'Channel id must be an id', text: 'Message must be at most 4000 characters' },
    ],
    ['an object for text', ({ ann }) => [ann, hostileJson({ text: 'x' })], { text: 'Message must be text' }],
  ],
};
const MODULE_OF: Record<string, Record<string, unknown>> = {
  submitContactForm: inbox,
  sendMemberMessage: inbox,
  listConversationMessages: admin,
  sendBasicMessage: admin,
  sendTemplateMessage: admin,
  sendMinimalMessage: admin,
  sendChatMessage: chat,
};
const TABLE = Object.entries(CASES).flatMap(([method, cases]) =>
  cases.map(([name, args, fieldErrors]) => ({ method, name, args, fieldErrors })),
);

let site: Awaited<ReturnType<typeof setupSite>>;
beforeEach(async () => {
  site = await setupSite();
});

afterEach(() => {
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

it.each(TABLE)('$method refuses $name with field errors, calls no API and stores nothing', async (c) => {
  const caller = c.method === 'sendMemberMessage' ? 'ann' : 'admin';
  const result = (await site.call(MODULE_OF[c.method]!, c.method, c.args({ ann: site.members.ann.id }), caller)) as {
    ok: false;
    error: { fieldErrors: Record<string, string> };
  };
  expect(result).toEqual({
    ok: false,
    error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Please correct/), fieldErrors: c.fieldErrors },
  });
  // Field names from the input are plain own keys of a plain object.
  expect(Object.keys(result.error.fieldErrors).sort()).toEqual(Object.keys(c.fieldErrors).sort());
  expect(Object.getPrototypeOf(result.error.fieldErrors)).toBe(Object.prototype);
  expect(await site.control.requests()).toEqual([]);
  expect(await site.control.conversations()).toEqual([]);
  expect(await site.control.events()).toEqual([]);
});

it('refuses a visitor form with a __proto__ key the same way', async () => {
  const result = await site.call(inbox, 'submitContactForm', [hostileJson({ ...form, website: '' })], 'visitor');
  expect(result).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', fieldErrors: { ['__proto__']: 'is not an accepted field' } },
  });
  expect(await site.control.requests()).toEqual([]);
});

it('getMyMessages takes no input and ignores whatever arguments it is given', async () => {
  const result = await site.call(inbox, 'getMyMessages', [hostileJson({ memberId: site.members.bob.id }), 'x'], 'ann');
  expect(result).toEqual({ ok: true, value: [] });
});

it('trims text and accepts it once the limits are met', async () => {
  const { ann } = site.members;
  expect(await site.call(inbox, 'sendMemberMessage', [` ${long(2000)} `], 'ann')).toEqual({
    ok: true,
    value: { sent: true },
  });
  const template = { textLines: Array(10).fill('line'), buttons: Array(10).fill(button) };
  expect(await site.call(admin, 'sendTemplateMessage', [{ memberId: ann.id }, template], 'admin')).toMatchObject({
    ok: true,
  });
  const [conversation] = await site.control.conversations();
  expect(conversation!.messages).toHaveLength(2);
});
