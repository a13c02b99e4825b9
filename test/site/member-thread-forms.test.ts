import * as inbox from 'backend/inbox.web';
import { sdkClient } from '../support/emulator';
import { setupSite } from '../support/site';

/*
 * The site's own forms are business-only, so a member never lists them. Another app on the site may
 * still write a FORM message the participant can see: Wix documents forms as "typically"
 * PARTICIPANT_TO_BUSINESS with BUSINESS visibility, not only so. Such an app calls SendMessage with its
 * own token, as here.
 */

async function anotherAppWritesForm(site: Awaited<ReturnType<typeof setupSite>>, form: Record<string, unknown>) {
  const app = sdkClient(site.emulator.fetch, (await site.control.token('APP')).token);
  const { conversation } = await app.conversations.getOrCreateConversation({ memberId: site.members.ann.id });
  await app.messages.sendMessage(
    conversation!._id!,
    { content: { form }, direction: 'PARTICIPANT_TO_BUSINESS', visibility: 'BUSINESS_AND_PARTICIPANT' },
    { sendAs: 'PARTICIPANT' },
  );
}

it("shows a form another app wrote in the member's name, visible to them, as its title and Name: value lines", async () => {
  const site = await setupSite();
  await anotherAppWritesForm(site, {
    title: 'Booking request',
    fields: [
      { name: 'Date', value: 'Friday' },
      { name: 'Guests', value: '2' },
    ],
  });
  await anotherAppWritesForm(site, { fields: [{ name: 'Rating', value: '5' }] });

  expect(await site.call(inbox, 'getMyMessages', [], 'ann')).toEqual({
    ok: true,
    value: [
      expect.objectContaining({ kind: 'FORM', fromBusiness: false, text: 'Rating: 5', links: [], actions: [] }),
      expect.objectContaining({ kind: 'FORM', title: 'Booking request', text: 'Date: Friday\nGuests: 2' }),
    ],
  });
  const [untitled] = ((await site.call(inbox, 'getMyMessages', [], 'ann')) as { value: object[] }).value;
  expect(untitled).not.toHaveProperty('title');
});
