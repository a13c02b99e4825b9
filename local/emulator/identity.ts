import { randomBytes } from 'node:crypto';
import { PermissionDenied, Unauthenticated } from './errors';
import type { Db } from './store/database';
import { statement } from './store/statements';

export const IDENTITY_TYPES = ['ANONYMOUS_VISITOR', 'MEMBER', 'WIX_USER', 'APP'] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];

/** Who is calling: the subject of the token in the `Authorization` header. */
export interface Identity {
  type: IdentityType;
  id: string;
}

/** Mints an opaque token for an identity. Tokens live in the database so they survive restarts. */
export function mintToken(db: Db, identity: Identity): string {
  const token = `emu.${identity.type.toLowerCase()}.${randomBytes(18).toString('base64url')}`;
  statement(db, 'INSERT INTO tokens (token, identity_type, identity_id) VALUES (?, ?, ?)').run(
    token,
    identity.type,
    identity.id,
  );
  return token;
}

/** The identity behind an `Authorization` header value (`<token>` or `Bearer <token>`), if any. */
export function identityFromAuthorization(db: Db, header: string | undefined): Identity | undefined {
  if (!header) return undefined;
  const token = header.replace(/^Bearer\s+/i, '').trim();
  const row = statement(db, 'SELECT identity_type AS type, identity_id AS id FROM tokens WHERE token = ?').get(
    token,
  ) as Identity | undefined;
  return row;
}

/** Throws 401 without a valid token, 403 when the identity is not one of `allowed`. */
export function requireIdentity(identity: Identity | undefined, allowed: readonly IdentityType[]): Identity {
  if (!identity) {
    throw new Unauthenticated('Missing or unknown access token: send a token minted by POST /_emulator/v1/tokens.');
  }
  if (!allowed.includes(identity.type)) {
    throw new PermissionDenied(
      `Identity ${identity.type} may not call this method; it requires ${allowed.join(' or ')}. ` +
        'Site code must elevate the call (auth.elevate from @wix/essentials).',
    );
  }
  return identity;
}

/** Identities Wix accepts for the Inbox methods: a Wix user (dashboard) or an app (elevated code). */
export const BUSINESS_IDENTITIES: readonly IdentityType[] = ['WIX_USER', 'APP'];
