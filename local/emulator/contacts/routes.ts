import { Hono } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { InvalidArgument } from '../errors';
import { contactFilter, contactOrder, queryContacts } from './query';
import type { ApiEnv } from '../http/env';
import { readJsonBody } from '../http/read-request';
import { BUSINESS_IDENTITIES, requireIdentity } from '../identity';
import { parseOrThrow } from '../validation/field-violations';
import { bool, guid, integer, list, text } from '../validation/wix-formats';
import { appendOrCreateContact, contactToRest, createContact, getContact, type ContactInput } from './contacts';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const contactInfo = z.object({
  name: z.object({ first: text({ max: 1000 }).nullish(), last: text({ max: 1000 }).nullish() }).nullish(),
  emails: z
    .object({
      items: list(z.object({ email: text({ max: 320 }).regex(EMAIL_PATTERN, { error: 'must be an email address' }) }), {
        max: 50,
      }).nullish(),
    })
    .nullish(),
});

type ContactInfoInput = z.output<typeof contactInfo>;

function toContactInput(info: ContactInfoInput | null | undefined): ContactInput {
  return {
    email: info?.emails?.items?.[0]?.email ?? null,
    firstName: info?.name?.first ?? null,
    lastName: info?.name?.last ?? null,
  };
}

const submitRequest = z.object({ info: contactInfo.nullish() });
const createRequest = z.object({ info: contactInfo, allowDuplicates: bool().nullish() });
const queryRequest = z.object({
  query: z
    .object({
      filter: z.record(z.string(), z.unknown()).nullish(),
      paging: z
        .object({ limit: integer({ min: 0, max: 1000 }).nullish(), offset: integer({ min: 0 }).nullish() })
        .nullish(),
      sort: list(z.object({ fieldName: text({ max: 100 }).nullish(), order: z.enum(['ASC', 'DESC']).nullish() }), {
        max: 10,
      }).nullish(),
    })
    .nullish(),
});

/**
 * Contacts v4 as @wix/crm calls them: append-or-create (Submit Contact), create, query by email, get.
 * Like the Inbox methods, these need a business identity (site code elevates them).
 */
export function contactsRoutes(ctx: EmulatorContext): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.post('/contact-submit', async (c) => {
    c.set('operation', 'contacts.appendOrCreateContact');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const request = parseOrThrow(submitRequest, await readJsonBody(c));
    const { contact, newContact } = appendOrCreateContact(ctx, toContactInput(request.info));
    return c.json({
      contactId: contact.id,
      identityType: contact.memberId ? 'NOT_AUTHENTICATED_MEMBER' : 'CONTACT',
      newContact,
    });
  });

  routes.post('/contacts', async (c) => {
    c.set('operation', 'contacts.createContact');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const request = parseOrThrow(createRequest, await readJsonBody(c));
    if (request.allowDuplicates) {
      throw new InvalidArgument([
        {
          field: 'allowDuplicates',
          description: 'the emulator keeps contact emails unique; allowDuplicates: true is not supported',
          violatedRule: 'FIELD_NOT_ALLOWED',
        },
      ]);
    }
    const contact = createContact(ctx, toContactInput(request.info));
    return c.json({ contact: contactToRest(contact) });
  });

  routes.post('/contacts/query', async (c) => {
    c.set('operation', 'contacts.queryContacts');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const request = parseOrThrow(queryRequest, await readJsonBody(c, ['query.filter']));
    const offset = request.query?.paging?.offset ?? 0;
    // The builder's default page is 50 (queryContacts reference).
    const limit = request.query?.paging?.limit ?? 50;
    const { contacts, total } = queryContacts(
      ctx,
      contactFilter(request.query?.filter),
      contactOrder(request.query?.sort),
      { limit, offset },
    );
    return c.json({
      contacts: contacts.map(contactToRest),
      pagingMetadata: {
        count: contacts.length,
        offset,
        total,
        tooManyToCount: false,
      },
    });
  });

  routes.get('/contacts/:id', (c) => {
    c.set('operation', 'contacts.getContact');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const { id } = parseOrThrow(z.object({ id: guid() }), { id: c.req.param('id') });
    return c.json({ contact: contactToRest(getContact(ctx, id)) });
  });

  return routes;
}
