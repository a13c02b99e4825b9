import { items } from '@wix/data';
import { createClient } from '@wix/sdk';
import { secrets } from '@wix/secrets';
import { expectWixError, setupEmulator, type FetchHandler } from '../support/emulator';

const COLLECTION = 'InboxConnectorClaims';
const VISITOR = '7f000000-0000-4000-8000-0000000000aa';
const UNKNOWN_ID = '9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f';

/** Site code's view of Wix Data and Secrets Manager, as one identity. */
function client(handler: FetchHandler, token: string) {
  return createClient({
    auth: { getAuthHeaders: async () => ({ headers: { Authorization: token } }) },
    modules: { items, secrets },
    fetch: (url, init) => handler(new Request(url, init)),
  });
}

let f: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const base = await setupEmulator();
  const [app, visitor, member] = await Promise.all([
    base.control.token('APP'),
    base.control.token('ANONYMOUS_VISITOR'),
    base.control.token('MEMBER', base.member.id),
  ]);
  return {
    ...base,
    appToken: app.token,
    asApp: client(base.emulator.fetch, app.token),
    asSiteVisitor: client(base.emulator.fetch, visitor.token),
    asSiteMember: client(base.emulator.fetch, member.token),
    post: (path: string, body?: unknown) =>
      base.control.call<Record<string, any>>('POST', `/_emulator/v1${path}`, body), // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}

beforeEach(async () => {
  f = await setup();
});

describe('Wix Data items', () => {
  it('inserts an item with a chosen id, gets it back and removes it', async () => {
    const inserted = await f.asApp.items.insert(COLLECTION, { _id: 'event:1', claimedAt: '2026-11-23T10:00:00Z' });
    expect(inserted).toMatchObject({ _id: 'event:1', claimedAt: '2026-11-23T10:00:00Z' });

    expect(await f.asApp.items.get(COLLECTION, 'event:1')).toMatchObject({ _id: 'event:1' });

    expect(await f.asApp.items.remove(COLLECTION, 'event:1')).toMatchObject({ _id: 'event:1' });
    expect(await f.asApp.items.get(COLLECTION, 'event:1')).toBeNull();
  });

  it('refuses a second item with the same id with WDE0074 and keeps the first', async () => {
    await f.asApp.items.insert(COLLECTION, { _id: 'like:p1', n: 1 });
    await expect(f.asApp.items.insert(COLLECTION, { _id: 'like:p1', n: 2 })).rejects.toMatchObject({
      details: { applicationError: { code: 'WDE0074' } },
    });
    expect(await f.asApp.items.get(COLLECTION, 'like:p1')).toMatchObject({ n: 1 });
    expect((await f.control.requests()).map((r) => r.status)).toEqual([200, 409, 200]);
  });

  it('keeps ids apart per collection', async () => {
    await f.asApp.items.insert(COLLECTION, { _id: 'same' });
    await expect(f.asApp.items.insert('OtherCollection', { _id: 'same' })).resolves.toMatchObject({ _id: 'same' });
  });

  it('answers 404 WDE0073 for a missing item, which the SDK turns into null', async () => {
    expect(await f.asApp.items.get(COLLECTION, 'never-inserted')).toBeNull();
    expect(await f.asApp.items.remove(COLLECTION, 'never-inserted')).toBeNull();
    expect((await f.control.requests()).map((r) => [r.operation, r.status])).toEqual([
      ['data.get', 404],
      ['data.remove', 404],
    ]);
    const raw = await f.emulator.fetch(
      new Request(`http://emulator.test/wix-data/v2/items/never-inserted?dataCollectionId=${COLLECTION}`, {
        headers: { Authorization: f.appToken },
      }),
    );
    expect(raw.status).toBe(404);
    expect(await raw.json()).toMatchObject({ details: { applicationError: { code: 'WDE0073' } } });
  });

  it('refuses visitors and members with 403', async () => {
    await f.asApp.items.insert(COLLECTION, { _id: 'private' });
    const denied = { details: { applicationError: { code: 'PERMISSION_DENIED' } } };
    for (const caller of [f.asSiteVisitor, f.asSiteMember]) {
      await expect(caller.items.insert(COLLECTION, { _id: 'mine' })).rejects.toMatchObject(denied);
      await expect(caller.items.get(COLLECTION, 'private')).rejects.toMatchObject(denied);
      await expect(caller.items.remove(COLLECTION, 'private')).rejects.toMatchObject(denied);
    }
    const statuses = (await f.control.requests()).slice(1).map((r) => r.status);
    expect(statuses).toEqual(Array(6).fill(403));
    expect(await f.asApp.items.get(COLLECTION, 'private')).toMatchObject({ _id: 'private' });
  });
});

describe('Secrets Manager', () => {
  it('gives an app the value of a secret set through the control API, the latest one', async () => {
    expect((await f.post('/secrets', { name: 'hook', value: 's3cret' })).status).toBe(200);
    expect(await f.asApp.secrets.getSecretValue('hook')).toMatchObject({ value: 's3cret' });
    await f.post('/secrets', { name: 'hook', value: 'rotated' });
    expect(await f.asApp.secrets.getSecretValue('hook')).toMatchObject({ value: 'rotated' });
  });

  it('answers 404 for a missing secret and 403 to members and visitors', async () => {
    await f.post('/secrets', { name: 'hook', value: 's3cret' });
    await expectWixError(f.asApp.secrets.getSecretValue('missing'), 404, { code: 'SECRET_NOT_FOUND' });
    await expectWixError(f.asSiteMember.secrets.getSecretValue('hook'), 403);
    await expectWixError(f.asSiteVisitor.secrets.getSecretValue('hook'), 403);
  });

  it('validates the control request', async () => {
    expect((await f.post('/secrets', { name: 'hook' })).status).toBe(400);
    expect((await f.post('/secrets', { name: '', value: 'v' })).status).toBe(400);
  });
});

describe('blog likes control route', () => {
  it('emits wixBlog_onPostLiked for a member like', async () => {
    const { status, body } = await f.post('/blog/likes', { postId: 'post-1', memberId: f.member.id });
    expect(status).toBe(200);
    const [event] = await f.control.events();
    expect(event).toMatchObject({ id: body.eventId, name: 'wixBlog_onPostLiked' });
    expect(event!.payload.data).toEqual({ postId: 'post-1', memberId: f.member.id });
    expect(event!.payload.metadata).toMatchObject({ id: body.eventId, entityId: 'post-1' });
  });

  it('emits wixBlog_onPostLiked for an anonymous visitor like', async () => {
    await f.post('/blog/likes', { postId: 'post-2', anonymousVisitorId: VISITOR });
    const [event] = await f.control.events();
    expect(event!.payload.data).toEqual({ postId: 'post-2', anonymousVisitorId: VISITOR });
  });

  it.each([
    ['no liker', { postId: 'post-1' }, 'request', 'ONE_OF_ALIGNMENT'],
    [
      'both likers',
      { postId: 'post-1', memberId: UNKNOWN_ID, anonymousVisitorId: VISITOR },
      'request',
      'ONE_OF_ALIGNMENT',
    ],
    ['no post', { anonymousVisitorId: VISITOR }, 'postId', 'REQUIRED_FIELD'],
    ['an empty post id', { postId: '', anonymousVisitorId: VISITOR }, 'postId', 'MIN_LENGTH'],
    ['a liker id that is not a GUID', { postId: 'post-1', anonymousVisitorId: 'v-1' }, 'anonymousVisitorId', 'FORMAT'],
  ])('refuses a like with %s and emits nothing', async (_case, body, field, violatedRule) => {
    const answer = await f.post('/blog/likes', body);
    expect(answer.status).toBe(400);
    expect(answer.body.details.validationError.fieldViolations).toEqual([
      expect.objectContaining({ field, violatedRule }),
    ]);
    expect(await f.control.events()).toEqual([]);
  });
});

describe('chat messages control route', () => {
  it('stores a message in either direction and emits wixChat_onMessage', async () => {
    const channel = (await f.post('/chat/channels', { anonymousVisitorId: VISITOR })).body.channel;
    const fromVisitor = await f.post('/chat/messages', {
      channelId: channel.id,
      text: 'Hi there',
      direction: 'VisitorToBusiness',
    });
    const fromBusiness = await f.post('/chat/messages', {
      channelId: channel.id,
      text: 'Hello!',
      direction: 'BusinessToVisitor',
      metadata: { source: 'test' },
    });
    expect([fromVisitor.status, fromBusiness.status]).toEqual([200, 200]);
    expect(fromVisitor.body.message).toMatchObject({ direction: 'VisitorToBusiness', participantId: VISITOR });
    expect(fromBusiness.body.message).toMatchObject({ direction: 'BusinessToVisitor', metadata: { source: 'test' } });
    const events = await f.control.events();
    expect(events.map((e) => [e.name, e.payload.direction, e.payload.payload.text])).toEqual([
      ['wixChat_onMessage', 'VisitorToBusiness', 'Hi there'],
      ['wixChat_onMessage', 'BusinessToVisitor', 'Hello!'],
    ]);
    expect(events[1]!.payload).toMatchObject({ channelId: channel.id, metadata: { source: 'test' } });
  });

  it('answers 404 for an unknown channel and 400 for a bad direction', async () => {
    const unknown = await f.post('/chat/messages', {
      channelId: UNKNOWN_ID,
      text: 'Hi',
      direction: 'VisitorToBusiness',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.details.applicationError.code).toBe('CHANNEL_NOT_FOUND');
    const channel = (await f.post('/chat/channels', { anonymousVisitorId: VISITOR })).body.channel;
    expect((await f.post('/chat/messages', { channelId: channel.id, text: 'Hi', direction: 'Sideways' })).status).toBe(
      400,
    );
    expect(await f.control.events()).toEqual([]);
  });
});

describe('event redelivery', () => {
  it('queues a copy with the same id, name and payload, marked as a redelivery', async () => {
    const { eventId } = (await f.post('/blog/likes', { postId: 'post-1', anonymousVisitorId: VISITOR })).body;
    expect((await f.post(`/events/${eventId}/redeliver`)).status).toBe(200);
    const feed = (await f.control.call<{ events: Record<string, unknown>[] }>('GET', '/_emulator/v1/events')).body
      .events;
    expect(feed).toHaveLength(2);
    expect(feed[1]).toEqual({ ...feed[0], seq: 2, redelivery: true });
    expect(feed[0]).toMatchObject({ seq: 1, id: eventId, redelivery: false });
  });

  it('lists only events after a cursor', async () => {
    await f.post('/blog/likes', { postId: 'post-1', anonymousVisitorId: VISITOR });
    await f.post('/blog/likes', { postId: 'post-2', anonymousVisitorId: VISITOR });
    const after = (await f.control.call<{ events: { seq: number }[] }>('GET', '/_emulator/v1/events?after=1')).body;
    expect(after.events.map((e) => e.seq)).toEqual([2]);
  });

  it('answers 404 for an unknown event id', async () => {
    const answer = await f.post(`/events/${UNKNOWN_ID}/redeliver`);
    expect(answer.status).toBe(404);
    expect(answer.body.details.applicationError.code).toBe('EVENT_NOT_FOUND');
  });
});

it('empties data items, secrets and events on reset', async () => {
  await f.asApp.items.insert(COLLECTION, { _id: 'event:1' });
  await f.post('/secrets', { name: 'hook', value: 's3cret' });
  await f.post('/blog/likes', { postId: 'post-1', anonymousVisitorId: VISITOR });
  await f.post('/reset');
  const app = client(f.emulator.fetch, (await f.control.token('APP')).token);
  expect(await app.items.get(COLLECTION, 'event:1')).toBeNull();
  await expectWixError(app.secrets.getSecretValue('hook'), 404);
  expect(await f.control.events()).toEqual([]);
  await expect(app.items.insert(COLLECTION, { _id: 'event:1' })).resolves.toMatchObject({ _id: 'event:1' });
});
