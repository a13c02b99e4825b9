/**
 * Site settings for the Inbox connector: edit these to change behaviour. Plain data, so the backend
 * reads them without any API call.
 */
export const inboxSettings = {
  contactForm: {
    /** Title of the form message in the Inbox. */
    formTitle: 'Contact form',
    /**
     * A short message back to a logged-in member, visible in their conversation. Visitors get none:
     * a typed email is not proof, so nothing is written where its owner would see it (the page shows
     * its own confirmation). See docs/decisions/0009-unverified-senders.md.
     */
    acknowledgement: { enabled: true, text: 'Thanks for your message! We will get back to you soon.' },
    /**
     * At most this many forms in the window per logged-in member, and (counted apart, so strangers
     * cannot use up a member's allowance) per typed email for visitors.
     */
    rateLimit: { maxMessages: 5, windowMinutes: 10 },
    /**
     * All visitor (not logged-in) forms of the whole site, together: at most this many per window, so
     * a flood rotating emails cannot bury the Inbox. Every visitor attempt that passes validation
     * takes a place, refused or not. Counted in the claims collection (automations/claims.ts), shared
     * by every backend instance. Members are not counted.
     */
    visitorBudget: { maxForms: 200, windowMinutes: 60 },
    /** Treat `ann+shop@example.com` as `ann@example.com` (one contact). Off: the address is kept as typed. */
    removePlusTag: false,
    /**
     * Require the page's reCAPTCHA element (`#captcha`): the backend authorizes the token with
     * `wix-captcha-backend` before any other call. Add the element to the page before turning this on.
     */
    captchaRequired: false,
  },
  memberMessages: {
    maxLength: 2000,
    rateLimit: { maxMessages: 20, windowMinutes: 10 },
  },
  /**
   * Inbox `sendNotifications` on the messages the site sends. Wix documents only that it "controls
   * whether the message triggers notifications when it's received" and defaults to false; it does
   * not say who is notified or how. Inbound messages are sent with it on so the site owner can hear
   * about them (off, Wix's default, they would arrive silently). See README "Notifications".
   */
  notifications: {
    /** Participant → business: contact form, member messages, Wix Forms. */
    inbound: true,
    /** Business → sender: the contact form's acknowledgement. */
    acknowledgements: true,
  },
  /** Every call to Wix (see lib/retry.ts and docs/decisions/0007-retries.md). */
  wixCalls: {
    /** A call that has not answered after this long is abandoned: retried if idempotent, reported if a send. */
    timeoutMs: 10_000,
    /** Attempts in all, the first included, for calls that are safe to repeat. */
    maxAttempts: 3,
    /** No retry starts later than this after the first attempt began. */
    retryBudgetMs: 2_500,
    /** The wait before retry n is random in [0, min(maxDelayMs, baseDelayMs × 2^(n−1))) (full jitter). */
    baseDelayMs: 200,
    maxDelayMs: 1_000,
  },
} as const;

export interface RateLimit {
  maxMessages: number;
  windowMinutes: number;
}
