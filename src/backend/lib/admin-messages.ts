import { basicContent, minimalContent, templateContent, type MessageContent } from 'public/message-content';
import { guid, lazySchema, validateLazily, type LazyOutput, type Validated } from 'public/validation';
import { inConversation, listConversationMessages, sendInboxMessage, type MessagePage } from './inbox';
import { wixStatus } from './retry';
import { SiteError } from './site-error';

// Schemas are built, and zod loaded, by the first call that checks them (validation.ts `lazySchema`).

/** Who an admin writes to: a member or a contact. */
export const recipientSchema = lazySchema((z) =>
  z.union([z.strictObject({ memberId: guid(z, 'Member id') }), z.strictObject({ contactId: guid(z, 'Contact id') })], {
    error: 'Recipient must be { memberId } or { contactId }',
  }),
);
export type Recipient = LazyOutput<typeof recipientSchema>;

const sendOptionsSchema = lazySchema((z) =>
  z.optional(
    z.strictObject(
      { sendNotifications: z.optional(z.boolean({ error: 'Send notifications must be true or false' })) },
      { error: 'Options must be an object' },
    ),
  ),
);

type ValuesOf<T> = { [K in keyof T]: T[K] extends Validated<infer V> ? V : never };

/**
 * The values of several validated arguments, or INVALID_INPUT with every argument's field errors at
 * once, keyed `<argument>.<field>` (`<argument>` alone when the whole argument is wrong).
 */
function checked<T extends Record<string, Validated<unknown>>>(results: T): ValuesOf<T> {
  const values: Record<string, unknown> = {};
  let errors: Record<string, string> | undefined;
  for (const argument in results) {
    const result = results[argument]!;
    if (result.ok) {
      values[argument] = result.value;
      continue;
    }
    errors ??= {};
    for (const [field, message] of Object.entries(result.fieldErrors)) {
      errors[field === '(input)' ? argument : `${argument}.${field}`] = message;
    }
  }
  if (errors) throw new SiteError('INVALID_INPUT', 'Please correct the highlighted fields.', errors);
  return values as ValuesOf<T>;
}

export type ContentKind = 'basic' | 'template' | 'minimal';

const BUILDERS: Record<ContentKind, (input: unknown) => Promise<Validated<MessageContent>>> = {
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
  const checkedArgs = checked({
    recipient: await validateLazily(recipientSchema, recipient),
    content: await BUILDERS[kind](input),
    options: await validateLazily(sendOptionsSchema, options),
  });
  const { recipient: to, content } = checkedArgs;
  const sendNotifications = checkedArgs.options?.sendNotifications;
  const messageId = await inConversation(to, ({ id }) =>
    sendInboxMessage(id, {
      content,
      direction: 'BUSINESS_TO_PARTICIPANT',
      visibility: 'BUSINESS_AND_PARTICIPANT',
      sendNotifications: sendNotifications ?? false,
    }),
  );
  return { messageId };
}

const LIMIT_ERROR = 'Limit must be a whole number from 1 to 100';
const CURSOR_ERROR = 'Cursor must be the nextCursor of a previous page';
const pageSchema = lazySchema((z) =>
  z.optional(
    z.strictObject(
      {
        // A schema's error is also the message of its checks' issues.
        limit: z.optional(z.number({ error: LIMIT_ERROR }).check(z.int(), z.minimum(1), z.maximum(100))),
        cursor: z.optional(z.string({ error: CURSOR_ERROR }).check(z.maxLength(16000))),
      },
      { error: 'Page must be an object' },
    ),
  ),
);

/** A page of a member's or contact's conversation, as the business sees it (all messages). */
export async function conversationPage(recipient: unknown, page: unknown): Promise<MessagePage> {
  const { recipient: to, page: paging = {} } = checked({
    recipient: await validateLazily(recipientSchema, recipient),
    page: await validateLazily(pageSchema, page),
  });
  try {
    return await inConversation(to, ({ id }) =>
      listConversationMessages(id, {
        limit: paging.limit ?? 30,
        ...(paging.cursor ? { cursor: paging.cursor } : {}),
      }),
    );
  } catch (error) {
    // A cursor is opaque: only Wix can tell a forged or stale one (400), and it is the one field here
    // that reaches Wix unchecked, so that 400 is this field's error.
    if (paging.cursor && wixStatus(error) === 400) {
      throw new SiteError('INVALID_INPUT', 'Please correct the highlighted fields.', { 'page.cursor': CURSOR_ERROR });
    }
    throw error;
  }
}
