import type { MessageInfo } from 'wix-chat-backend';
import { guid, lazySchema, trimmedText, validateLazily } from 'public/validation';
import { callWix } from './retry';
import { SiteError } from './site-error';

const chatMessageSchema = lazySchema((z) =>
  z.strictObject({
    channelId: guid(z, 'Channel id'),
    text: trimmedText(z, 'Message', { min: 1, max: 4000 }),
  }),
);

export const CHAT_BACKEND_MISSING =
  'wix-chat-backend is not available on this site (Wix deprecated legacy Chat in favour of Inbox): ' +
  'legacy chat features are off; the other handlers are not affected.';

interface ChatBackend {
  sendMessage(info: MessageInfo): Promise<void>;
}

let chatBackend: Promise<ChatBackend> | undefined;

/** Velo resolves the module itself; a local runtime whose module loader cannot see its stand-in sets this. */
let importChatBackend: () => Promise<unknown> = () => import('wix-chat-backend');

/** Replaces how `wix-chat-backend` is imported (local/velo/velo-modules.ts; never called on Wix). */
export function setChatBackendImport(load: () => Promise<unknown>): void {
  importChatBackend = load;
  chatBackend = undefined;
}

/**
 * `wix-chat-backend`, loaded on first use rather than imported: Wix has deprecated the module, and a
 * static import of a module that no longer resolves would stop events.js from loading, taking every
 * handler with it. Here only the legacy chat path fails, with one clear log line. A failed load is not
 * kept, so the next use tries again.
 */
export function loadChatBackend(): Promise<ChatBackend> {
  chatBackend ??= importChatBackend().then(
    (module) => {
      const loaded = ((module as { default?: ChatBackend }).default ?? module) as ChatBackend;
      return { sendMessage: (info: MessageInfo) => loaded.sendMessage(info) };
    },
    (error: unknown) => {
      chatBackend = undefined;
      console.error(`[inbox] ${CHAT_BACKEND_MISSING}`);
      throw error;
    },
  );
  return chatBackend;
}

/**
 * Wraps `wix-chat-backend` `sendMessage` for a business message in a legacy chat channel. Wix
 * deprecated the module in favour of Inbox; this keeps older sites working. A send: never repeated
 * after an ambiguous failure (lib/retry.ts).
 */
export async function sendBusinessChatMessage(channelId: unknown, text: unknown): Promise<{ sent: true }> {
  const checked = await validateLazily(chatMessageSchema, { channelId, text });
  if (!checked.ok) throw new SiteError('INVALID_INPUT', 'Please correct the highlighted fields.', checked.fieldErrors);
  const { channelId: channel, text: messageText } = checked.value;
  const wixChatBackend = await loadChatBackend();
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
  const wixChatBackend = await loadChatBackend();
  await callWix('wix-chat-backend sendMessage', 'send', () =>
    wixChatBackend.sendMessage({ channelId, messageText, metadata }),
  );
}
