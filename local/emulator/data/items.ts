import { isoDate, type EmulatorContext } from '../context';
import { AlreadyExists, NotFound } from '../errors';
import { statement } from '../store/statements';

/**
 * Wix Data items (the part of `@wix/data` a site backend uses to keep small records): insert with an
 * optional id, get and remove. Error codes are Wix Data's: WDE0074 duplicate id, WDE0073 not found.
 */

export interface DataItem {
  id: string;
  dataCollectionId: string;
  data: Record<string, unknown>;
}

export function toItem(collection: string, id: string, data: Record<string, unknown>, createdDate: string): DataItem {
  return {
    id,
    dataCollectionId: collection,
    data: { ...data, _id: id, _createdDate: { $date: createdDate }, _updatedDate: { $date: createdDate } },
  };
}

/** Inserts an item; 409 WDE0074 if the collection already has an item with this id. */
export function insertItem(
  ctx: EmulatorContext,
  collection: string,
  id: string | undefined,
  data: Record<string, unknown>,
): DataItem {
  const itemId = id ?? ctx.ids.uuid();
  const created = isoDate(ctx.clock.now());
  const { _id: _ignored, ...fields } = data;
  const inserted = statement(
    ctx.db,
    'INSERT OR IGNORE INTO data_items (collection, id, data, created_date) VALUES (?, ?, ?, ?)',
  ).run(collection, itemId, JSON.stringify(fields), created);
  if (inserted.changes === 0) {
    throw new AlreadyExists('WDE0074', `An item with _id [${itemId}] already exists in [${collection}].`, {
      itemId,
      collectionId: collection,
    });
  }
  return toItem(collection, itemId, fields, created);
}

export function getItem(ctx: EmulatorContext, collection: string, id: string): DataItem {
  const row = statement(ctx.db, 'SELECT data, created_date FROM data_items WHERE collection = ? AND id = ?').get(
    collection,
    id,
  ) as { data: string; created_date: string } | undefined;
  if (!row) throw new NotFound('WDE0073', `Item [${id}] does not exist in collection [${collection}].`);
  return toItem(collection, id, JSON.parse(row.data) as Record<string, unknown>, row.created_date);
}

export function removeItem(ctx: EmulatorContext, collection: string, id: string): DataItem {
  const item = getItem(ctx, collection, id);
  statement(ctx.db, 'DELETE FROM data_items WHERE collection = ? AND id = ?').run(collection, id);
  return item;
}
