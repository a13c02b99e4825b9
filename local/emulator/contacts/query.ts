import type { EmulatorContext } from '../context';
import { InvalidArgument } from '../errors';
import { statement } from '../store/statements';
import { findContact, normalizeEmail, type ContactRecord } from './contacts';

/**
 * The part of Query Contacts the emulator answers, as the SDK's `queryContacts()` builder sends it:
 * no filter (every contact), one email (`{"info.emails.email": x}` or `{"$eq": x}`), or a prefix
 * (`.startsWith()` → `{"<field>": {"$startsWith": x}}`) of the first name, last name or email; sorted
 * by `createdDate` (the builder's default, `descending("_createdDate")`); `limit`/`offset` paging.
 * Anything else is refused with a field violation naming what is supported, never ignored.
 */
export type ContactFilter =
  { kind: 'all' } | { kind: 'email'; email: string } | { kind: 'prefix'; column: string; prefix: string };

const EMAIL_FIELDS = ['info.emails.email', 'primaryInfo.email'];
const PREFIX_COLUMNS: Record<string, string> = {
  'info.name.first': 'first_name',
  'info.name.last': 'last_name',
  'primaryInfo.email': 'email',
};

function unsupported(field: string, description: string): InvalidArgument {
  return new InvalidArgument([{ field, description, violatedRule: 'VALIDATION' }]);
}

export function contactFilter(filter: Record<string, unknown> | null | undefined): ContactFilter {
  const keys = Object.keys(filter ?? {});
  if (keys.length === 0) return { kind: 'all' };
  const key = keys[0]!;
  const value = filter![key];
  const condition = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { $eq: value };
  const operators = Object.keys(condition);
  if (keys.length === 1 && operators.length === 1) {
    const operand = condition[operators[0]!];
    if (operators[0] === '$eq' && EMAIL_FIELDS.includes(key) && typeof operand === 'string') {
      return { kind: 'email', email: operand };
    }
    if (operators[0] === '$startsWith' && Object.hasOwn(PREFIX_COLUMNS, key) && typeof operand === 'string') {
      return { kind: 'prefix', column: PREFIX_COLUMNS[key]!, prefix: operand };
    }
  }
  throw unsupported(
    'query.filter',
    'the emulator supports no filter, one email ({"info.emails.email": "<email>"}), or one $startsWith on ' +
      'info.name.first, info.name.last or primaryInfo.email',
  );
}

export function contactOrder(
  sort: { fieldName?: string | null; order?: string | null }[] | null | undefined,
): 'ASC' | 'DESC' {
  if (!sort || sort.length === 0) return 'DESC';
  const [first] = sort;
  if (sort.length === 1 && first!.fieldName === 'createdDate') return first!.order === 'ASC' ? 'ASC' : 'DESC';
  throw unsupported('query.sort', 'the emulator sorts contacts by createdDate only');
}

/** SQLite LIKE with the prefix's own `%` and `_` taken literally. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function queryContacts(
  ctx: EmulatorContext,
  filter: ContactFilter,
  order: 'ASC' | 'DESC',
  paging: { limit: number; offset: number },
): { contacts: ContactRecord[]; total: number } {
  let where = '';
  let args: string[] = [];
  if (filter.kind === 'email') [where, args] = ['WHERE email = ?', [normalizeEmail(filter.email)]];
  // LIKE is case-insensitive for ASCII, as the emulator's email match is (Wix does not document case for names).
  if (filter.kind === 'prefix')
    [where, args] = [`WHERE ${filter.column} LIKE ? ESCAPE '\\'`, [likePrefix(filter.prefix)]];
  const { total } = statement(ctx.db, `SELECT COUNT(*) AS total FROM contacts ${where}`).get(...args) as {
    total: number;
  };
  const ids = statement(
    ctx.db,
    `SELECT id FROM contacts ${where} ORDER BY created_date ${order}, rowid ${order} LIMIT ? OFFSET ?`,
  ).all(...args, paging.limit, paging.offset) as { id: string }[];
  return { contacts: ids.map(({ id }) => findContact(ctx.db, id)!), total };
}
