import { Hono } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { NotFound } from '../errors';
import { CLAIMS_COLLECTION_ID } from '../variants';
import type { ApiEnv } from '../http/env';
import { readJsonBody } from '../http/read-request';
import { BUSINESS_IDENTITIES, requireIdentity } from '../identity';
import { BadRequest } from '../errors';
import { parseOrThrow } from '../validation/field-violations';
import { integer, text } from '../validation/wix-formats';
import { getItem, insertItem, removeItem } from './items';
import { countItems, queryItems } from './query';

const collectionId = text({ min: 1, max: 256 });
const itemId = text({ min: 1, max: 1000 });

const insertRequest = z.object({
  dataCollectionId: collectionId,
  dataItem: z.object({ id: itemId.nullish(), data: z.record(z.string(), z.unknown()).nullish() }),
});
const removeRequest = z.object({ dataCollectionId: collectionId, dataItemId: itemId });
const getRequest = z.object({ dataCollectionId: collectionId, dataItemId: itemId });
const queryRequest = z.object({
  dataCollectionId: collectionId,
  query: z
    .object({
      filter: z.record(z.string(), z.unknown()).nullish(),
      paging: z
        .object({ limit: integer({ min: 1, max: 1000 }).nullish(), offset: integer({ min: 0 }).nullish() })
        .nullish(),
    })
    .nullish(),
});
const countRequest = z.object({ dataCollectionId: collectionId, filter: z.record(z.string(), z.unknown()).nullish() });

/** A GET query as the SDK sends it: the request JSON, base64url-encoded, in the `.r` parameter. */
function decodeGetRequest(raw: string | undefined): unknown {
  try {
    return JSON.parse(Buffer.from(raw ?? '', 'base64url').toString('utf8')) as unknown;
  } catch {
    throw new BadRequest('INVALID_REQUEST', 'The .r query parameter is not a base64url-encoded JSON request.');
  }
}

/**
 * Wix Data items v2, as `@wix/data` `items.insert/get/remove` call them. Collections here are private
 * to the business: only a Wix user or an app (elevated code) may use them.
 */
export function dataRoutes(ctx: EmulatorContext): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  /** Platform variant `claimsCollection: missing`: Wix Data's WDE0025 for a collection the site lacks. */
  const requireCollection = (collection: string) => {
    if (collection === CLAIMS_COLLECTION_ID && ctx.variants.claimsCollection === 'missing') {
      throw new NotFound(
        'WDE0025',
        `The ${collection} collection does not exist. You cannot work with a collection using the Data API before it is created in the Editor.`,
      );
    }
  };

  routes.post('/items', async (c) => {
    c.set('operation', 'data.insert');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const request = parseOrThrow(insertRequest, await readJsonBody(c, ['dataItem.data']));
    requireCollection(request.dataCollectionId);
    const data = request.dataItem.data ?? {};
    const id = request.dataItem.id ?? (typeof data._id === 'string' ? data._id : undefined);
    return c.json({ dataItem: insertItem(ctx, request.dataCollectionId, id ?? undefined, data) });
  });

  routes.post('/items/remove', async (c) => {
    c.set('operation', 'data.remove');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const request = parseOrThrow(removeRequest, await readJsonBody(c));
    requireCollection(request.dataCollectionId);
    return c.json({ dataItem: removeItem(ctx, request.dataCollectionId, request.dataItemId) });
  });

  // Registered before /items/:id, which would otherwise take "query" for an item id.
  routes.get('/items/query', (c) => {
    c.set('operation', 'data.query');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const request = parseOrThrow(queryRequest, decodeGetRequest(c.req.query('.r')));
    const paging = request.query?.paging;
    return c.json(
      queryItems(ctx, request.dataCollectionId, {
        filter: request.query?.filter ?? undefined,
        paging: { limit: paging?.limit ?? undefined, offset: paging?.offset ?? undefined },
      }),
    );
  });

  routes.post('/items/count', async (c) => {
    c.set('operation', 'data.count');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const request = parseOrThrow(countRequest, await readJsonBody(c));
    return c.json(countItems(ctx, request.dataCollectionId, request.filter ?? undefined));
  });

  routes.get('/items/:id', (c) => {
    c.set('operation', 'data.get');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const request = parseOrThrow(getRequest, {
      dataCollectionId: c.req.query('dataCollectionId'),
      dataItemId: c.req.param('id'),
    });
    requireCollection(request.dataCollectionId);
    return c.json({ dataItem: getItem(ctx, request.dataCollectionId, request.dataItemId) });
  });

  return routes;
}
