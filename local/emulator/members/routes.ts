import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { InvalidArgument, standardError } from '../errors';
import { readJsonBody } from '../http/read-request';
import type { ApiEnv } from '../http/env';
import { IDENTITY_TYPES, requireIdentity, type Identity } from '../identity';
import { parseOrThrow } from '../validation/field-violations';
import { guid, integer, list, oneOfValues } from '../validation/wix-formats';
import { getMember, memberToRest, queryMembersByContact, type Fieldset } from './members';

const queryRequest = z.object({
  // In a query's body, not its URL (QueryMembersRequest); the typings allow up to 3.
  fieldsets: list(oneOfValues(['PUBLIC', 'EXTENDED', 'FULL']), { max: 3 }).nullish(),
  query: z
    .object({
      filter: z.record(z.string(), z.unknown()).nullish(),
      paging: z
        .object({ limit: integer({ min: 0, max: 100 }).nullish(), offset: integer({ min: 0 }).nullish() })
        .nullish(),
    })
    .nullish(),
});

/** The one query the emulator answers: `{"contactId": {"$in": [<GUID>, …]}}` (the builder's `.in()`). */
function contactIdsFilter(filter: Record<string, unknown> | null | undefined): string[] {
  const condition = filter?.['contactId'];
  const ids = typeof condition === 'object' && condition !== null ? (condition as { $in?: unknown }).$in : undefined;
  const valid = z.array(guid()).max(100).safeParse(ids);
  if (Object.keys(filter ?? {}).length !== 1 || Object.keys(condition ?? {}).length !== 1 || !valid.success) {
    throw new InvalidArgument([
      {
        field: 'query.filter',
        description: 'the emulator supports one filter: {"contactId": {"$in": [<GUID>, …]}} (up to 100 ids)',
        violatedRule: 'VALIDATION',
      },
    ]);
  }
  return valid.data;
}

/** The widest of the fieldsets asked for; `PUBLIC` when none is (Members v1's default). */
function widest(asked: readonly string[]): Fieldset {
  return asked.includes('FULL') ? 'FULL' : asked.includes('EXTENDED') ? 'EXTENDED' : 'PUBLIC';
}
const isSelf = (caller: Identity, memberId: string) => caller.type === 'MEMBER' && caller.id === memberId;

/** Private fields (`EXTENDED`, `FULL`) only for the business and for the member themselves. */
function fieldsetFor(asked: readonly string[], caller: Identity, memberId: string): Fieldset {
  const mayReadPrivate = caller.type === 'APP' || caller.type === 'WIX_USER' || isSelf(caller, memberId);
  return mayReadPrivate ? widest(asked) : 'PUBLIC';
}
/** A GET's fieldsets: repeated `fieldsets` URL parameters. */
const askedInUrl = (c: Context<ApiEnv>) => c.req.queries('fieldsets') ?? [];

/** Members v1: the current member and a member by id, as @wix/members calls them. */
export function membersRoutes(ctx: EmulatorContext): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get('/members/my', (c) => {
    c.set('operation', 'members.getCurrentMember');
    const caller = requireIdentity(c.get('identity'), IDENTITY_TYPES);
    // A visitor, a Wix user or an app is not a member. Whether Wix answers "no member" or an error is
    // undocumented: a platform variant (docs/emulator-contract.md).
    if (caller.type !== 'MEMBER') {
      const answer = ctx.variants.visitorCurrentMember;
      if (answer === 'empty') return c.json({});
      throw standardError(Number(answer), 'No member is logged in (platform variant visitorCurrentMember).');
    }
    const member = getMember(ctx, caller.id);
    return c.json({
      member: memberToRest(member, fieldsetFor(askedInUrl(c), caller, member.id), ctx.variants.memberPublicFields),
    });
  });

  routes.post('/members/query', async (c) => {
    c.set('operation', 'members.queryMembers');
    const caller = requireIdentity(c.get('identity'), IDENTITY_TYPES);
    const { query, fieldsets } = parseOrThrow(queryRequest, await readJsonBody(c, ['query.filter']));
    const offset = query?.paging?.offset ?? 0;
    // The builder's default page is 100, its maximum (queryMembers reference).
    const limit = query?.paging?.limit ?? 100;
    const { members, total } = queryMembersByContact(ctx, contactIdsFilter(query?.filter), { limit, offset });
    return c.json({
      members: members.map((m) =>
        memberToRest(m, fieldsetFor(fieldsets ?? [], caller, m.id), ctx.variants.memberPublicFields),
      ),
      metadata: { count: members.length, offset, total, tooManyToCount: false },
    });
  });

  routes.get('/members/:id', (c) => {
    c.set('operation', 'members.getMember');
    const caller = requireIdentity(c.get('identity'), IDENTITY_TYPES);
    const { id } = parseOrThrow(z.object({ id: guid() }), { id: c.req.param('id') });
    const member = getMember(ctx, id);
    return c.json({
      member: memberToRest(member, fieldsetFor(askedInUrl(c), caller, member.id), ctx.variants.memberPublicFields),
    });
  });

  return routes;
}
