import { items } from '@wix/data';
import { createClient } from '@wix/sdk';
import { setupEmulator, type FetchHandler } from '../support/emulator';

const COLLECTION = 'InboxConnectorClaims';

/** Site code's view of Wix Data, as one identity. */
function client(handler: FetchHandler, token: string) {
  return createClient({
    auth: { getAuthHeaders: async () => ({ headers: { Authorization: token } }) },
    modules: { items },
    fetch: (url, init) => handler(new Request(url, init)),
  });
}

async function setup() {
  const base = await setupEmulator();
  const app = client(base.emulator.fetch, (await base.control.token('APP')).token);
  const visitor = client(base.emulator.fetch, (await base.control.token('ANONYMOUS_VISITOR')).token);
  for (const [id, post, window] of [
    ['a', 'p1', 1],
    ['b', 'p1', 2],
    ['c', 'p2', 2],
    ['d', 'p1', 3],
  ] as const) {
    await app.items.insert(COLLECTION, { _id: id, post, window });
  }
  await app.items.insert(COLLECTION, { _id: 'plain' }); // no fields: matches no range
  return { ...base, app, visitor };
}

it('queries items by equality and range, oldest first, with paging', async () => {
  const { app } = await setup();
  const found = await app.items.query(COLLECTION).eq('post', 'p1').lt('window', 3).find();
  expect(found.items.map((item) => item._id)).toEqual(['a', 'b']);

  const page = await app.items.query(COLLECTION).ge('window', 2).skip(1).limit(1).find();
  expect(page.items.map((item) => item._id)).toEqual(['c']);
  expect(page.totalCount).toBe(3);
});

it('counts the items a filter matches', async () => {
  const { app } = await setup();
  expect(await app.items.query(COLLECTION).eq('window', 2).count()).toBe(2);
  expect(await app.items.query(COLLECTION).gt('window', 2).count()).toBe(1);
  expect(await app.items.query(COLLECTION).count()).toBe(5);
});

it('keeps collections private to the business', async () => {
  const { visitor } = await setup();
  await expect(visitor.items.query(COLLECTION).find()).rejects.toMatchObject({ details: expect.anything() });
});

it('refuses a filter operator it does not implement, with a clear error', async () => {
  const { emulator, control } = await setup();
  const token = (await control.token('APP')).token;
  const response = await emulator.fetch(
    new Request('https://www.wixapis.com/wix-data/v2/items/count', {
      method: 'POST',
      headers: { Authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify({ dataCollectionId: COLLECTION, filter: { post: { $regex: 'p.*' } } }),
    }),
  );
  expect(response.status).toBe(400);
  expect(JSON.stringify(await response.json())).toMatch(/\$regex on post is not supported/);
});
