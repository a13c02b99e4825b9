import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { setupSite } from '../support/site';
import { setupEvents } from '../support/events';

/** The `sendNotifications` option of each SendMessage, in order, as the emulator received it. */
async function notificationFlags(site: Awaited<ReturnType<typeof setupSite>>) {
  return (await site.control.requests())
    .filter((request) => request.operation === 'inbox.sendMessage')
    .map((request) => request.sendNotifications);
}

it("sends a visitor's contact form with notifications on (a visitor gets no acknowledgement)", async () => {
  const site = await setupSite();
  const form = { firstName: 'Cara', email: 'cara@example.com', message: 'Hello', subscribeNewsletter: false };
  expect(await site.call(inbox, 'submitContactForm', [form], 'visitor')).toMatchObject({ ok: true });
  expect(await notificationFlags(site)).toEqual([true]);
});

it("sends a member's contact form with notifications on, and its acknowledgement with notifications on", async () => {
  const site = await setupSite();
  const form = { firstName: 'Ann', email: 'ann@example.com', message: 'Hello', subscribeNewsletter: false };
  expect(await site.call(inbox, 'submitContactForm', [form], 'ann')).toMatchObject({ ok: true });
  expect(await notificationFlags(site)).toEqual([true, true]);
});

it('sends a member message with notifications on', async () => {
  const site = await setupSite();
  expect(await site.call(inbox, 'sendMemberMessage', ['Is my order ready?'], 'ann')).toMatchObject({ ok: true });
  expect(await notificationFlags(site)).toEqual([true]);
});

it("sends an admin's message with notifications only when the admin asks for them", async () => {
  const site = await setupSite();
  const to = { memberId: site.members.ann.id };
  const content = { items: [{ text: 'Your order shipped.' }] };
  for (const options of [undefined, { sendNotifications: true }, { sendNotifications: false }, {}]) {
    const args = options === undefined ? [to, content] : [to, content, options];
    expect(await site.call(admin, 'sendBasicMessage', args, 'admin')).toMatchObject({ ok: true });
  }
  expect(await notificationFlags(site)).toEqual([false, true, false, false]);
});

it('sends a blog like message without a notification by default', async () => {
  const site = await setupEvents();
  await site.like('post-1', { memberId: site.members.ann.id });
  await site.deliver();
  expect(await notificationFlags(site)).toEqual([false]);
});
