import { items } from '@wix/data';
import { auth } from '@wix/essentials';
import { CLAIMS_COLLECTION, claimWork } from 'backend/automations/claims';
import { setupEvents } from '../support/events';

/**
 * Claim item ids. A key longer than 200 characters (a forwarded event's id is up to 200, plus its
 * `forward:` prefix) is stored as its first 188 characters, `~` and a hash of the whole key: the
 * 31-multiplier string hash as unsigned hex, computed for the expected ids below outside this code.
 * The ids must not change between releases: a claim stored by the site's previous version would
 * otherwise not be found, and its event handled a second time.
 */
async function setup() {
  const { asJob: inContext } = await setupEvents();
  const storedIds = () =>
    inContext(async () => (await auth.elevate(items.query)(CLAIMS_COLLECTION).find()).items.map((i) => i._id).sort());
  return { inContext, storedIds };
}

const LONG_KEY = `forward:${'e'.repeat(200)}`;
const LONG_KEY_ID = `forward:${'e'.repeat(180)}~58e8e795`;

it('stores a long key as its start and a hash of it, at most 200 characters', async () => {
  const { inContext, storedIds } = await setup();
  expect(await inContext(() => claimWork(LONG_KEY))).toMatchObject({ attempt: 'first' });
  expect(await storedIds()).toEqual([LONG_KEY_ID]);
  expect(LONG_KEY_ID).toHaveLength(197);
  // Claimed once: the same key again finds it taken.
  expect(await inContext(() => claimWork(LONG_KEY))).toBeUndefined();
});

it('tells apart long keys that differ only past the kept start', async () => {
  const { inContext, storedIds } = await setup();
  const other = `forward:${'e'.repeat(199)}f`;
  expect(await inContext(() => claimWork(LONG_KEY))).toBeDefined();
  expect(await inContext(() => claimWork(other))).toBeDefined();
  expect(await storedIds()).toEqual([LONG_KEY_ID, `forward:${'e'.repeat(180)}~58e8e796`]);
});

it('stores a key of 200 characters as it is', async () => {
  const { inContext, storedIds } = await setup();
  const key = `forward:${'e'.repeat(192)}`;
  expect(await inContext(() => claimWork(key))).toBeDefined();
  expect(await storedIds()).toEqual([key]);
});

it('gives a long key back under its own hashed "released" id', async () => {
  const { inContext, storedIds } = await setup();
  const claim = await inContext(() => claimWork(LONG_KEY));
  await inContext(() => claim!.release());
  expect(await storedIds()).toEqual([`forward:${'e'.repeat(180)}~3ad877ea`, LONG_KEY_ID]); // sorted
  // Given back: the next claim is a retry, on the key's next link.
  expect(await inContext(() => claimWork(LONG_KEY))).toMatchObject({ attempt: 'retry' });
});
