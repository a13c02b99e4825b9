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

/**
 * Wix Data ids are bounded; long keys keep their start and a hash of the whole key. Ids never use `#`:
 * `items.get` puts the id in the URL path unescaped, where `#` would start a fragment.
 */
function itemId(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key;
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(31, hash) + key.charCodeAt(i)) | 0;
  return `${key.slice(0, MAX_KEY_LENGTH - 12)}~${(hash >>> 0).toString(16)}`;
}

/** What storing one claim item found: ours, someone else's, or no claims collection at all. */
type InsertOutcome = 'ours' | 'taken' | 'no-collection';

/**
 * Stores the claim item `id` once. The insert is retried (lib/retry.ts) although a blind repeat is not
 * safe: if an attempt stored the item and only its answer was lost, the repeat gets WDE0074 and would
 * read as "someone else's claim", and the work would never be done. So each item carries a random
 * `owner`, and whenever an attempt of ours may have stored the item (a retry found it taken, or the
 * last attempt's outcome is unknown), the item is read back: it is ours if it carries our owner. An
 * insert that failed for sure stores nothing, so a redelivery can claim it again.
 */
async function insertOnce(id: string, fields: Record<string, unknown>): Promise<InsertOutcome> {
  const owner = randomUUID();
  const data = await elevatedData();
  let attempts = 0;
  try {
    await callWix('claim insert', 'idempotent', (attempt) => {
      attempts = attempt;
      return data.insert(CLAIMS_COLLECTION, { ...fields, _id: id, claimedAt: new Date().toISOString(), owner });
    });
    return 'ours';
  } catch (error) {
    if (isMissingCollection(error)) return 'no-collection';
    const taken = wixErrorCode(error) === DUPLICATE_ITEM;
    if (taken && attempts === 1) return 'taken';
    if (!taken && failureKind(error) !== 'ambiguous') throw error;
    // A read, retried; null when there is no such item.
    const item = await callWix('claim get', 'idempotent', () => data.get(CLAIMS_COLLECTION, id));
    if (item?.owner === owner) return 'ours';
    if (taken || item) return 'taken';
    throw error;
  }
}

/**
 * True if this call made the claim, false if it existed already. Other failures are thrown. `fields`
 * are stored with the claim. For claims that are never given back, or given back with `release`
 * (removed); work that sends a message claims with `claimWork`, which tells a retry from a first try.
 */
export async function claim(key: string, fields: Record<string, unknown> = {}): Promise<boolean> {
  return (await insertOnce(itemId(key), fields)) !== 'taken';
}

/**
 * Whether earlier deliveries may have done part of this work:
 * - `first`: no one held this key before: nothing of the work can exist yet;
 * - `retry`: an earlier holder gave it back after a failure, possibly after its message was stored
 *   (a send whose answer was lost);
 * - `unguarded`: the site has no claims collection, so nothing says (a redelivery runs again).
 */
export type Attempt = 'first' | 'retry' | 'unguarded';

/** A claim on a piece of work: who may have tried before, and how to give it back after a failure. */
export interface WorkClaim {
  attempt: Attempt;
  /**
   * Gives the work back so a redelivery can try again (it will see `retry`); resolves true. Resolves
   * false, and gives nothing back, on the last of `MAX_WORK_TRIES`: the work stays claimed for good.
   */
  release(): Promise<boolean>;
}

/**
 * How many times a piece of work is tried: the first delivery and four retries. Each failed try gives
 * the work back on a new link of its chain, and the next claim walks the chain (an insert and a read
 * per given-back link), so without a bound work that fails every time (a summary looked at hourly for a
 * week, an event redelivered again and again) would cost two more Wix calls on each try, for ever.
 */
export const MAX_WORK_TRIES = 5;

/**
 * Link `n` of a key's chain: link 1 is the key itself; a work claim given back is never removed, and
 * the next holder takes the next link (an insert, so still atomic across instances).
 */
const linkId = (key: string, link: number) => itemId(link === 1 ? key : `${key}~${link}`);
/** The item that says link `n` was given back. */
const releasedId = (key: string, link: number) => itemId(`${key}~released-${link}`);

/**
 * Claims a piece of work once, like `claim`, and says whether an earlier holder gave it back: a
 * handler that sends a message needs to look for an earlier attempt's message only then (lib/send-once.ts),
 * so the usual first delivery costs one insert and no read. Undefined when someone holds the work (done,
 * or under way).
 *
 * How: giving back never removes the claim item; it stores a sibling "released" item instead. A later
 * claim that finds the key taken reads that sibling (one read, only on this path): not released, the
 * work is someone else's; released, it takes the key's next link, `<key>~2`, and so on. An insert that
 * succeeds on link 1 therefore proves that no delivery ever held the work before. The chain ends at link
 * `MAX_WORK_TRIES`: that link is never given back, and finding it taken is enough (no read).
 */
export async function claimWork(key: string, fields: Record<string, unknown> = {}): Promise<WorkClaim | undefined> {
  for (let link = 1; ; link++) {
    const outcome = await insertOnce(linkId(key, link), fields);
    if (outcome === 'no-collection') return { attempt: 'unguarded', release: async () => true };
    const last = link === MAX_WORK_TRIES;
    if (outcome === 'ours') {
      return {
        attempt: link === 1 ? 'first' : 'retry',
        async release() {
          if (last) return false;
          await markReleased(key, link);
          return true;
        },
      };
    }
    if (last || !(await isReleased(key, link))) return undefined;
  }
}

async function isReleased(key: string, link: number): Promise<boolean> {
  const data = await elevatedData();
  const item = await callWix('claim get', 'idempotent', () => data.get(CLAIMS_COLLECTION, releasedId(key, link)));
  return Boolean(item);
}

/** Stores the "released" sibling of link `n`. Idempotent: a repeat that finds it stored is done. */
async function markReleased(key: string, link: number): Promise<void> {
  const data = await elevatedData();
  await callWix('claim release', 'idempotent', () =>
    data.insert(CLAIMS_COLLECTION, { _id: releasedId(key, link), releasedAt: new Date().toISOString() }),
  ).catch((error: unknown) => {
    if (wixErrorCode(error) !== DUPLICATE_ITEM && !isMissingCollection(error)) throw error;
  });
}

/**
 * Gives a `claim` back (removes it), so a later claim of the key succeeds. Removing is idempotent:
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

/**
 * The fields stored with a claim, or undefined if there is no such claim, nor a claims collection to
 * hold one (then `claim` stores none either: the work is done without the guarantee). A read: retried.
 */
export async function readClaim(key: string): Promise<Record<string, unknown> | undefined> {
  const data = await elevatedData();
  const item = await callWix('claim get', 'idempotent', () => data.get(CLAIMS_COLLECTION, itemId(key))).catch(
    (error: unknown) => {
      if (isMissingCollection(error)) return null;
      throw error;
    },
  );
  return (item as Record<string, unknown> | null) ?? undefined;
}
