/**
 * Types for the legacy Velo module `wix-chat-backend` (deprecated by Wix; no SDK package exists).
 * Shapes from the Velo reference (inbox-contract.md §7).
 */
declare module 'wix-chat-backend' {
  export interface MessageInfo {
    /** The message text. */
    messageText: string;
    /** A business channel; it exists once someone has written in it through the chat widget. */
    channelId: string;
    /** Extra data the visitor does not see. */
    metadata?: Record<string, unknown>;
    /** true: visitor to business; otherwise business to visitor. */
    sendAsVisitor?: boolean;
  }

  /** Resolves with nothing once the message is sent. */
  export function sendMessage(messageInfo: MessageInfo): Promise<void>;

  const wixChatBackend: { sendMessage: typeof sendMessage };
  export default wixChatBackend;
}
