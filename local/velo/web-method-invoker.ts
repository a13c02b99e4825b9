import { Permissions } from '@wix/web-methods';
import type { IdentityType } from '../emulator';
import { runWithWixContext, type FetchHandler } from './wix-context';

/** The property `webMethod()` attaches to a function (see @wix/web-methods-definitions). */
const PERMISSION_PROPERTY = 'permission';

/** Which callers each web-method permission admits, as Velo enforces it. */
const ADMITTED: Record<Permissions, readonly IdentityType[]> = {
  [Permissions.Anyone]: ['ANONYMOUS_VISITOR', 'MEMBER', 'WIX_USER'],
  [Permissions.SiteMember]: ['MEMBER', 'WIX_USER'],
  [Permissions.Admin]: ['WIX_USER'],
};

/** A caller refused by the web method's permission: Velo answers 403 without running it. */
export class WebMethodForbidden extends Error {
  readonly status = 403;
  constructor(exportName: string, permission: string, caller: IdentityType) {
    super(`${caller} may not call ${exportName}: it requires permission ${permission}.`);
    this.name = 'WebMethodForbidden';
  }
}

/** An export that is not a webMethod-wrapped function cannot be called from the browser. */
export class NotAWebMethod extends Error {
  readonly status = 404;
  constructor(exportName: string) {
    super(`${exportName} is not a web method (export it wrapped in webMethod(...)).`);
    this.name = 'NotAWebMethod';
  }
}

/**
 * The most arguments a web method call may carry. Velo's web methods take a few; spreading a huge
 * array into a call overflows the stack, so a longer list is refused before anything runs.
 */
export const MAX_WEB_METHOD_ARGUMENTS = 16;

/** A call with more than `MAX_WEB_METHOD_ARGUMENTS` arguments: refused without running. */
export class TooManyArguments extends Error {
  readonly status = 400;
  constructor(exportName: string, count: number) {
    super(`${exportName} was called with ${count} arguments; a web method takes at most ${MAX_WEB_METHOD_ARGUMENTS}.`);
    this.name = 'TooManyArguments';
  }
}

export interface Caller {
  type: IdentityType;
  /** The caller's emulator token. */
  token: string;
}

/**
 * Calls an exported web method as `caller`, the way Velo does: refuses callers its permission does not
 * admit (and calls with too many arguments), then runs it with the Wix context set to the caller (and
 * the site's app for elevated calls).
 */
export async function invokeWebMethod(
  handler: FetchHandler,
  module: Record<string, unknown>,
  exportName: string,
  args: unknown[],
  caller: Caller,
  elevatedToken: string,
): Promise<unknown> {
  const method = Object.hasOwn(module, exportName) ? module[exportName] : undefined;
  const permission =
    typeof method === 'function' ? (method as unknown as Record<string, unknown>)[PERMISSION_PROPERTY] : undefined;
  if (typeof method !== 'function' || typeof permission !== 'string' || !Object.hasOwn(ADMITTED, permission)) {
    throw new NotAWebMethod(exportName);
  }
  if (!ADMITTED[permission as Permissions].includes(caller.type)) {
    throw new WebMethodForbidden(exportName, permission, caller.type);
  }
  if (args.length > MAX_WEB_METHOD_ARGUMENTS) throw new TooManyArguments(exportName, args.length);
  return runWithWixContext(handler, { callerToken: caller.token, elevatedToken }, () =>
    Promise.resolve((method as (...a: unknown[]) => unknown)(...args)),
  );
}
