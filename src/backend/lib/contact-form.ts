import { isBotSubmission, validateContactForm, type ContactForm } from 'public/contact-form';
import { withoutPlusTag } from 'public/email';
import { requireCaptcha } from './captcha';
import { contactForEmail, currentMember, type MemberCaller } from './caller';
import { formMessage } from './contact-form-message';
import { inConversation, sendInboxMessage } from './inbox';
import { enforceRateLimit, type CountedMessage } from './rate-limit';
import { inboxSettings } from './settings';
import { SiteError } from './site-error';
import { takeVisitorBudget } from './visitor-budget';

export interface ContactFormReceipt {
  received: true;
}

/**
 * A contact form submission becomes a FORM message to the business, visible to the business only.
 * The sender is decided here, on the server, never by the browser:
 *
 * - a logged-in member: in their own conversation, sent as them, counted against their own limit,
 *   and acknowledged in their thread;
 * - a visitor: the typed email is not proof. The message goes to the conversation of the contact with
 *   that email, sent as the site (not as that contact), marked unverified, with no acknowledgement and
 *   no change to the contact. It is counted per email apart from the member's own forms, and against
 *   a site-wide visitor budget. The answer is the same whether or not the email is a member's.
 *
 * See docs/decisions/0009-unverified-senders.md.
 */
export async function submitContactForm(input: unknown, now: number): Promise<ContactFormReceipt> {
  const checked = await validateContactForm(input);
  if (!checked.ok) {
    const { ['(input)']: whole, ...fields } = checked.fieldErrors;
    const fieldErrors = whole === undefined ? fields : { form: whole, ...fields };
    throw new SiteError('INVALID_INPUT', 'Please correct the highlighted fields.', fieldErrors);
  }
  const form = checked.value;
  if (isBotSubmission(form)) return { received: true };
  if (inboxSettings.contactForm.captchaRequired) await requireCaptcha(form.captchaToken);

  const member = await currentMember();
  if (member) await submitAsMember(form, member, now);
  else await submitAsVisitor(form, now);
  return { received: true };
}

const isForm = (m: CountedMessage) => m.contentType === 'FORM' && m.direction === 'PARTICIPANT_TO_BUSINESS';

async function submitAsMember(form: ContactForm, member: MemberCaller, now: number): Promise<void> {
  const settings = inboxSettings.contactForm;
  await inConversation({ memberId: member.memberId }, async ({ id: conversationId, isNew }) => {
    // A conversation get-or-create made just now holds no messages: there is nothing to count.
    // Only the member's own forms count: forms strangers sent with the member's email cannot use this up.
    if (!isNew) {
      await enforceRateLimit(
        conversationId,
        settings.rateLimit,
        (m) => isForm(m) && m.sender?.memberId === member.memberId,
        now,
      );
    }
    await sendInboxMessage(conversationId, {
      content: await formMessage(form, 'member'),
      direction: 'PARTICIPANT_TO_BUSINESS',
      visibility: 'BUSINESS',
      sendAs: 'PARTICIPANT',
      sendNotifications: inboxSettings.notifications.inbound,
    });
    if (settings.acknowledgement.enabled) await acknowledge(conversationId, settings.acknowledgement.text);
  });
}

async function submitAsVisitor(form: ContactForm, now: number): Promise<void> {
  const settings = inboxSettings.contactForm;
  // First, before anything is written: every visitor attempt takes a place in the site-wide budget.
  if (!(await takeVisitorBudget(settings.visitorBudget, now))) {
    console.warn('[inbox] contact form: the site-wide budget for visitor forms is spent; refused');
    throw new SiteError('RATE_LIMITED', 'We are receiving too many messages right now. Please try again later.');
  }
  const email = settings.removePlusTag ? withoutPlusTag(form.email) : form.email;
  const contact = await contactForEmail(email);
  await inConversation({ contactId: contact.contactId }, async ({ id: conversationId, isNew }) => {
    // Unverified forms are sent as the site's app (sender.appId); they are counted apart from a member's own.
    if (!isNew) {
      await enforceRateLimit(conversationId, settings.rateLimit, (m) => isForm(m) && Boolean(m.sender?.appId), now);
    }
    await sendInboxMessage(conversationId, {
      content: await formMessage({ ...form, email }, contact.isMemberEmail ? 'visitor-with-member-email' : 'visitor'),
      direction: 'PARTICIPANT_TO_BUSINESS',
      visibility: 'BUSINESS',
      sendAs: 'CALLER',
      sendNotifications: inboxSettings.notifications.inbound,
    });
  });
}

/** The form is already stored: a failed acknowledgement is logged, not reported as a failed submit. */
async function acknowledge(conversationId: string, text: string): Promise<void> {
  try {
    await sendInboxMessage(conversationId, {
      content: { previewText: text.slice(0, 256), basic: { items: [{ text }] } },
      direction: 'BUSINESS_TO_PARTICIPANT',
      visibility: 'BUSINESS_AND_PARTICIPANT',
      sendNotifications: inboxSettings.notifications.acknowledgements,
    });
  } catch (error) {
    console.error('[inbox] acknowledgement not sent:', error);
  }
}
