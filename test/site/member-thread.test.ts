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
