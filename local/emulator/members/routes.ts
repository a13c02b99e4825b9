import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { standardError } from '../errors';
import type { ApiEnv } from '../http/env';
import { IDENTITY_TYPES, requireIdentity, type Identity } from '../identity';
import { parseOrThrow } from '../validation/field-violations';
import { guid } from '../validation/wix-formats';
import { getMember, memberToRest } from './members';

/** `fieldsets=FULL` shows private fields only to the business and to the member themselves. */
function fieldsetFor(c: Context<ApiEnv>, caller: Identity, memberId: string): 'PUBLIC' | 'FULL' {
  const wantsFull = c.req.queries('fieldsets')?.includes('FULL') ?? false;
  const isSelf = caller.type === 'MEMBER' && caller.id === memberId;
  const mayReadPrivate = caller.type === 'APP' || caller.type === 'WIX_USER' || isSelf;
  return wantsFull && mayReadPrivate ? 'FULL' : 'PUBLIC';
}

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
    return c.json({ member: memberToRest(member, fieldsetFor(c, caller, member.id)) });
  });

  routes.get('/members/:id', (c) => {
    c.set('operation', 'members.getMember');
    const caller = requireIdentity(c.get('identity'), IDENTITY_TYPES);
    const { id } = parseOrThrow(z.object({ id: guid() }), { id: c.req.param('id') });
    const member = getMember(ctx, id);
    return c.json({ member: memberToRest(member, fieldsetFor(c, caller, member.id)) });
  });

  return routes;
}
