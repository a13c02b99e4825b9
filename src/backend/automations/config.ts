/**
 * Automations run by backend events (events.ts). One typed module holds every setting; edit the
 * defaults below for a site. Times are wall-clock in `businessHours.timeZone`.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Opening hours as `HH:MM` pairs; a day that is absent or empty is closed. */
export type WeeklyHours = Partial<Record<Weekday, [open: string, close: string][]>>;

export interface KeywordRule {
  /** Matched case-insensitively as whole words or phrases; the first rule that matches wins. */
  keywords: string[];
  reply: string;
}

export interface AutomationConfig {
  blogLikes: {
    enabled: boolean;
    /** The minimal message's text. */
    text: string;
    iconUrl?: string;
    /** Where the message links: the liked post. */
    postUrl: (postId: string) => string;
    /**
     * Like messages one backend instance sends per minute at most; likes beyond it are counted for a
     * summary instead. A like message costs four API calls (claim, conversation, the look for an
     * earlier attempt, send): 20 a minute is 80 calls, under Wix's 200 requests per minute per site.
     * A counted like costs one (its claim).
     */
    maxMessagesPerMinute: number;
    /** Counted likes are summed up per post over windows of this many minutes. */
    summaryWindowMinutes: number;
    /** The summary message's text for `count` more likes of a post. */
    summaryText: (count: number) => string;
  };
  chatAutoReplies: {
    enabled: boolean;
    /**
     * Which events are answered: `inbox-events` (visitor chat messages as
     * `wixCrmInbox_onMessageSentToBusiness`, replies with Inbox `sendMessage`, the path Wix recommends)
     * or `legacy-chat` (`wixChat_onMessage` and `wix-chat-backend`, deprecated by Wix). One only: Wix
     * raises both events for one chat message, and answering both would reply twice.
     */
    answer: 'inbox-events' | 'legacy-chat';
    rules: KeywordRule[];
    away: {
      enabled: boolean;
      message: string;
      /**
       * At most one away message per conversation (or channel) in any this many hours: a rolling
       * limit, over windows that start at midnight in `businessHours.timeZone` (away-messages.ts).
       */
      oncePerHours: number;
    };
  };
  businessHours: {
    timeZone: string;
    weekly: WeeklyHours;
  };
  forwarding: {
    enabled: boolean;
    /** The outgoing webhook (a team chat or helpdesk endpoint). */
    url: string;
    /** Name of the secret in Wix Secrets Manager that signs requests (HMAC-SHA256). */
    secretName: string;
    timeoutMs: number;
    /** Total attempts, including the first. */
    maxAttempts: number;
    /** Off by default: only ids, direction, type and time leave the site. */
    includeMessageText: boolean;
    /** Which Inbox events are forwarded. */
    directions: ('PARTICIPANT_TO_BUSINESS' | 'BUSINESS_TO_PARTICIPANT')[];
  };
}

const WEEKDAY_HOURS: [string, string][] = [['09:00', '17:00']];

export const defaultAutomationConfig: AutomationConfig = {
  blogLikes: {
    enabled: true,
    text: 'New like',
    iconUrl: 'https://static.wixstatic.com/media/heart-icon.png',
    postUrl: (postId) => `https://www.example.com/post/${encodeURIComponent(postId)}`,
    maxMessagesPerMinute: 20,
    summaryWindowMinutes: 60,
    summaryText: (count) => `${count} more ${count === 1 ? 'person' : 'people'} liked this post`,
  },
  chatAutoReplies: {
    enabled: true,
    answer: 'inbox-events',
    rules: [
      { keywords: ['opening hours', 'hours', 'open'], reply: 'We are open Monday to Friday, 9:00 to 17:00.' },
      { keywords: ['price', 'pricing', 'cost'], reply: 'You can find our prices on the Pricing page.' },
    ],
    away: {
      enabled: true,
      message: 'Thanks for your message! We are away right now and will reply when we are back.',
      oncePerHours: 12,
    },
  },
  businessHours: {
    timeZone: 'Europe/London',
    weekly: { mon: WEEKDAY_HOURS, tue: WEEKDAY_HOURS, wed: WEEKDAY_HOURS, thu: WEEKDAY_HOURS, fri: WEEKDAY_HOURS },
  },
  forwarding: {
    enabled: false,
    url: '',
    secretName: 'inbox-forwarding-secret',
    timeoutMs: 5000,
    maxAttempts: 3,
    includeMessageText: false,
    directions: ['PARTICIPANT_TO_BUSINESS', 'BUSINESS_TO_PARTICIPANT'],
  },
};
