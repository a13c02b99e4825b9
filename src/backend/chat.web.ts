import { Permissions, webMethod } from '@wix/web-methods';
import { sendBusinessChatMessage } from './lib/legacy-chat';
import { toWebResult } from './lib/site-error';

/** Admin only: the business writes in a legacy Wix Chat channel (wix-chat-backend). */
export const sendChatMessage = webMethod(Permissions.Admin, (channelId: unknown, text: unknown) =>
  toWebResult('sendChatMessage', () => sendBusinessChatMessage(channelId, text)),
);
