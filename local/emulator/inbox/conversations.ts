import { nameBasedUuid, type EmulatorContext } from '../context';
import { NotFound } from '../errors';
import { findContact } from '../contacts/contacts';
import { findMember } from '../members/members';
import { statement } from '../store/statements';

/** The one-of participant id of GetOrCreateConversation. */
export interface ParticipantIdInput {
  contactId?: string | null;
  anonymousVisitorId?: string | null;
  memberId?: string | null;
}

/** `IdentificationData` of a conversation participant (REST names). */
export interface Participant {
  anonymousVisitorId?: string;
  memberId?: string;
  contactId?: string;
}

/** A conversation as Wix's REST API returns it. */
export interface Conversation {
  id: string;
  participant: Participant;
  channels: string[];
  businessDisplayData: { name: string };
  participantDisplayData: { name: string };
}

interface ConversationRow {
  id: string;
  anonymous_visitor_id: string | null;
  member_id: string | null;
  contact_id: string | null;
}

/**
 * Resolves a participant id to the conversation key Wix would use. GetOrCreateConversation documents
 * no error for an id Wix does not know, so none is invented: an unknown member or contact id gets a
 * conversation of its own, as the most permissive reading (docs/emulator-contract.md). A member's
 * contact id resolves to the member's conversation or to its own, by the platform variant
 * `memberContactConversation` (undocumented; Wix describes a new conversation and a later merge).
 */
function resolveParticipant(
  ctx: EmulatorContext,
  input: ParticipantIdInput,
): { key: string; participant: Participant } {
  if (input.memberId) {
    const member = findMember(ctx.db, input.memberId);
    const participant = member ? { memberId: member.id, contactId: member.contactId } : { memberId: input.memberId };
    return { key: `member:${input.memberId}`, participant };
  }
  if (input.contactId) {
    const contact = findContact(ctx.db, input.contactId);
    if (contact?.memberId && ctx.variants.memberContactConversation === 'member') {
      return { key: `member:${contact.memberId}`, participant: { memberId: contact.memberId, contactId: contact.id } };
    }
    return { key: `contact:${input.contactId}`, participant: { contactId: input.contactId } };
  }
  const visitorId = input.anonymousVisitorId as string;
  return { key: `visitor:${visitorId}`, participant: { anonymousVisitorId: visitorId } };
}

function participantOf(row: Omit<ConversationRow, 'id'>): Participant {
  const participant: Participant = {};
  if (row.anonymous_visitor_id) participant.anonymousVisitorId = row.anonymous_visitor_id;
  if (row.member_id) participant.memberId = row.member_id;
  if (row.contact_id) participant.contactId = row.contact_id;
  return participant;
}

function toConversation(ctx: EmulatorContext, row: ConversationRow): Conversation {
  const participant = participantOf(row);
  return {
    id: row.id,
    participant,
    channels: ['CHAT'],
    businessDisplayData: { name: ctx.site.businessName },
    participantDisplayData: { name: participantName(ctx, participant) },
  };
}

function participantName(ctx: EmulatorContext, participant: Participant): string {
  if (participant.memberId) return findMember(ctx.db, participant.memberId)?.nickname ?? 'Member';
  if (participant.contactId) {
    const contact = findContact(ctx.db, participant.contactId);
    const name = [contact?.firstName, contact?.lastName].filter(Boolean).join(' ');
    return name || contact?.email || 'Contact';
  }
  return 'Visitor';
}

/**
 * Returns the participant's conversation, creating it on first use. Idempotent under concurrency:
 * the id is derived from the participant and the insert is `INSERT OR IGNORE` on a unique key, so
 * concurrent callers (even in other processes) all get the same conversation and exactly one sees
 * `newConversation: true`.
 */
export function getOrCreateConversation(
  ctx: EmulatorContext,
  input: ParticipantIdInput,
): { conversation: Conversation; newConversation: boolean } {
  const { key, participant } = resolveParticipant(ctx, input);
  const id = nameBasedUuid(ctx.site.siteId, key);
  const now = ctx.clock.now();
  const inserted = statement(
    ctx.db,
    `INSERT OR IGNORE INTO conversations
       (id, participant_key, anonymous_visitor_id, member_id, contact_id, created_at, activity)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    key,
    participant.anonymousVisitorId ?? null,
    participant.memberId ?? null,
    participant.contactId ?? null,
    now,
    now * 1000,
  );
  const row = statement(ctx.db, 'SELECT * FROM conversations WHERE participant_key = ?').get(key) as ConversationRow;
  return { conversation: toConversation(ctx, row), newConversation: inserted.changes === 1 };
}

/** The conversation with this id, or undefined. */
export function findConversation(ctx: EmulatorContext, id: string): Conversation | undefined {
  const row = statement(ctx.db, 'SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;
  return row ? toConversation(ctx, row) : undefined;
}

/**
 * The participant of the conversation with this id, or undefined: what sending a message needs, without
 * the display names a whole conversation looks up.
 */
export function findParticipant(ctx: EmulatorContext, conversationId: string): Participant | undefined {
  const row = statement(
    ctx.db,
    'SELECT anonymous_visitor_id, member_id, contact_id FROM conversations WHERE id = ?',
  ).get(conversationId) as Omit<ConversationRow, 'id'> | undefined;
  return row ? participantOf(row) : undefined;
}

/** The conversation with this id, or a 404 `CONVERSATION_NOT_FOUND`. */
export function getConversation(ctx: EmulatorContext, id: string): Conversation {
  const conversation = findConversation(ctx, id);
  if (!conversation) throw new NotFound('CONVERSATION_NOT_FOUND', `Conversation ${id} not found.`);
  return conversation;
}

/**
 * Conversations oldest first, `limit` at a time after the one with row `afterRow` (for the control API):
 * keyset paging on the row id, so a page costs the same however many conversations there are.
 */
export function conversationsPage(
  ctx: EmulatorContext,
  options: { limit: number; afterRow?: number; id?: string },
): { conversations: Conversation[]; lastRow?: number; hasMore: boolean } {
  const rows = (
    options.id === undefined
      ? statement(ctx.db, 'SELECT rowid AS row, * FROM conversations WHERE rowid > ? ORDER BY rowid LIMIT ?').all(
          options.afterRow ?? 0,
          options.limit + 1,
        )
      : statement(ctx.db, 'SELECT rowid AS row, * FROM conversations WHERE id = ?').all(options.id)
  ) as (ConversationRow & { row: number })[];
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    conversations: page.map((row) => toConversation(ctx, row)),
    ...(last ? { lastRow: last.row } : {}),
    hasMore: rows.length > options.limit,
  };
}
