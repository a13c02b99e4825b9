import { auth } from '@wix/essentials';
import type { Contact } from '@wix/auto_sdk_crm_contacts';
import { lazySchema, trimmedText, validateLazily } from 'public/validation';
import { lazily } from './lazily';
import { callWix } from './retry';
import { SiteError } from './site-error';
import type { Recipient } from './admin-messages';

/** How many recipients one call lists: a picker, not an export of the contact list. */
export const RECIPIENT_LIMIT = 20;

/** Wix's own bound for a contact text search (Contacts v4 `search`: up to 100 characters). */
const searchSchema = lazySchema((z) => z.optional(trimmedText(z, 'Search', { max: 100 })));

export interface RecipientChoice {
  /** What the admin reads: the contact's name, else their email. */
  name: string;
  email?: string;
  /**
   * A member as the member: whether Inbox puts a message to a member's contact id in the member's own
   * conversation is undocumented (platform variant memberContactConversation), the member id is sure.
   */
  recipient: Recipient;
}

// Loaded on first use, so the Admin module's send methods do not pay for them on a cold start. The
// packages @wix/crm and @wix/members re-export, alone (see caller.ts).
const elevatedContacts = lazily(async () => auth.elevate((await import('@wix/auto_sdk_crm_contacts')).queryContacts));
const elevatedMembers = lazily(async () => auth.elevate((await import('@wix/auto_sdk_members_members')).queryMembers));

/**
 * The newest contacts (members included: every member has a contact), for the Admin page's recipient
 * picker. Optional search: text with an `@` matches the start of the email, other text the start of
 * the first name (the query builder has no `or`).
 * Only Admin web methods reach this. Two elevated reads, one after the other: the contacts, then which
 * of them are members (the documented Contact type does not say).
 */
export async function listRecipients(search: unknown): Promise<{ recipients: RecipientChoice[] }> {
  const checked = await validateLazily(searchSchema, search);
  if (!checked.ok) {
    throw new SiteError('INVALID_INPUT', 'Please correct the highlighted fields.', {
      search: checked.fieldErrors['(input)']!,
    });
  }
  const text = checked.value;
  const queryContacts = await elevatedContacts();
  const found = await callWix('queryContacts', 'idempotent', () => {
    let query = queryContacts().descending('_createdDate').limit(RECIPIENT_LIMIT);
    if (text) query = query.startsWith(text.includes('@') ? 'primaryInfo.email' : 'info.name.first', text);
    return query.find();
  });
  // Stryker disable next-line MethodExpression: equivalent on what Wix answers: at most the limit asked for, every contact with an id
  const newest = found.items.slice(0, RECIPIENT_LIMIT).filter((contact) => contact._id);
  const memberIds = await memberIdsByContact(newest.map((contact) => contact._id!));
  return { recipients: newest.flatMap((contact) => toChoice(contact, memberIds.get(contact._id!))) };
}

/** contact id → member id, for those of these contacts that are site members. */
async function memberIdsByContact(contactIds: string[]): Promise<Map<string, string>> {
  if (contactIds.length === 0) return new Map();
  const queryMembers = await elevatedMembers();
  const { items } = await callWix('queryMembers', 'idempotent', () =>
    // `FULL`: the one fieldset every Wix doc says carries the contact id (variant memberPublicFields).
    queryMembers({ fieldsets: ['FULL'] })
      .in('contactId', contactIds)
      .limit(contactIds.length)
      .find(),
  );
  return new Map(items.flatMap((member) => (member._id && member.contactId ? [[member.contactId, member._id]] : [])));
}

function toChoice(contact: Contact, memberId: string | undefined): RecipientChoice[] {
  const email = contact.primaryInfo?.email ?? undefined;
  const fullName = [contact.info?.name?.first, contact.info?.name?.last].filter(Boolean).join(' ');
  const name = fullName || email;
  if (!name) return [];
  return [{ name, ...(email ? { email } : {}), recipient: memberId ? { memberId } : { contactId: contact._id! } }];
}
