import type { RepeaterItem } from '../../../src/public/pages/page-elements';

/** Velo: "The value of the _id property must be a string and can only contain alphanumeric characters and hyphens." */
const ITEM_ID = /^[A-Za-z0-9-]+$/;

/**
 * Checks a value given to a repeater's `data` the way the Velo reference states it must be: an array of
 * objects, each with a unique `_id` of letters, digits and hyphens. Page code that breaks the rule is a
 * bug, so the playground and the test fake fail loudly rather than render something Wix would not.
 */
export function checkRepeaterData(data: unknown): RepeaterItem[] {
  if (!Array.isArray(data)) throw new TypeError('Repeater data must be an array of objects');
  const seen = new Set<string>();
  for (const [index, item] of data.entries()) {
    const id = typeof item === 'object' && item !== null ? (item as { _id?: unknown })._id : undefined;
    if (typeof id !== 'string' || !ITEM_ID.test(id)) {
      throw new TypeError(`Repeater data[${index}]._id must be a string of letters, digits and hyphens`);
    }
    if (seen.has(id)) throw new TypeError(`Repeater data has the _id "${id}" more than once`);
    seen.add(id);
  }
  return data as RepeaterItem[];
}

/** What changes when `next` replaces `previous`: the items to create and the items to remove. */
export function repeaterChanges<T extends RepeaterItem>(previous: readonly T[], next: readonly T[]) {
  const before = new Set(previous.map((item) => item._id));
  const after = new Set(next.map((item) => item._id));
  return {
    added: next.filter((item) => !before.has(item._id)),
    removed: previous.filter((item) => !after.has(item._id)),
  };
}
