import { Permissions, webMethod } from '@wix/web-methods';
import { toWebResult } from './lib/site-error';
import { submitContactForm as submitForm } from './lib/contact-form';
import { myRecentMessages, sendMemberMessage as sendAsMember } from './lib/member-messages';

/**
 * Web methods for visitors and members. None takes a conversation, participant, direction, sender or
 * visibility from the browser: the server decides all of them from the caller's session.
 */

/** Anyone: a contact form submission. Returns only `{ received: true }` or a safe error. */
export const submitContactForm = webMethod(Permissions.Anyone, (form: unknown) =>
  toWebResult('submitContactForm', () => submitForm(form, Date.now())),
);

/** Site members: write to the business in your own conversation. */
export const sendMemberMessage = webMethod(Permissions.SiteMember, (text: unknown) =>
  toWebResult('sendMemberMessage', () => sendAsMember(text, Date.now())),
);

/** Site members: your own recent messages (what you can see of your conversation). */
export const getMyMessages = webMethod(Permissions.SiteMember, () => toWebResult('getMyMessages', myRecentMessages));
