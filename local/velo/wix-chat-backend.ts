import type { MessageInfo } from 'wix-chat-backend';
import { currentElevatedClient } from './wix-context';

/**
 * The Velo module `wix-chat-backend`, backed by the emulator's chat channels. Backend code calls it
 * directly on Wix, so here it runs as the site's app (the elevated client of the current call).
 */
export async function sendMessage(messageInfo: MessageInfo): Promise<void> {
  const response = await currentElevatedClient().fetchWithAuth(
    `https://www.wixapis.com/chat/v1/channels/${encodeURIComponent(messageInfo.channelId)}/messages`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        messageText: messageInfo.messageText,
        sendAsVisitor: messageInfo.sendAsVisitor ?? false,
        ...(messageInfo.metadata !== undefined ? { metadata: messageInfo.metadata } : {}),
      }),
    },
  );
  if (response.status !== 200) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    const error = new Error(body?.message ?? `wix-chat-backend sendMessage failed with status ${response.status}`);
    Object.assign(error, { status: response.status, details: body });
    throw error;
  }
}

export default { sendMessage };
