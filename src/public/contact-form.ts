import * as z from 'zod/mini';
import { emailAddress } from './email';
import { INBOX_LIMITS } from './inbox-limits';
import { trimmedText, validate, type Validated } from './validation';

/**
 * The contact form, shared by the page (instant inline errors) and `submitContactForm` (enforcement).
 * `website` is a honeypot: hidden from people, filled in by bots. The email comes out normalized
 * (see email.ts), so the page and the backend agree on which address it is.
 */
export const contactFormSchema = z.strictObject(
  {
    firstName: trimmedText('First name', { min: 1, max: 100 }),
    lastName: z.optional(trimmedText('Last name', { max: 100 })),
    email: emailAddress('Email', 254),
    message: trimmedText('Message', { min: 1, max: INBOX_LIMITS.formFieldValue }),
    subscribeNewsletter: z.optional(z.boolean({ error: 'Subscribe must be true or false' })),
    website: z.optional(z.string({ error: 'website must be text' })),
    /** The token of the page's captcha element, when the site requires one (settings `captcha`). */
    captchaToken: z.optional(trimmedText('Captcha', { max: 4096 })),
  },
  { error: 'The form must be an object of its fields' },
);

export type ContactForm = z.output<typeof contactFormSchema>;
export type ContactFormInput = z.input<typeof contactFormSchema>;

export function validateContactForm(input: unknown): Validated<ContactForm> {
  return validate(contactFormSchema, input);
}

/** A filled honeypot means a bot: the submission is accepted and dropped. */
export function isBotSubmission(form: ContactForm): boolean {
  return (form.website ?? '').trim() !== '';
}
