import { loadChatBackend } from '../lib/legacy-chat';
import { callWix } from '../lib/retry';
import { isOpen } from './business-hours';
import { claim, release } from './claims';
import type { AutomationConfig } from './config';
import { chatEventSchema, type ChatEvent } from './event-schemas';
import { matchKeywordRule } from './keyword-rules';
import type { HandlerSpec } from './run-handler';

/** The metadata every automatic reply carries, visible to the site only. */
export const AUTO_REPLY_MARK = 'inboxConnectorAutoReply';

function createdAtIso(event: ChatEvent): string {
  return (event.createdAt instanceof Date ? event.createdAt : new Date(event.createdAt)).toISOString();
}

/**
 * Legacy chat auto-replies through `wix-chat-backend` `sendMessage`: the first keyword rule that
 * matches a visitor's message answers it; otherwise, outside business hours, an away message, at most
 * once per channel per window. Only visitor-to-business messages are answered, and never one marked as
 * an automatic reply, so replies cannot loop. Chat events carry no id: the claim key is built from the
 * channel, sender and time, which identify one message.
 */
export function chatAutoReplyHandler(
  config: Pick<AutomationConfig, 'chatAutoReplies' | 'businessHours'>,
  now: () => number,
): HandlerSpec<ChatEvent> {
  const settings = config.chatAutoReplies;
  return {
    name: 'wixChat_onMessage',
    schema: chatEventSchema,
    claimKey: (event) => `chat:${event.channelId}:${event.participantId}:${createdAtIso(event)}`,
    precheck: (event) => {
      if (!settings.enabled) return { status: 'skipped', detail: 'auto-replies are turned off' };
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
      const window = Math.floor(at / (settings.away.oncePerHours * 3_600_000));
      const awayKey = `away:${event.channelId}:${window}`;
      if (!(await claim(awayKey))) {
        return { status: 'skipped', detail: 'away message already sent in this window' };
      }
      try {
        await reply(event.channelId, settings.away.message, 'away');
      } catch (error) {
        // Not sent: give the window back too, or a redelivery would find it taken and send nothing.
        await release(awayKey).catch(() => undefined);
        throw error;
      }
      return { status: 'done', detail: 'away message sent' };
    },
  };
}

/** A send: never repeated after an ambiguous failure (lib/retry.ts), so a visitor never gets it twice. */
async function reply(channelId: string, text: string, kind: 'keyword' | 'away'): Promise<void> {
  const wixChatBackend = await loadChatBackend();
  return callWix('wix-chat-backend sendMessage', 'send', () =>
    wixChatBackend.sendMessage({ channelId, messageText: text, metadata: { [AUTO_REPLY_MARK]: kind } }),
  );
}
