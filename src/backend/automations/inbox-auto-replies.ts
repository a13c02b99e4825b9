import { markerFor, sendOnce } from '../lib/send-once';
import type { Attempt } from './claims';
import { reserveAwayMessage, sendInWindow } from './away-messages';
import { isOpen } from './business-hours';
import type { AutomationConfig } from './config';
import { inboxEventSchema, type InboxEvent } from './event-schemas';
import { matchKeywordRule } from './keyword-rules';
import type { Outcome } from './outcome';
import type { HandlerSpec } from './run-handler';

/**
 * What the visitor typed: the text items of the message, one per line. The chat widget sends BASIC
 * text; messages of any other kind come from apps and are skipped before this is read.
 */
function textOf(event: InboxEvent): string {
  const items = event.data.message.content?.basic?.items ?? [];
  // Stryker disable next-line MethodExpression: equivalent: a non-text item adds an empty line, and
  // keywords match at line breaks either way (keyword-rules.ts); only matching reads this text
  return items
    .map((item) => item.text)
    .filter(Boolean)
    .join('\n');
}

/** Why a message is not a visitor's chat message to answer, or undefined if it is one. */
function notAVisitorChat(event: InboxEvent): string | undefined {
  const message = event.data.message;
  // This event carries only messages to the business on Wix; the direction is checked anyway, as a
  // reply to a business message would start a loop.
  if (message.direction !== 'PARTICIPANT_TO_BUSINESS' || message.sourceChannel !== 'CHAT') {
    return 'not a chat message to the business';
  }
  if (message.visibility === 'BUSINESS') return 'not visible to the visitor';
  // Anything an app or a business user sent through SendMessage (this site's like messages and forms,
  // another app's messages) carries the sending app's appId; the chat widget's messages do not.
  if (message.appId || message.sender?.appId || message.sender?.wixUserId) return 'sent by an app or the business';
  return undefined;
}

/**
 * Chat auto-replies on Inbox events, the path Wix recommends: a visitor's chat message arrives as
 * `wixCrmInbox_onMessageSentToBusiness` with `sourceChannel: CHAT`; the first matching keyword rule
 * answers it, or outside business hours an away message (away-messages.ts), sent with Inbox
 * `sendMessage` as BUSINESS_TO_PARTICIPANT. The claim is per message id. A reply is a message to the
 * participant, which raises `onMessageSentToParticipant`, not this event, and messages sent by apps
 * are never answered, so replies cannot loop. `sendOnce` makes a retry after a lost answer find the
 * reply instead of sending it twice.
 */
export function inboxAutoReplyHandler(
  config: Pick<AutomationConfig, 'chatAutoReplies' | 'businessHours'>,
  now: () => number,
): HandlerSpec<InboxEvent> {
  const settings = config.chatAutoReplies;
  const key = (event: InboxEvent) => `autoreply:${event.data.conversationId}:${event.data.message._id}`;

  async function reply(event: InboxEvent, text: string, attempt: Attempt): Promise<boolean> {
    const { alreadySent } = await sendOnce(
      event.data.conversationId,
      markerFor(key(event)),
      {
        content: { previewText: text.slice(0, 256), basic: { items: [{ text }] } },
        direction: 'BUSINESS_TO_PARTICIPANT',
        visibility: 'BUSINESS_AND_PARTICIPANT',
      },
      attempt,
    );
    return alreadySent;
  }
  const sentDetail = (what: string, alreadySent: boolean) =>
    alreadySent ? `${what} found (an earlier attempt sent it)` : `${what} sent`;

  return {
    // Stryker disable next-line StringLiteral: unobservable: this spec runs unlogged, beside forwarding; the event's one log line is written by event-handlers.ts under the event's name
    name: 'wixCrmInbox_onMessageSentToBusiness',
    schema: inboxEventSchema,
    claimKey: key,
    precheck: (event): Outcome | undefined => {
      if (!settings.enabled) return { status: 'skipped', detail: 'auto-replies are turned off' };
      if (settings.answer !== 'inbox-events') {
        return { status: 'skipped', detail: 'auto-replies answer legacy chat events (chatAutoReplies.answer)' };
      }
      const reason = notAVisitorChat(event);
      return reason ? { status: 'skipped', detail: reason } : undefined;
    },
    run: async (event, attempt) => {
      const rule = matchKeywordRule(textOf(event), settings.rules);
      if (rule) {
        const found = await reply(event, rule.reply, attempt);
        return {
          status: 'done',
          detail: sentDetail(`keyword reply (rule ${settings.rules.indexOf(rule) + 1})`, found),
        };
      }
      const at = now();
      if (!settings.away.enabled || isOpen(new Date(at), config.businessHours)) {
        return { status: 'skipped', detail: 'no keyword matched and the business is open' };
      }
      const away = await reserveAwayMessage(`inbox:${event.data.conversationId}`, at, config);
      if (!away) return { status: 'skipped', detail: 'away message already sent in this window' };
      const found = await sendInWindow(away, () => reply(event, settings.away.message, attempt));
      return { status: 'done', detail: sentDetail('away message', found) };
    },
  };
}
