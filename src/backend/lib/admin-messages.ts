import * as z from 'zod/mini';
import { basicContent, minimalContent, templateContent, type MessageContent } from 'public/message-content';
import { guid, validate, type Validated } from 'public/validation';
import { conversationIdFor, listConversationMessages, sendInboxMessage, type MessagePage } from './inbox';
import { SiteError } from './site-error';

/** Who an admin writes to: a member or a contact. */
export const recipientSchema = z.union([
  z.strictObject({ memberId: guid('Member id') }),
  z.strictObject({ contactId: guid('Contact id') }),
]);
export type Recipient = z.output<typeof recipientSchema>;

const sendOptionsSchema = z.optional(z.strictObject({ sendNotifications: z.optional(z.boolean()) }));

function checked<T>(result: Validated<T>, field: string): T {
  if (!result.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [`${field}.${k}`, v]));
    throw new SiteError('INVALID_INPUT', 'Please correct the highlighted fields.', fieldErrors);
  }
  return result.value;
}

export type ContentKind = 'basic' | 'template' | 'minimal';

const BUILDERS: Record<ContentKind, (input: unknown) => Validated<MessageContent>> = {
  basic: basicContent,
  template: templateContent,
  minimal: minimalContent,
};

/** The business writes to a member or contact. Only Admin web methods reach this. */
export async function sendAsBusiness(
  kind: ContentKind,
  recipient: unknown,
  input: unknown,
  options: unknown,
): Promise<{ messageId: string }> {
  const to = checked(validate(recipientSchema, recipient), 'recipient');
  const content = checked(BUILDERS[kind](input), 'content');
  const { sendNotifications } = checked(validate(sendOptionsSchema, options), 'options') ?? {};
  const conversationId = await conversationIdFor(to);
  const messageId = await sendInboxMessage(conversationId, {
    content,
    direction: 'BUSINESS_TO_PARTICIPANT',
    visibility: 'BUSINESS_AND_PARTICIPANT',
    sendNotifications: sendNotifications ?? false,
  });
  return { messageId };
}

const pageSchema = z.optional(
  z.strictObject({
    limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
    cursor: z.optional(z.string().check(z.maxLength(16000))),
  }),
);

/** A page of a member's or contact's conversation, as the business sees it (all messages). */
export async function conversationPage(recipient: unknown, page: unknown): Promise<MessagePage> {
  const to = checked(validate(recipientSchema, recipient), 'recipient');
  const paging = checked(validate(pageSchema, page), 'page') ?? {};
  const conversationId = await conversationIdFor(to);
  return listConversationMessages(conversationId, {
    limit: paging.limit ?? 30,
    ...(paging.cursor ? { cursor: paging.cursor } : {}),
  });
}
