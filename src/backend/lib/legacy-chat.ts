import wixChatBackend from 'wix-chat-backend';
import * as z from 'zod/mini';
import { guid, trimmedText, validate } from 'public/validation';
import { SiteError } from './site-error';

const chatMessageSchema = z.strictObject({
  channelId: guid('Channel id'),
  text: trimmedText('Message', { min: 1, max: 4000 }),
});

/**
 * Wraps `wix-chat-backend` `sendMessage` for a business message in a legacy chat channel. Wix
 * deprecated the module in favour of Inbox; this keeps older sites working.
 */
export async function sendBusinessChatMessage(channelId: unknown, text: unknown): Promise<{ sent: true }> {
  const checked = validate(chatMessageSchema, { channelId, text });
  if (!checked.ok) throw new SiteError('INVALID_INPUT', 'Please correct the highlighted fields.', checked.fieldErrors);
  await wixChatBackend.sendMessage({
    channelId: checked.value.channelId,
    messageText: checked.value.text,
    sendAsVisitor: false,
  });
  return { sent: true };
}
