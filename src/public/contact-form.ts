import { emailAddress } from './email';
import { INBOX_LIMITS } from './inbox-limits';
import { lazySchema, trimmedText, validateLazily, type LazyInput, type LazyOutput, type Validated } from './validation';

/**
 * The contact form, shared by the page (instant inline errors) and `submitContactForm` (enforcement).
 * `website` is a honeypot: hidden from people, filled in by bots. The email comes out normalized
 * (see email.ts), so the page and the backend agree on which address it is. Built on first use
 * (validation.ts `lazySchema`): the page checks with contact-form-check.ts, proven to agree with this.
 */
export const contactFormSchema = lazySchema((z) =>
  z.strictObject(
    {
      firstName: trimmedText(z, 'First name', { min: 1, max: 100 }),
      lastName: z.optional(trimmedText(z, 'Last name', { max: 100 })),
      email: emailAddress(z, 'Email', 254),
      message: trimmedText(z, 'Message', { min: 1, max: INBOX_LIMITS.formFieldValue }),
      subscribeNewsletter: z.optional(z.boolean({ error: 'Subscribe must be true or false' })),
      website: z.optional(z.string({ error: 'website must be text' })),
      /** The token of the page's captcha element, when the site requires one (settings `captcha`). */
      captchaToken: z.optional(trimmedText(z, 'Captcha', { max: 4096 })),
    },
    { error: 'The form must be an object of its fields' },
  ),
);

export type ContactForm = LazyOutput<typeof contactFormSchema>;
export type ContactFormInput = LazyInput<typeof contactFormSchema>;

export function validateContactForm(input: unknown): Promise<Validated<ContactForm>> {
  return validateLazily(contactFormSchema, input);
}

/** A filled honeypot means a bot: the submission is accepted and dropped. */
export function isBotSubmission(form: ContactForm): boolean {
  return (form.website ?? '').trim() !== '';
}
