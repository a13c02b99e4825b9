import { auth } from '@wix/essentials';
// The packages @wix/members and @wix/crm re-export, alone: a cold backend loads 2 APIs, not 30.
import * as members from '@wix/auto_sdk_members_members';
import * as submittedContact from '@wix/auto_sdk_crm_submitted-contact';
import { callWix } from './retry';
import { required } from './site-error';

export interface MemberCaller {
  memberId: string;
  contactId: string;
  email?: string;
  name?: string;
}

/**
 * The member making this request, or undefined for a visitor. Runs as the caller (not elevated):
 * Wix answers from the caller's own session, so nobody can claim another member's identity. A read:
 * retried under the policy in retry.ts.
 */
export async function currentMember(): Promise<MemberCaller | undefined> {
  const { member } = await callWix('getCurrentMember', 'idempotent', () =>
    members.getCurrentMember({ fieldsets: ['FULL'] }),
  );
  if (!member?._id || !member.contactId) return undefined;
  return {
    memberId: member._id,
    contactId: member.contactId,
    ...(member.loginEmail ? { email: member.loginEmail } : {}),
    ...(member.profile?.nickname ? { name: member.profile.nickname } : {}),
  };
}

const elevatedAppendOrCreate = auth.elevate(submittedContact.appendOrCreateContact);

export interface ContactSender {
  contactId: string;
  /** True when the email belongs to a site member who is not logged in. */
  isMemberEmail: boolean;
}

/**
 * Finds the contact with this email, or creates it (Wix's append-or-create). One elevated call,
 * retried: Wix matches by email, so a repeat finds the contact a lost first attempt created.
 */
export async function contactForEmail(details: {
  email: string;
  firstName: string;
  lastName?: string;
}): Promise<ContactSender> {
  const result = await callWix('appendOrCreateContact', 'idempotent', () =>
    elevatedAppendOrCreate({
      info: {
        name: { first: details.firstName, ...(details.lastName ? { last: details.lastName } : {}) },
        emails: { items: [{ email: details.email }] },
      },
    }),
  );
  return {
    contactId: required(result.contactId, 'appendOrCreateContact returned no contact id'),
    isMemberEmail: result.identityType === 'NOT_AUTHENTICATED_MEMBER',
  };
}
