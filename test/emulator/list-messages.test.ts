import { expectWixError, sdkClient, setupEmulator, type SdkClient } from '../support/emulator';

type ListOptions = Parameters<SdkClient['messages']['listMessages']>[2];
type Visibility = 'BUSINESS' | 'BUSINESS_AND_PARTICIPANT';
type RestPage = {
  messages: { id: string; createdDate: string; visibility: string }[];
  pagingMetadata: { count: number; cursors: { next?: string } };
};

const UNKNOWN_CONVERSATION = '11111111-2222-4333-8444-555555555555';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A fresh emulator with one member conversation. The SDK client records the URLs it calls, so tests can
 * see what goes on the wire; `rawGet` is a REST caller sending the flat query form.
 */
async function setup() {
  const env = await setupEmulator();
  const { conversation } = await env.app.conversations.getOrCreateConversation({ memberId: env.member.id });
  const conversationId = conversation!._id!;
  const { token } = await env.control.token('APP', env.appId);
  const urls: string[] = [];
  const client = sdkClient((request) => {
    urls.push(request.url);
    return env.emulator.fetch(request);
  }, token);

  /** Sends `count` messages (`m0`, `m1`, ...) and returns their ids, oldest first. */
  const seed = async (count: number, visibilityOf: (i: number) => Visibility = () => 'BUSINESS_AND_PARTICIPANT') => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const { message } = await env.app.messages.sendMessage(conversationId, {
        content: { basic: { items: [{ text: `m${i}` }] } },
        direction: 'BUSINESS_TO_PARTICIPANT',
        visibility: visibilityOf(i),
      });
      ids.push(message!._id!);
    }
    return ids;
  };
  /** listMessages through the SDK; fails unless the answer has messages and paging metadata. */
  const list = async (visibility: Visibility, options?: ListOptions, id = conversationId) => {
    const { messages, pagingMetadata } = await client.messages.listMessages(id, visibility, options);
    if (!messages || !pagingMetadata) throw new Error('listMessages answered without messages or pagingMetadata');
    return { messages, pagingMetadata };
  };

  /** Follows `cursors.next` to the end; returns every id and the size of each page. */
  const walk = async (visibility: Visibility, limit?: number, order?: 'ASC' | 'DESC') => {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const sorting = order ? { fieldName: 'sequence', order } : undefined;
      const page = await list(visibility, { paging: { limit, cursor }, sorting });
      ids.push(...page.messages.map((m) => m._id!));
      sizes.push(page.messages.length);
      cursor = page.pagingMetadata.cursors?.next ?? undefined;
    } while (cursor && sizes.length < 50);
    return { ids, sizes };
  };

  const rawGet = async (query: string) => {
    const response = await env.emulator.fetch(
      new Request(`http://emulator.test/inbox/v2/messages?${query}`, { headers: { Authorization: token } }),
    );
    return { status: response.status, body: (await response.json()) as RestPage & Record<string, unknown> };
  };
  return { ...env, conversationId, urls, seed, list, walk, rawGet };
}

describe('listMessages paging', () => {
  it('returns the newest 30 messages first with a next cursor, sending a flat query without options', async () => {
    const { seed, list, urls, conversationId } = await setup();
    const sent = await seed(35);
    const page = await list('BUSINESS');
    expect(page.messages.map((m) => m._id)).toEqual(sent.slice(5).reverse());
    expect(page.messages[0]).toMatchObject({ content: { basic: { items: [{ text: 'm34' }] } } });
    expect(page.messages[0]!._createdDate).toBeInstanceOf(Date);
    expect(page.pagingMetadata).toEqual({ count: 30, cursors: { next: expect.any(String) } });
    expect(new URL(urls.at(-1)!).search).toBe(`?conversationId=${conversationId}&visibility=BUSINESS`);
  });

  it('honours paging.limit, which the SDK sends as one base64url .r parameter', async () => {
    const { seed, list, urls, conversationId } = await setup();
    const sent = await seed(5);
    const page = await list('BUSINESS', { paging: { limit: 2 } });
    expect(page.messages.map((m) => m._id)).toEqual([sent[4], sent[3]]);
    const packed = new URL(urls.at(-1)!).searchParams.get('.r');
    expect(JSON.parse(Buffer.from(packed!, 'base64url').toString('utf8'))).toEqual({
      conversationId,
      visibility: 'BUSINESS',
      paging: { limit: 2 },
    });
  });

  it('walks 75 messages newest first in pages of 30, 30 and 15 without duplicates or gaps', async () => {
    const { seed, walk } = await setup();
    const sent = await seed(75);
    const { ids, sizes } = await walk('BUSINESS');
    expect(sizes).toEqual([30, 30, 15]);
    expect(ids).toEqual([...sent].reverse());
  });

  it('walks every message oldest first with sorting order ASC', async () => {
    const { seed, walk } = await setup();
    const sent = await seed(75);
    const { ids, sizes } = await walk('BUSINESS_AND_PARTICIPANT', 20, 'ASC');
    expect(sizes).toEqual([20, 20, 20, 15]);
    expect(ids).toEqual(sent);
  });

  it('ends on a page without a next cursor (no hasNext: not in the public type)', async () => {
    const { seed, list } = await setup();
    await seed(3);
    const page = await list('BUSINESS', { paging: { limit: 3 } });
    expect(page.messages).toHaveLength(3);
    expect(page.pagingMetadata).toEqual({ count: 3, cursors: {} });
  });

  it('returns an empty page for a conversation without messages', async () => {
    const { list } = await setup();
    const page = await list('BUSINESS');
    expect(page.messages).toEqual([]);
    expect(page.pagingMetadata).toEqual({ count: 0, cursors: {} });
  });

  it('accepts limit 100 and rejects limit 101 on options.paging.limit', async () => {
    const { seed, list } = await setup();
    await seed(101);
    const page = await list('BUSINESS', { paging: { limit: 100 } });
    expect(page.messages).toHaveLength(100);
    expect(page.pagingMetadata.cursors?.next).toEqual(expect.any(String));
    await expectWixError(list('BUSINESS', { paging: { limit: 101 } }), 400, {
      field: 'options.paging.limit',
      rule: 'MAX',
    });
  });
});

describe('listMessages visibility', () => {
  it('hides BUSINESS-visibility messages from BUSINESS_AND_PARTICIPANT on every page', async () => {
    const { seed, walk, list } = await setup();
    const sent = await seed(12, (i) => (i % 3 === 0 ? 'BUSINESS' : 'BUSINESS_AND_PARTICIPANT'));
    const visible = sent.filter((_, i) => i % 3 !== 0);
    const { ids, sizes } = await walk('BUSINESS_AND_PARTICIPANT', 3);
    expect(ids).toEqual([...visible].reverse());
    expect(sizes).toEqual([3, 3, 2]);
    const page = await list('BUSINESS_AND_PARTICIPANT');
    expect(page.messages.every((m) => m.visibility === 'BUSINESS_AND_PARTICIPANT')).toBe(true);
  });

  it('returns every message for BUSINESS visibility', async () => {
    const { seed, walk } = await setup();
    const sent = await seed(12, (i) => (i % 3 === 0 ? 'BUSINESS' : 'BUSINESS_AND_PARTICIPANT'));
    const { ids } = await walk('BUSINESS', 5);
    expect(ids).toEqual([...sent].reverse());
  });
});

describe('listMessages rejections', () => {
  it.each([
    ['text that is not base64 JSON', '!!not-a-cursor!!'],
    ['JSON without the cursor fields', b64({ after: 'x' })],
    ['a JSON number', b64(123)],
    ['JSON null', b64(null)],
  ])('rejects a cursor holding %s on options.paging.cursor', async (_name, cursor) => {
    const { seed, list } = await setup();
    await seed(2);
    await expectWixError(list('BUSINESS', { paging: { cursor } }), 400, {
      field: 'options.paging.cursor',
      rule: 'FORMAT',
    });
  });

  it('rejects a truncated cursor', async () => {
    const { seed, list } = await setup();
    await seed(3);
    const next = (await list('BUSINESS', { paging: { limit: 1 } })).pagingMetadata.cursors?.next;
    const cursor = next!.slice(0, -5);
    await expectWixError(list('BUSINESS', { paging: { cursor } }), 400, { field: 'options.paging.cursor' });
  });

  it('rejects a cursor longer than 16000 characters', async () => {
    const { list } = await setup();
    await expectWixError(list('BUSINESS', { paging: { cursor: 'a'.repeat(16001) } }), 400, {
      field: 'options.paging.cursor',
      rule: 'MAX_LENGTH',
    });
  });

  // Wix asks for the same visibility and sorting on every page but documents no error otherwise.
  it('accepts a cursor with another visibility or sort order: the page follows the request', async () => {
    const { seed, list } = await setup();
    const sent = await seed(3, (i) => (i === 1 ? 'BUSINESS' : 'BUSINESS_AND_PARTICIPANT'));
    const cursor = (await list('BUSINESS', { paging: { limit: 1 } })).pagingMetadata.cursors?.next ?? undefined;
    expect(cursor).toEqual(expect.any(String));
    const participantView = await list('BUSINESS_AND_PARTICIPANT', { paging: { cursor } });
    expect(participantView.messages.map((m) => m._id)).toEqual([sent[0]]);
    const ascending = await list('BUSINESS', { paging: { cursor }, sorting: { order: 'ASC' } });
    expect(ascending.messages).toEqual([]);
  });

  it('accepts sorting by sequence and rejects any other sort field', async () => {
    const { seed, list } = await setup();
    await seed(2);
    const page = await list('BUSINESS', { sorting: { fieldName: 'sequence', order: 'ASC' } });
    expect(page.messages.map((m) => m.content?.basic?.items?.[0]?.text)).toEqual(['m0', 'm1']);
    await expectWixError(list('BUSINESS', { sorting: { fieldName: 'createdDate' } }), 400, {
      field: 'options.sorting.fieldName',
      rule: 'INVALID_ENUM_VALUE',
    });
  });

  it.each([
    ['an unknown visibility', 'EVERYONE', 'INVALID_ENUM_VALUE'],
    ['a missing visibility', undefined, 'REQUIRED_FIELD'],
  ])('rejects %s on visibility', async (_name, visibility, rule) => {
    const { list } = await setup();
    await expectWixError(list(visibility as Visibility), 400, { field: 'visibility', rule });
  });

  it('answers 404 CONVERSATION_NOT_FOUND for an unknown conversation and FORMAT for a non-GUID', async () => {
    const { list } = await setup();
    await expectWixError(list('BUSINESS', undefined, UNKNOWN_CONVERSATION), 404, { code: 'CONVERSATION_NOT_FOUND' });
    await expectWixError(list('BUSINESS', undefined, 'conv-1'), 400, { field: 'conversationId', rule: 'FORMAT' });
  });
});

describe('listMessages flat REST query', () => {
  it('pages with conversationId, visibility and paging.limit in the query, in REST shape', async () => {
    const { seed, rawGet, conversationId } = await setup();
    const sent = await seed(5);
    const base = `conversationId=${conversationId}&visibility=BUSINESS&paging.limit=2`;
    const seen: string[] = [];
    let query = base;
    for (let page = 0; page < 10; page++) {
      const { status, body } = await rawGet(query);
      expect(status).toBe(200);
      expect(body.messages.length).toBeLessThanOrEqual(2);
      for (const m of body.messages) expect(m.createdDate).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
      seen.push(...body.messages.map((m) => m.id));
      const next = body.pagingMetadata.cursors.next;
      if (!next) break;
      query = `${base}&paging.cursor=${encodeURIComponent(next)}`;
    }
    expect(seen).toEqual([...sent].reverse());
  });

  it('filters by visibility and sorts ASC from flat query keys', async () => {
    const { seed, rawGet, conversationId } = await setup();
    const sent = await seed(4, (i) => (i === 1 ? 'BUSINESS' : 'BUSINESS_AND_PARTICIPANT'));
    const { status, body } = await rawGet(
      `conversationId=${conversationId}&visibility=BUSINESS_AND_PARTICIPANT&sorting.order=ASC`,
    );
    expect(status).toBe(200);
    expect(body.messages.map((m) => m.id)).toEqual([sent[0], sent[2], sent[3]]);
  });

  it.each([
    ['a flat query key', (id: string) => `conversationId=${id}&__proto__.visibility=BUSINESS&__proto__.polluted=1`],
    [
      'the .r parameter',
      (id: string) =>
        `.r=${Buffer.from(`{"conversationId":"${id}","__proto__":{"visibility":"BUSINESS","polluted":1}}`).toString('base64url')}`,
    ],
  ])('does not let __proto__ in %s supply visibility or pollute Object.prototype', async (_name, query) => {
    const { rawGet, conversationId } = await setup();
    const { status, body } = await rawGet(query(conversationId));
    expect(status).toBe(400);
    expect(body.details).toEqual({
      validationError: {
        fieldViolations: [expect.objectContaining({ field: 'visibility', violatedRule: 'REQUIRED_FIELD' })],
      },
    });
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('visibility');
  });

  it('reports flat query violations with REST field names', async () => {
    const { rawGet, conversationId } = await setup();
    const { status, body } = await rawGet(`conversationId=${conversationId}&visibility=BUSINESS&paging.limit=101`);
    expect(status).toBe(400);
    expect(body.details).toEqual({
      validationError: { fieldViolations: [expect.objectContaining({ field: 'paging.limit', violatedRule: 'MAX' })] },
    });
  });
});
