import type { PlatformVariants } from '../variants';
import { isoDate, type EmulatorContext } from '../context';
import { AlreadyExists, NotFound } from '../errors';
import { createContact, findContactByEmail, normalizeEmail } from '../contacts/contacts';
import type { Db } from '../store/database';
import { statement } from '../store/statements';

export interface MemberRecord {
  id: string;
  contactId: string;
  loginEmail: string;
  nickname: string;
  slug: string;
  createdDate: string;
}

interface MemberRow {
  id: string;
  contact_id: string;
  login_email: string;
  nickname: string;
  slug: string;
  created_date: string;
}

function fromRow(row: MemberRow): MemberRecord {
  return {
    id: row.id,
    contactId: row.contact_id,
    loginEmail: row.login_email,
    nickname: row.nickname,
    slug: row.slug,
    createdDate: row.created_date,
  };
}

export function findMember(db: Db, id: string): MemberRecord | undefined {
  const row = statement(db, 'SELECT * FROM members WHERE id = ?').get(id) as MemberRow | undefined;
  return row ? fromRow(row) : undefined;
}

/** The member, or a standard 404 `NOT_FOUND`: the Members typings list no code of their own for it. */
export function getMember(ctx: EmulatorContext, id: string): MemberRecord {
  const member = findMember(ctx.db, id);
  if (!member) throw new NotFound('NOT_FOUND', `Member ${id} not found.`);
  return member;
}

/**
 * Registers a site member. Like Wix, every member has a contact: an existing contact with the same
 * email becomes the member's contact, otherwise one is created. 409 if the email is already a member's.
 */
export function createMember(ctx: EmulatorContext, input: { email: string; name?: string; id?: string }): MemberRecord {
  return ctx.db
    .transaction(() => {
      const email = normalizeEmail(input.email);
      const taken = statement(ctx.db, 'SELECT id FROM members WHERE login_email = ?').get(email) as
        { id: string } | undefined;
      if (taken) {
        throw new AlreadyExists('MEMBER_ALREADY_EXISTS', `A member with email ${email} already exists.`, {
          memberId: taken.id,
        });
      }
      const id = input.id ?? ctx.ids.uuid();
      if (findMember(ctx.db, id)) throw new AlreadyExists('MEMBER_ALREADY_EXISTS', `Member ${id} already exists.`);
      const [firstName, ...rest] = (input.name ?? '').trim().split(/\s+/).filter(Boolean);
      const contact =
        findContactByEmail(ctx.db, email) ??
        createContact(ctx, { email, firstName: firstName ?? null, lastName: rest.join(' ') || null });
      const nickname = input.name?.trim() || email.split('@')[0]!;
      const slug =
        nickname
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || id.slice(0, 8);
      statement(
        ctx.db,
        'INSERT INTO members (id, contact_id, login_email, nickname, slug, created_date) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(id, contact.id, email, nickname, slug, isoDate(ctx.clock.now()));
      statement(ctx.db, 'UPDATE contacts SET member_id = ? WHERE id = ?').run(id, contact.id);
      return findMember(ctx.db, id)!;
    })
    .immediate();
}

/** How much of a member Members v1 returns (`fieldsets`; `PUBLIC` when none is asked for). */
export type Fieldset = 'PUBLIC' | 'EXTENDED' | 'FULL';

/**
 * The member as Wix's Members v1 REST API returns it in `fieldset`, as the SDK typings describe each
 * (`Set`): `PUBLIC` is `id`, `contactId`, the dates and `profile`, with the statuses `UNKNOWN`;
 * `EXTENDED` adds the login email and the real statuses; `FULL` is every field (here, the contact).
 * Whether `PUBLIC` carries `contactId` is a platform variant: the REST overview says "ID and profile".
 */
export function memberToRest(
  member: MemberRecord,
  fieldset: Fieldset,
  publicFields: PlatformVariants['memberPublicFields'],
) {
  const profile = { nickname: member.nickname, slug: member.slug };
  const dates = { createdDate: member.createdDate, updatedDate: member.createdDate };
  if (fieldset === 'PUBLIC') {
    const unknown = { status: 'UNKNOWN', privacyStatus: 'UNKNOWN', activityStatus: 'UNKNOWN' };
    if (publicFields === 'id-and-profile') return { id: member.id, profile, ...unknown };
    return { id: member.id, contactId: member.contactId, ...dates, profile, ...unknown };
  }
  const extended = {
    id: member.id,
    loginEmail: member.loginEmail,
    status: 'APPROVED',
    contactId: member.contactId,
    ...dates,
    privacyStatus: 'PUBLIC',
    activityStatus: 'ACTIVE',
    profile,
  };
  if (fieldset === 'EXTENDED') return extended;
  return { ...extended, contact: { contactId: member.contactId, emails: [member.loginEmail] } };
}

/** The members whose contact is one of `contactIds`, oldest first (Query Members' unsorted order is undocumented). */
export function queryMembersByContact(
  ctx: EmulatorContext,
  contactIds: string[],
  paging: { limit: number; offset: number },
): { members: MemberRecord[]; total: number } {
  if (contactIds.length === 0) return { members: [], total: 0 };
  // One prepared statement for any number of ids.
  const rows = statement(
    ctx.db,
    'SELECT * FROM members WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY rowid',
  ).all(JSON.stringify(contactIds)) as MemberRow[];
  return { members: rows.slice(paging.offset, paging.offset + paging.limit).map(fromRow), total: rows.length };
}
