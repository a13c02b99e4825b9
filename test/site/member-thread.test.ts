import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { invokeWebMethod } from '../../local/velo/web-method-invoker';
import { setupSite } from '../support/site';

/*
 * What a member reads of business messages that are not plain text: the whole text of a basic
 * message with several items (its first image as the item's image), an image alone, a minimal message.
 */

type Thread = { ok: true; value: { fromBusiness: boolean; text: string; sentAt: string }[] };
const SENT_AT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

async function threadAfter(send: (site: Awaited<ReturnType<typeof setupSite>>) => Promise<unknown>) {
  const site = await setupSite();
  expect(await send(site)).toMatchObject({ ok: true });
  const thread = (await site.call(inbox, 'getMyMessages', [], 'ann')) as Thread;
  expect(thread.ok).toBe(true);
  return thread.value;
}

const toAnn = (site: Awaited<ReturnType<typeof setupSite>>) => ({ memberId: site.members.ann.id });

it('joins the text items of a basic message line by line and shows its image apart', async () => {
  const thread = await threadAfter((site) =>
    site.call(
      admin,
      'sendBasicMessage',
      [
        toAnn(site),
        { items: [{ text: 'Line one' }, { image: { url: 'https://example.com/a.png' } }, { text: 'Line two' }] },
      ],
      'admin',
    ),
  );
  expect(thread).toEqual([
    {
      _id: expect.any(String),
      fromBusiness: true,
      kind: 'BASIC',
      text: 'Line one\nLine two',
      imageUrl: 'https://example.com/a.png',
      links: [],
      actions: [],
      sentAt: expect.stringMatching(SENT_AT),
    },
  ]);
});

it('shows a basic message that has only an image as the image, with no text', async () => {
  const thread = await threadAfter((site) =>
    site.call(
      admin,
      'sendBasicMessage',
      [toAnn(site), { items: [{ image: { url: 'https://example.com/a.png' } }] }],
      'admin',
    ),
  );
  expect(thread).toEqual([
    {
      _id: expect.any(String),
      fromBusiness: true,
      kind: 'BASIC',
      text: '',
      imageUrl: 'https://example.com/a.png',
      links: [],
      actions: [],
      sentAt: expect.stringMatching(SENT_AT),
    },
  ]);
});

it('shows the text of a minimal message, with the time it was sent', async () => {
  const thread = await threadAfter((site) =>
    site.call(admin, 'sendMinimalMessage', [toAnn(site), { text: 'Your order has shipped' }], 'admin'),
  );
  expect(thread).toEqual([
    {
      _id: expect.any(String),
      fromBusiness: true,
      kind: 'MINIMAL',
      text: 'Your order has shipped',
      links: [],
      actions: [],
      sentAt: expect.stringMatching(SENT_AT),
    },
  ]);
});

it('shows the files of a basic message as links, named by their file name or "File"', async () => {
  const thread = await threadAfter((site) =>
    site.call(
      admin,
      'sendBasicMessage',
      [
        toAnn(site),
        {
          items: [
            { text: 'Your documents' },
            { file: { url: 'https://example.com/invoice.pdf', filename: 'invoice.pdf' } },
            { file: { url: 'https://example.com/terms.pdf' } },
          ],
        },
      ],
      'admin',
    ),
  );
  expect(thread).toEqual([
    expect.objectContaining({
      kind: 'BASIC',
      text: 'Your documents',
      links: [
        { label: 'invoice.pdf', url: 'https://example.com/invoice.pdf' },
        { label: 'File', url: 'https://example.com/terms.pdf' },
      ],
      actions: [],
    }),
  ]);
  expect(thread[0]).not.toHaveProperty('imageUrl');
});

it('shows a template with its title, lines, image, link buttons as links and answer buttons as actions', async () => {
  const thread = await threadAfter((site) =>
    site.call(
      admin,
      'sendTemplateMessage',
      [
        toAnn(site),
        {
          title: 'Your booking',
          imageUrl: 'https://example.com/room.png',
          textLines: ['Room 12', 'Friday 3 pm'],
          buttons: [
            { label: 'Directions', launchUrl: 'https://example.com/map' },
            { label: 'Confirm', interactionId: 'confirm-booking' },
          ],
        },
      ],
      'admin',
    ),
  );
  expect(thread).toEqual([
    {
      _id: expect.any(String),
      fromBusiness: true,
      kind: 'TEMPLATE',
      title: 'Your booking',
      text: 'Room 12\nFriday 3 pm',
      imageUrl: 'https://example.com/room.png',
      links: [{ label: 'Directions', url: 'https://example.com/map' }],
      actions: ['Confirm'],
      sentAt: expect.stringMatching(SENT_AT),
    },
  ]);
});

it('shows a template of text lines alone with no title, image, links or actions', async () => {
  const thread = await threadAfter((site) =>
    site.call(admin, 'sendTemplateMessage', [toAnn(site), { textLines: ['Thanks for your order'] }], 'admin'),
  );
  expect(thread).toEqual([
    {
      _id: expect.any(String),
      fromBusiness: true,
      kind: 'TEMPLATE',
      text: 'Thanks for your order',
      links: [],
      actions: [],
      sentAt: expect.stringMatching(SENT_AT),
    },
  ]);
});

it('shows the link of a minimal message as "Open"', async () => {
  const thread = await threadAfter((site) =>
    site.call(
      admin,
      'sendMinimalMessage',
      [toAnn(site), { text: 'Track your parcel', url: 'https://example.com/track' }],
      'admin',
    ),
  );
  expect(thread).toEqual([
    expect.objectContaining({
      kind: 'MINIMAL',
      text: 'Track your parcel',
      links: [{ label: 'Open', url: 'https://example.com/track' }],
    }),
  ]);
});

it('tells an admin without a member session where admins answer, for the thread and for sending', async () => {
  const site = await setupSite();
  const notAMember = {
    ok: false,
    error: {
      code: 'NOT_ALLOWED',
      message:
        'This page is for site members. As a site admin, you answer members in the Inbox of your site dashboard.',
    },
  };
  expect(await site.call(inbox, 'getMyMessages', [], 'admin')).toEqual(notAMember);
  expect(await site.call(inbox, 'sendMemberMessage', ['Hello'], 'admin')).toEqual(notAMember);
  expect(await site.control.conversations()).toEqual([]);
});

it('lets a member with no profile name send the contact form and read the acknowledgement', async () => {
  const site = await setupSite();
  const dan = await site.control.createMember('dan@example.com');
  const danToken = (await site.control.token('MEMBER', dan.id)).token;
  const appToken = (await site.control.token('APP')).token;
  const asDan = { type: 'MEMBER', token: danToken } as const;
  const form = { firstName: 'Dan', email: 'dan@example.com', message: 'Hello' };

  expect(await invokeWebMethod(site.emulator.fetch, inbox, 'submitContactForm', [form], asDan, appToken)).toEqual({
    ok: true,
    value: { received: true },
  });
  const thread = (await invokeWebMethod(site.emulator.fetch, inbox, 'getMyMessages', [], asDan, appToken)) as Thread;
  expect(thread.value.map((m) => m.fromBusiness)).toEqual([true]);
});
