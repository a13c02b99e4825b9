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
     * summary instead. A like message costs three API calls (claim, conversation, send; a retry also
     * looks for its earlier attempt): 20 a minute is 60 to 80 calls, under Wix's 200 requests per
     * minute per site. A counted like costs one (its claim).
     */
    maxMessagesPerMinute: number;
    /**
     * Whether a like message notifies the site owner (Inbox `sendNotifications`). Off: a like is not
     * worth an alert, and a popular post would send one per like.
     */
    sendNotifications: boolean;
    /**
     * Counted likes are summed up per post over windows of this many minutes; the hourly job in
     * backend/jobs.config sends the summaries of ended windows.
     */
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
  wixForms: WixFormsConfig;
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

/** Wix Forms submission statuses (wix-forms-v2 FormSubmission.status). */
export type SubmissionStatus = 'PENDING' | 'PAYMENT_WAITING' | 'PAYMENT_CANCELED' | 'CONFIRMED';

/** Settings for one form, keyed by the form id (new Wix Forms) or the form name (legacy forms). */
export interface WixFormSettings {
  /** The Inbox message title; the default is `defaultTitle` (new Wix Forms) or the form's name (legacy). */
  title?: string;
  /** Field labels: a submission key (as Wix writes it, e.g. `first_name_1`) → the name shown in Inbox. */
  labels?: Record<string, string>;
}

/** Wix Forms submissions → Inbox FORM messages (automations/form-submissions.ts). */
export interface WixFormsConfig {
  enabled: boolean;
  /**
   * Which forms are forwarded: `'all'`, or only the listed ones. New Wix Forms are matched by form id
   * (their events carry no form name); legacy forms by the `formName` their event carries.
   */
  forms: 'all' | { formIds?: string[]; formNames?: string[] };
  /**
   * The statuses a submission is forwarded in, once, whichever comes first: its created event or an
   * updated one (Wix sends `wixForms_onSubmissionUpdated` when a submission is confirmed or its payment
   * status changes). Wix documents `PENDING` as "created, but not yet recorded in the Wix Forms
   * collection" and its own created-event example is `PENDING`; a form that needs payment starts as
   * `PAYMENT_WAITING` and is forwarded when it becomes `CONFIRMED`. `['CONFIRMED']` alone waits for
   * every submission's confirmation.
   */
  statuses: SubmissionStatus[];
  /** The title of a new Wix Forms message when the form has no `title` set below. */
  defaultTitle: string;
  /** Per-form settings: new forms by form id, legacy forms by form name. */
  perForm: Record<string, WixFormSettings>;
  /**
   * Submission keys holding the sender's email, tried in order before the keys containing "email"
   * (any case): the first that holds an email address (by the contact form's rules) is used.
   */
  emailKeys: string[];
}

const WEEKDAY_HOURS: [string, string][] = [['09:00', '17:00']];

export const defaultAutomationConfig: AutomationConfig = {
  blogLikes: {
    enabled: true,
    text: 'New like',
    iconUrl: 'https://static.wixstatic.com/media/heart-icon.png',
    postUrl: (postId) => `https://www.example.com/post/${encodeURIComponent(postId)}`,
    maxMessagesPerMinute: 20,
    sendNotifications: false,
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
  wixForms: {
    enabled: true,
    forms: 'all',
    // PENDING is how Wix reports a plain submission at creation; payment forms wait for payment.
    statuses: ['PENDING', 'CONFIRMED'],
    defaultTitle: 'Wix Forms submission',
    perForm: {},
    emailKeys: [],
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
