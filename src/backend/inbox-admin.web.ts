import { Permissions, webMethod } from '@wix/web-methods';
import { conversationPage, sendAsBusiness } from './lib/admin-messages';
import { listRecipients as recipientChoices } from './lib/recipients';
import { toWebResult } from './lib/site-error';

/** Admin only: the business writes to a member or contact, and reads their conversation. */

export const sendBasicMessage = webMethod(
  Permissions.Admin,
  (recipient: unknown, content: unknown, options?: unknown) =>
    toWebResult('sendBasicMessage', () => sendAsBusiness('basic', recipient, content, options)),
);

export const sendTemplateMessage = webMethod(
  Permissions.Admin,
  (recipient: unknown, content: unknown, options?: unknown) =>
    toWebResult('sendTemplateMessage', () => sendAsBusiness('template', recipient, content, options)),
);

export const sendMinimalMessage = webMethod(
  Permissions.Admin,
  (recipient: unknown, content: unknown, options?: unknown) =>
    toWebResult('sendMinimalMessage', () => sendAsBusiness('minimal', recipient, content, options)),
);

export const listConversationMessages = webMethod(Permissions.Admin, (recipient: unknown, page?: unknown) =>
  toWebResult('listConversationMessages', () => conversationPage(recipient, page)),
);

export const listRecipients = webMethod(Permissions.Admin, (search?: unknown) =>
  toWebResult('listRecipients', () => recipientChoices(search)),
);
