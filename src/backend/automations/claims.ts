import { auth } from '@wix/essentials';
import { items } from '@wix/data';

/**
 * Claims: tiny records in a Wix Data collection whose only job is to exist once. Inserting an item
 * with a chosen `_id` either succeeds or fails with WDE0074 (already exists), atomically, in storage
 * every backend instance shares. That makes "handle this event once" and "one like message per
 * person per post" hold across instances and redeliveries.
 *
 * The site needs a collection with this id, readable and writable by Admin only.
 */
export const CLAIMS_COLLECTION = 'InboxConnectorClaims';

const DUPLICATE_ITEM = 'WDE0074';
const MAX_KEY_LENGTH = 200;

const elevatedInsert = auth.elevate(items.insert);
const elevatedRemove = auth.elevate(items.remove);

/** Wix Data ids are bounded; long keys keep their start and a hash of the whole key. */
function itemId(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key;
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(31, hash) + key.charCodeAt(i)) | 0;
  return `${key.slice(0, MAX_KEY_LENGTH - 12)}#${(hash >>> 0).toString(16)}`;
}

/** True if this call made the claim, false if it existed already. Other failures are thrown. */
export async function claim(key: string): Promise<boolean> {
  try {
    await elevatedInsert(CLAIMS_COLLECTION, { _id: itemId(key), claimedAt: new Date().toISOString() });
    return true;
  } catch (error) {
    const code = (error as { details?: { applicationError?: { code?: unknown } } }).details?.applicationError?.code;
    if (code === DUPLICATE_ITEM) return false;
    throw error;
  }
}

/** Gives a claim back, so a redelivered event can try again after a failure. */
export async function release(key: string): Promise<void> {
  await elevatedRemove(CLAIMS_COLLECTION, itemId(key));
}
