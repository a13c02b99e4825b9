/**
 * Site settings for the Inbox connector: edit these to change behaviour. Plain data, so the backend
 * reads them without any API call.
 */
export const inboxSettings = {
  contactForm: {
    /** Title of the form message in the Inbox. */
    formTitle: 'Contact form',
    /** A short message back to the sender, visible in their conversation (and email, if they have one). */
    acknowledgement: { enabled: true, text: 'Thanks for your message! We will get back to you soon.' },
    /** At most this many form submissions per sender in the window. */
    rateLimit: { maxMessages: 5, windowMinutes: 10 },
  },
  memberMessages: {
    maxLength: 2000,
    rateLimit: { maxMessages: 20, windowMinutes: 10 },
  },
} as const;

export interface RateLimit {
  maxMessages: number;
  windowMinutes: number;
}
