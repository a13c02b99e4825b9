import type { ContactForm } from 'public/contact-form';
import { formContent } from 'public/message-content';
import { inboxSettings } from './settings';

/**
 * Who a contact form came from, as far as the server can tell. Only a logged-in member is verified;
 * a visitor's email is whatever they typed, and may be someone else's.
 */
export type FormSender = 'member' | 'visitor' | 'visitor-with-member-email';

/** What the business reads about an unverified sender, first in the form, so nobody mistakes it. */
const SENDER_NOTES: Record<Exclude<FormSender, 'member'>, string> = {
  visitor: 'A visitor who is not logged in. The email was typed and is not verified.',
  'visitor-with-member-email':
    "Sent by a visitor using a member's email, not logged in. The member has not confirmed it and does not see it.",
};

/** The FORM payload for a submission; unverified ones say so in the title, the first field and the email label. */
export async function formMessage(form: ContactForm, sender: FormSender) {
  const verified = sender === 'member';
  const title = inboxSettings.contactForm.formTitle;
  const fields = [
    ...(verified ? [] : [{ name: 'Sender', value: SENDER_NOTES[sender] }]),
    { name: 'First name', value: form.firstName },
    ...(form.lastName ? [{ name: 'Last name', value: form.lastName }] : []),
    { name: verified ? 'Email' : 'Email (not verified)', value: form.email },
    { name: 'Message', value: form.message },
    { name: 'Subscribe to newsletter', value: form.subscribeNewsletter ? 'Yes' : 'No' },
  ];
  const content = await formContent({
    title: verified ? title : `${title} (email not verified)`.slice(0, 256),
    fields,
  });
  // Stryker disable next-line all: unreachable, equivalent: the contact form's schema keeps every field within formContent's limits (message at most 8192, the form field value limit; names at most 100; the title cut to 256), so this guards only against a future limit change
  if (!content.ok) throw new Error(`contact form message is invalid: ${JSON.stringify(content.fieldErrors)}`);
  return content.value;
}
