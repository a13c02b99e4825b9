import { createHash } from 'crypto';
import { sendLegacyChatReply } from '../lib/legacy-chat';
import { reserveAwayMessage, sendInWindow } from './away-messages';
import { isOpen } from './business-hours';
import type { AutomationConfig } from './config';
import { chatEventSchema, type ChatEvent } from './event-schemas';
import { matchKeywordRule } from './keyword-rules';
import type { HandlerSpec } from './run-handler';

/** The metadata every automatic reply carries, visible to the site only. */
export const AUTO_REPLY_MARK = 'inboxConnectorAutoReply';

/** Velo gives `createdAt` as a Date, JSON as an ISO string; `new Date` takes either. */
function createdAtIso(event: ChatEvent): string {
  return new Date(event.createdAt).toISOString();
}

/**
 * The legacy chat event carries no message id (inbox-contract.md §7), so a message is named by
 * everything it does carry: channel, sender, time and a digest of its text. Two different messages in
 * the same millisecond get different keys; only an identical text from the same sender in the same
 * millisecond is taken for a repeat. Inbox events carry ids; see inbox-auto-replies.ts.
 */
function legacyMessageKey(event: ChatEvent): string {
  const digest = createHash('sha256').update(event.payload.text).digest('hex').slice(0, 16);
  return `chat:${event.channelId}:${event.participantId}:${createdAtIso(event)}:${digest}`;
}

/**
 * Legacy chat auto-replies (`wixChat_onMessage`, `wix-chat-backend` `sendMessage`), for sites that
 * set `chatAutoReplies.answer` to `legacy-chat`; Wix deprecated both in favour of Inbox events, which
 * inbox-auto-replies.ts answers. The first keyword rule that matches a visitor's message answers it;
 * otherwise, outside business hours, an away message (away-messages.ts). Only visitor-to-business
 * messages are answered, and never one marked as an automatic reply, so replies cannot loop.
 */
export function chatAutoReplyHandler(
  config: Pick<AutomationConfig, 'chatAutoReplies' | 'businessHours'>,
  now: () => number,
): HandlerSpec<ChatEvent> {
  const settings = config.chatAutoReplies;
  return {
    name: 'wixChat_onMessage',
    schema: chatEventSchema,
    claimKey: legacyMessageKey,
    precheck: (event) => {
      if (!settings.enabled) return { status: 'skipped', detail: 'auto-replies are turned off' };
      if (settings.answer !== 'legacy-chat') {
        return { status: 'skipped', detail: 'auto-replies answer Inbox events (chatAutoReplies.answer)' };
      }
      if (event.direction !== 'VisitorToBusiness') return { status: 'skipped', detail: 'not a visitor message' };
      if (event.metadata?.[AUTO_REPLY_MARK]) return { status: 'skipped', detail: 'an automatic reply' };
      return undefined;
    },
    run: async (event) => {
      const rule = matchKeywordRule(event.payload.text, settings.rules);
      if (rule) {
        await reply(event.channelId, rule.reply, 'keyword');
        return { status: 'done', detail: `keyword reply sent (rule ${settings.rules.indexOf(rule) + 1})` };
      }
      const at = now();
      if (!settings.away.enabled || isOpen(new Date(at), config.businessHours)) {
        return { status: 'skipped', detail: 'no keyword matched and the business is open' };
      }
      const away = await reserveAwayMessage(`chat:${event.channelId}`, at, config);
      if (!away) return { status: 'skipped', detail: 'away message already sent in this window' };
      await sendInWindow(away, () => reply(event.channelId, settings.away.message, 'away'));
      return { status: 'done', detail: 'away message sent' };
    },
  };
}

function reply(channelId: string, text: string, kind: 'keyword' | 'away'): Promise<void> {
  return sendLegacyChatReply(channelId, text, { [AUTO_REPLY_MARK]: kind });
}
