import { auth } from '@wix/essentials';
import { lazily } from './lazily';
import { callWix, wixStatus } from './retry';
import { required } from './site-error';

export interface MemberCaller {
  memberId: string;
  contactId: string;
}

/**
 * The member making this request, or undefined for a visitor. Runs as the caller (not elevated):
 * Wix answers from the caller's own session, so nobody can claim another member's identity. A read:
 * retried under the policy in retry.ts.
 */
export async function currentMember(): Promise<MemberCaller | undefined> {
  const getCurrentMember = await membersGetCurrentMember();
  // `FULL`: the one fieldset every Wix doc says carries the contact id. The default, `PUBLIC`, has it
  // by the SDK typings but only the id and profile by the REST overview (variant memberPublicFields).
  const { member } = await callWix('getCurrentMember', 'idempotent', () =>
    getCurrentMember({ fieldsets: ['FULL'] }),
  ).catch(noMemberOn4xx);
  if (!member?._id || !member.contactId) return undefined;
  return { memberId: member._id, contactId: member.contactId };
}

/**
 * Wix does not document what getCurrentMember answers a visitor: an empty answer, or (like the older
 * wix-members-backend) an error. A 401, 403 or 404 means "nobody is logged in", so the caller is a
 * visitor; any other failure (429, 5xx, no answer) is thrown after the retry policy has run.
 */
function noMemberOn4xx(error: unknown): { member?: undefined } {
  const status = wixStatus(error);
  if (status === 401 || status === 403 || status === 404) return {};
  throw error;
}

// The packages @wix/members and @wix/crm re-export, alone: a cold backend loads 2 APIs, not 30. Each is
// loaded by the first call that needs it, not with the web module or events.js: a member's
// message never needs the contacts SDK, and most events need neither (lazily.ts).
const membersGetCurrentMember = lazily(async () => (await import('@wix/auto_sdk_members_members')).getCurrentMember);
const elevatedAppendOrCreate = lazily(async () =>
  auth.elevate((await import('@wix/auto_sdk_crm_submitted-contact')).appendOrCreateContact),
);

export interface ContactSender {
  contactId: string;
  /** True when the email belongs to a site member who is not logged in. */
  isMemberEmail: boolean;
}

/**
 * Finds the contact with this email, or creates it (Wix's append-or-create). One elevated call,
 * retried: Wix matches by email, so a repeat finds the contact a lost first attempt created.
 *
 * Only the email is sent. Wix appends what it is given to an existing contact where that contact's
 * field is empty (docs: "How the Data Is Handled"), and a typed email proves nothing: so a stranger
 * must not be able to name someone else's contact. With the email alone there is nothing to append;
 * the typed names travel in the form message, marked as unverified. (docs/decisions/0009-unverified-senders.md)
 */
export async function contactForEmail(email: string): Promise<ContactSender> {
  const appendOrCreate = await elevatedAppendOrCreate();
  const result = await callWix('appendOrCreateContact', 'idempotent', () =>
    appendOrCreate({ info: { emails: { items: [{ email }] } } }),
  );
  return {
    contactId: required(result.contactId, 'appendOrCreateContact returned no contact id'),
    isMemberEmail: result.identityType === 'NOT_AUTHENTICATED_MEMBER',
  };
}
