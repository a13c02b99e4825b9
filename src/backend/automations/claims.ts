import { randomUUID } from 'crypto';
import { auth } from '@wix/essentials';
import { lazily } from '../lib/lazily';
import { callWix, failureKind, wixErrorCode } from '../lib/retry';

/**
 * Claims: tiny records in a Wix Data collection whose only job is to exist once. Inserting an item
 * with a chosen `_id` either succeeds or fails with WDE0074 (already exists), atomically, in storage
 * every backend instance shares. That makes "handle this event once" and "one like message per
 * person per post" hold across instances and redeliveries.
 *
 * The site needs a collection with this id, readable and writable by Admin only. Without it (a freshly
 * deployed site), events are still handled, but with no once-only guarantee: a redelivered event is
 * handled again. Each such claim logs one line telling the site owner how to fix it.
 */
export const CLAIMS_COLLECTION = 'InboxConnectorClaims';

const DUPLICATE_ITEM = 'WDE0074';
/** Wix Data: "The collection does not exist." */
const COLLECTION_MISSING = 'WDE0025';
const MAX_KEY_LENGTH = 200;

/** @wix/data loads with the first claim, not with every module that imports this file. */
const elevatedData = lazily(async () => {
  const { items } = await import('@wix/data');
  return { insert: auth.elevate(items.insert), get: auth.elevate(items.get), remove: auth.elevate(items.remove) };
});

/** Wix Data ids are bounded; long keys keep their start and a hash of the whole key. */
function itemId(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key;
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(31, hash) + key.charCodeAt(i)) | 0;
  return `${key.slice(0, MAX_KEY_LENGTH - 12)}#${(hash >>> 0).toString(16)}`;
}

/**
 * True if this call made the claim, false if it existed already. Other failures are thrown. `fields`
 * are stored with the claim (the like summary counts the claims of throttled likes by them).
 *
 * The insert is retried (lib/retry.ts) although a blind repeat is not safe: if an attempt stored the
 * item and only its answer was lost, the repeat gets WDE0074 and would read as "someone else's claim",
 * and the event's work would never be done. So each claim carries a random `owner`, and whenever an
 * attempt of ours may have stored the item (a retry found it taken, or the last attempt's outcome is
 * unknown), the item is read back: it is ours if it carries our owner. A claim whose insert failed for
 * sure stores nothing, so a redelivery can claim it again.
 */
export async function claim(key: string, fields: Record<string, unknown> = {}): Promise<boolean> {
  const id = itemId(key);
  const owner = randomUUID();
  const data = await elevatedData();
  let attempts = 0;
  try {
    await callWix('claim insert', 'idempotent', (attempt) => {
      attempts = attempt;
      return data.insert(CLAIMS_COLLECTION, { ...fields, _id: id, claimedAt: new Date().toISOString(), owner });
    });
    return true;
  } catch (error) {
    if (isMissingCollection(error)) return true;
    const taken = wixErrorCode(error) === DUPLICATE_ITEM;
    if (taken && attempts === 1) return false;
    if (!taken && failureKind(error) !== 'ambiguous') throw error;
    // A read, retried; null when there is no such item.
    const item = await callWix('claim get', 'idempotent', () => data.get(CLAIMS_COLLECTION, id));
    if (item?.owner === owner) return true;
    if (taken || item) return false;
    throw error;
  }
}

/**
 * Gives a claim back, so a redelivered event can try again after a failure. Removing is idempotent:
 * retried, and a repeat that finds the item gone (the SDK answers null) has nothing left to do.
 */
export async function release(key: string): Promise<void> {
  const data = await elevatedData();
  await callWix('claim remove', 'idempotent', () => data.remove(CLAIMS_COLLECTION, itemId(key))).catch(
    (error: unknown) => {
      if (!isMissingCollection(error)) throw error;
    },
  );
}

/** True (after logging the set-up step) when the site has no claims collection. */
function isMissingCollection(error: unknown): boolean {
  if (wixErrorCode(error) !== COLLECTION_MISSING) return false;
  console.error(
    `[inbox] The Wix Data collection "${CLAIMS_COLLECTION}" does not exist: events are handled without the ` +
      'once-only guarantee (a redelivered event is handled again). Create it in the CMS with this exact ID ' +
      'and Admin-only permissions.',
  );
  return true;
}

/** The fields stored with a claim, or undefined if there is no such claim. A read: retried. */
export async function readClaim(key: string): Promise<Record<string, unknown> | undefined> {
  const data = await elevatedData();
  const item = await callWix('claim get', 'idempotent', () => data.get(CLAIMS_COLLECTION, itemId(key)));
  return (item as Record<string, unknown> | null) ?? undefined;
}
