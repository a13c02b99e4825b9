import wixChatBackend from 'wix-chat-backend';
import * as z from 'zod/mini';
import { guid, trimmedText, validate } from 'public/validation';
import { callWix } from './retry';
import { SiteError } from './site-error';

const chatMessageSchema = z.strictObject({
  channelId: guid('Channel id'),
  text: trimmedText('Message', { min: 1, max: 4000 }),
});

/**
 * Wraps `wix-chat-backend` `sendMessage` for a business message in a legacy chat channel. Wix
 * deprecated the module in favour of Inbox; this keeps older sites working. A send: never repeated
 * after an ambiguous failure (lib/retry.ts).
 */
export async function sendBusinessChatMessage(channelId: unknown, text: unknown): Promise<{ sent: true }> {
  const checked = validate(chatMessageSchema, { channelId, text });
  if (!checked.ok) throw new SiteError('INVALID_INPUT', 'Please correct the highlighted fields.', checked.fieldErrors);
  const { channelId: channel, text: messageText } = checked.value;
  await callWix('wix-chat-backend sendMessage', 'send', () =>
    wixChatBackend.sendMessage({ channelId: channel, messageText, sendAsVisitor: false }),
  );
  return { sent: true };
}

/**
 * An automatic business reply in a legacy chat channel (chat auto-replies on `wixChat_onMessage`),
 * with metadata the visitor does not see. A send: never repeated after an ambiguous failure.
 */
export async function sendLegacyChatReply(
  channelId: string,
  messageText: string,
  metadata: Record<string, unknown>,
): Promise<void> {
  await callWix('wix-chat-backend sendMessage', 'send', () =>
    wixChatBackend.sendMessage({ channelId, messageText, metadata }),
  );
}
