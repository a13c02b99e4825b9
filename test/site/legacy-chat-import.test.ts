import * as chat from 'backend/chat.web';
import { setChatBackendImport } from 'backend/lib/legacy-chat';
import { setupSite } from '../support/site';

/**
 * `npm start`'s runtime hands the site its `wix-chat-backend` stand-in (local/velo/velo-modules.ts),
 * because Node's ESM loader cannot see the CommonJS hook that Velo's module names go through.
 */
afterEach(() => setChatBackendImport(() => import('wix-chat-backend')));

it('sends through the chat backend a local runtime hands it, from the next call on', async () => {
  const site = await setupSite();
  const { body } = await site.control.call<{ channel: { id: string } }>('POST', '/_emulator/v1/chat/channels', {
    memberId: site.members.ann.id,
  });
  const channelId = body.channel.id;
  // The module Velo resolves is loaded (and kept) by the first call.
  expect(await site.call(chat, 'sendChatMessage', [channelId, 'First'], 'admin')).toEqual({
    ok: true,
    value: { sent: true },
  });

  const sent: unknown[] = [];
  setChatBackendImport(async () => ({
    sendMessage: async (info: unknown) => {
      sent.push(info);
    },
  }));
  expect(await site.call(chat, 'sendChatMessage', [channelId, 'Second'], 'admin')).toEqual({
    ok: true,
    value: { sent: true },
  });
  expect(sent).toEqual([{ channelId, messageText: 'Second', sendAsVisitor: false }]);
});
