import type { EmulatorContext } from '../context';
import { InvalidArgument } from '../errors';
import { statement } from '../store/statements';
import { toItem, type DataItem } from './items';

/**
 * Wix Data queries and counts over a collection's items, for the filter operators a site backend
 * uses: `{field: value}` (equals), `{field: {$eq|$ne|$lt|$lte|$gt|$gte: value}}`, `{field: {$in: [...]}}`
 * and `$and`/`$or` lists. Items come oldest first (Wix Data's default order is by `_createdDate`).
 * Anything else is refused with a clear error rather than matched some invented way.
 */

type Filter = Record<string, unknown>;

const COMPARISONS: Record<string, (a: unknown, b: unknown) => boolean> = {
  $eq: (a, b) => a === b,
  $ne: (a, b) => a !== b,
  $lt: (a, b) => comparable(a, b) && (a as number) < (b as number),
  $lte: (a, b) => comparable(a, b) && (a as number) <= (b as number),
  $gt: (a, b) => comparable(a, b) && (a as number) > (b as number),
  $gte: (a, b) => comparable(a, b) && (a as number) >= (b as number),
  $in: (a, b) => Array.isArray(b) && b.includes(a),
};

function comparable(a: unknown, b: unknown): boolean {
  return (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
}

function unsupported(description: string): InvalidArgument {
  return new InvalidArgument([{ field: 'filter', description, violatedRule: 'FORMAT' }]);
}

/** Checks the whole filter up front, so a bad one is refused even on an empty collection. */
function check(filter: unknown): Filter {
  if (filter === undefined || filter === null) return {};
  if (typeof filter !== 'object' || Array.isArray(filter)) throw unsupported('must be an object');
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition)) throw unsupported(`${key} must be a list of filters`);
      condition.forEach(check);
    } else if (key.startsWith('$')) {
      throw unsupported(`operator ${key} is not supported by the emulator`);
    } else if (condition && typeof condition === 'object' && !Array.isArray(condition)) {
      for (const op of Object.keys(condition)) {
        if (!Object.hasOwn(COMPARISONS, op)) throw unsupported(`operator ${op} on ${key} is not supported`);
      }
    }
  }
  return filter as Filter;
}

function matches(data: Record<string, unknown>, filter: Filter): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return (condition as Filter[]).every((f) => matches(data, f));
    if (key === '$or') return (condition as Filter[]).some((f) => matches(data, f));
    const value = Object.hasOwn(data, key) ? data[key] : undefined;
    if (condition && typeof condition === 'object' && !Array.isArray(condition)) {
      return Object.entries(condition).every(([op, operand]) => COMPARISONS[op]!(value, operand));
    }
    return value === condition;
  });
}

function matching(ctx: EmulatorContext, collection: string, filter: unknown): DataItem[] {
  const checked = check(filter);
  const rows = statement(
    ctx.db,
    'SELECT id, data, created_date FROM data_items WHERE collection = ? ORDER BY created_date, rowid',
  ).all(collection) as { id: string; data: string; created_date: string }[];
  return rows
    .map((row) => toItem(collection, row.id, JSON.parse(row.data) as Record<string, unknown>, row.created_date))
    .filter((item) => matches(item.data, checked));
}

export function queryItems(
  ctx: EmulatorContext,
  collection: string,
  query: { filter?: unknown; paging?: { limit?: number; offset?: number } },
) {
  const all = matching(ctx, collection, query.filter);
  const limit = query.paging?.limit ?? 50;
  const offset = query.paging?.offset ?? 0;
  const page = all.slice(offset, offset + limit);
  return {
    dataItems: page,
    pagingMetadata: { count: page.length, offset, total: all.length, tooManyToCount: false },
  };
}

export function countItems(ctx: EmulatorContext, collection: string, filter: unknown): { totalCount: number } {
  return { totalCount: matching(ctx, collection, filter).length };
}
