import * as chat from 'backend/chat.web';
import * as admin from 'backend/inbox-admin.web';
import * as inbox from 'backend/inbox.web';
import { setupSite } from '../../support/site';
import { timeOutRequests } from '../../support/time-out-requests';

/**
 * A Wix call that does not answer in time is abandoned, and the web method answers UNAVAILABLE; what
 * tells the site owner which call hung is its name in the site log ("<call> did not answer within
 * 10000 ms"). Each call a web method makes is timed out here on its own, by the request it sends.
 */

type Site = Awaited<ReturnType<typeof setupSite>>;

const form = { firstName: 'Cara', email: 'cara@example.com', message: 'Hello' };

async function chatChannel(site: Site): Promise<string> {
  const { body } = await site.control.call<{ channel: { id: string } }>('POST', '/_emulator/v1/chat/channels', {
    memberId: site.members.ann.id,
  });
  return body.channel.id;
}

const CASES: { operation: string; label: string; method: string; action: (site: Site) => Promise<unknown> }[] = [
  {
    operation: 'members.getCurrentMember',
    label: 'getCurrentMember',
    method: 'sendMemberMessage',
    action: (site) => site.call(inbox, 'sendMemberMessage', ['Hi'], 'ann'),
  },
  {
    operation: 'contacts.appendOrCreateContact',
    label: 'appendOrCreateContact',
    method: 'submitContactForm',
    action: (site) => site.call(inbox, 'submitContactForm', [form], 'visitor'),
  },
  {
    operation: 'inbox.getOrCreateConversation',
    label: 'getOrCreateConversation',
    method: 'sendMemberMessage',
    action: (site) => site.call(inbox, 'sendMemberMessage', ['Hi'], 'ann'),
  },
  {
    operation: 'inbox.sendMessage',
    label: 'sendMessage',
    method: 'sendMemberMessage',
    action: (site) => site.call(inbox, 'sendMemberMessage', ['Hi'], 'ann'),
  },
  {
    operation: 'inbox.listMessages',
    label: 'listMessages',
    method: 'getMyMessages',
    action: (site) => site.call(inbox, 'getMyMessages', [], 'ann'),
  },
  {
    operation: 'contacts.queryContacts',
    label: 'queryContacts',
    method: 'listRecipients',
    action: (site) => site.call(admin, 'listRecipients', [], 'admin'),
  },
  {
    operation: 'members.queryMembers',
    label: 'queryMembers',
    method: 'listRecipients',
    action: (site) => site.call(admin, 'listRecipients', [], 'admin'),
  },
  {
    operation: 'chat.sendMessage',
    label: 'wix-chat-backend sendMessage',
    method: 'sendChatMessage',
    action: async (site) => site.call(chat, 'sendChatMessage', [await chatChannel(site), 'Hi'], 'admin'),
  },
];

/** The method and path of the request the action sends for `operation`, from a run without faults. */
async function requestFor(operation: string, action: (site: Site) => Promise<unknown>): Promise<string> {
  const site = await setupSite();
  await action(site);
  const request = (await site.control.requests()).find((r) => r.operation === operation);
  if (!request) throw new Error(`the action made no ${operation} call`);
  return `${request.method} ${request.path}`;
}

it.each(CASES)('names $label in the site log when $operation does not answer in time', async (c) => {
  const request = await requestFor(c.operation, c.action);
  const site = await setupSite();
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const restore = timeOutRequests(site, (method, path) => `${method} ${path}` === request);
  try {
    expect(await c.action(site)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const lines = log.mock.calls.map((args) => args.map(String).join(' '));
    expect(lines).toContainEqual(expect.stringContaining(`${c.label} did not answer within 10000 ms`));
    // ... under the name of the web method it failed.
    expect(lines).toContainEqual(expect.stringContaining(`[inbox] ${c.method} failed:`));
  } finally {
    restore();
    log.mockRestore();
  }
});
