import { isBotSubmission, validateContactForm, type ContactForm } from 'public/contact-form';
import { formContent } from 'public/message-content';
import { contactForEmail, currentMember } from './caller';
import { inConversation, sendInboxMessage, type Participant } from './inbox';
import { enforceRateLimit } from './rate-limit';
import { inboxSettings } from './settings';
import { SiteError } from './site-error';

export interface ContactFormReceipt {
  received: true;
}

/**
 * A contact form submission becomes a FORM message from the sender to the business, in the sender's
 * own conversation. The sender is decided here, on the server: the logged-in member, or else the
 * contact with the form's email. Nothing from the browser chooses a conversation.
 */
export async function submitContactForm(input: unknown, now: number): Promise<ContactFormReceipt> {
  const checked = validateContactForm(input);
  if (!checked.ok) {
    const { ['(input)']: whole, ...fields } = checked.fieldErrors;
    const fieldErrors = whole === undefined ? fields : { form: whole, ...fields };
    throw new SiteError('INVALID_INPUT', 'Please correct the highlighted fields.', fieldErrors);
  }
  const form = checked.value;
  if (isBotSubmission(form)) return { received: true };

  const participant = await senderOf(form);
  const settings = inboxSettings.contactForm;
  await inConversation(participant, async ({ id: conversationId, isNew }) => {
    // A conversation get-or-create made just now holds no messages: there is nothing to count.
    if (!isNew) {
      await enforceRateLimit(
        conversationId,
        settings.rateLimit,
        (m) => m.contentType === 'FORM' && m.direction === 'PARTICIPANT_TO_BUSINESS',
        now,
      );
    }
    await sendInboxMessage(conversationId, {
      content: formMessage(form),
      direction: 'PARTICIPANT_TO_BUSINESS',
      visibility: 'BUSINESS',
      sendAs: 'PARTICIPANT',
    });
    if (settings.acknowledgement.enabled) await acknowledge(conversationId, settings.acknowledgement.text);
  });
  return { received: true };
}

async function senderOf(form: ContactForm): Promise<Participant> {
  const member = await currentMember();
  if (member) return { memberId: member.memberId };
  const contact = await contactForEmail({ email: form.email, firstName: form.firstName, lastName: form.lastName });
  // Writing into a member's conversation needs that member's session, not just their email.
  if (contact.isMemberEmail) {
    throw new SiteError(
      'LOGIN_REQUIRED',
      'This email belongs to a member account. Please log in to send your message.',
    );
  }
  return { contactId: contact.contactId };
}

function formMessage(form: ContactForm) {
  const fields = [
    { name: 'First name', value: form.firstName },
    ...(form.lastName ? [{ name: 'Last name', value: form.lastName }] : []),
    { name: 'Email', value: form.email },
    { name: 'Message', value: form.message },
    { name: 'Subscribe to newsletter', value: form.subscribeNewsletter ? 'Yes' : 'No' },
  ];
  const content = formContent({ title: inboxSettings.contactForm.formTitle, fields });
  if (!content.ok) throw new Error(`contact form message is invalid: ${JSON.stringify(content.fieldErrors)}`);
  return content.value;
}

/** The form is already stored: a failed acknowledgement is logged, not reported as a failed submit. */
async function acknowledge(conversationId: string, text: string): Promise<void> {
  try {
    await sendInboxMessage(conversationId, {
      content: { previewText: text.slice(0, 256), basic: { items: [{ text }] } },
      direction: 'BUSINESS_TO_PARTICIPANT',
      visibility: 'BUSINESS_AND_PARTICIPANT',
    });
  } catch (error) {
    console.error('[inbox] acknowledgement not sent:', error);
  }
}
