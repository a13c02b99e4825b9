import { isoDate, type EmulatorContext } from '../context';
import { AlreadyExists, BadRequest, NotFound } from '../errors';
import type { Db } from '../store/database';
import { statement } from '../store/statements';

export interface ContactRecord {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  memberId: string | null;
  revision: number;
  createdDate: string;
  updatedDate: string;
}

interface ContactRow {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  member_id: string | null;
  revision: number;
  created_date: string;
  updated_date: string;
}

function fromRow(row: ContactRow): ContactRecord {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    memberId: row.member_id,
    revision: row.revision,
    createdDate: row.created_date,
    updatedDate: row.updated_date,
  };
}

/** Emails match case-insensitively, as Wix contacts do. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findContact(db: Db, id: string): ContactRecord | undefined {
  const row = statement(db, 'SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function findContactByEmail(db: Db, email: string): ContactRecord | undefined {
  const row = statement(db, 'SELECT * FROM contacts WHERE email = ?').get(normalizeEmail(email)) as
    ContactRow | undefined;
  return row ? fromRow(row) : undefined;
}

export interface ContactInput {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** Creates a contact; 409 `DUPLICATE_CONTACT_EXISTS` when the email belongs to another contact. */
export function createContact(ctx: EmulatorContext, input: ContactInput): ContactRecord {
  return ctx.db.transaction(() => insertContact(ctx, input)).immediate();
}

function insertContact(ctx: EmulatorContext, input: ContactInput): ContactRecord {
  if (input.email) {
    const duplicate = findContactByEmail(ctx.db, input.email);
    if (duplicate) {
      throw new AlreadyExists('DUPLICATE_CONTACT_EXISTS', `A contact with email ${input.email} already exists.`, {
        duplicateContactId: duplicate.id,
        duplicateEmail: duplicate.email,
      });
    }
  }
  const now = isoDate(ctx.clock.now());
  const id = ctx.ids.uuid();
  statement(
    ctx.db,
    `INSERT INTO contacts (id, email, first_name, last_name, member_id, revision, created_date, updated_date)
       VALUES (?, ?, ?, ?, NULL, 1, ?, ?)`,
  ).run(id, input.email ? normalizeEmail(input.email) : null, input.firstName, input.lastName, now, now);
  return findContact(ctx.db, id)!;
}

/**
 * Append-or-create by email (Wix's Submit Contact): an existing contact with the email gets the
 * names it lacks; otherwise a contact is created. Runs in one transaction.
 */
export function appendOrCreateContact(
  ctx: EmulatorContext,
  input: ContactInput,
): { contact: ContactRecord; newContact: boolean } {
  if (!input.email) {
    throw new BadRequest('INSUFFICIENT_CONTACT_DATA', 'An email is required to find or create a contact.');
  }
  return ctx.db
    .transaction(() => {
      const existing = findContactByEmail(ctx.db, input.email!);
      if (!existing) return { contact: insertContact(ctx, input), newContact: true };
      const firstName = existing.firstName ?? input.firstName;
      const lastName = existing.lastName ?? input.lastName;
      if (firstName !== existing.firstName || lastName !== existing.lastName) {
        statement(
          ctx.db,
          'UPDATE contacts SET first_name = ?, last_name = ?, revision = revision + 1, updated_date = ? WHERE id = ?',
        ).run(firstName, lastName, isoDate(ctx.clock.now()), existing.id);
      }
      return { contact: findContact(ctx.db, existing.id)!, newContact: false };
    })
    .immediate();
}

export function getContact(ctx: EmulatorContext, id: string): ContactRecord {
  const contact = findContact(ctx.db, id);
  if (!contact) throw new NotFound('CONTACT_NOT_FOUND', `Contact ${id} not found.`);
  return contact;
}

/** The contact as Wix's Contacts v4 REST API returns it. */
export function contactToRest(contact: ContactRecord) {
  const name = { first: contact.firstName ?? undefined, last: contact.lastName ?? undefined };
  return {
    id: contact.id,
    revision: contact.revision,
    source: { sourceType: 'OTHER' },
    createdDate: contact.createdDate,
    updatedDate: contact.updatedDate,
    lastActivity: { activityDate: contact.updatedDate, activityType: 'CONTACT_CREATED' },
    primaryInfo: contact.email ? { email: contact.email } : {},
    info: {
      name,
      emails: { items: contact.email ? [{ tag: 'MAIN', email: contact.email, primary: true }] : [] },
    },
    ...(contact.memberId ? { memberInfo: { memberId: contact.memberId } } : {}),
  };
}
