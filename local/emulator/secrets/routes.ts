import { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import { NotFound } from '../errors';
import type { ApiEnv } from '../http/env';
import { BUSINESS_IDENTITIES, requireIdentity } from '../identity';
import { statement } from '../store/statements';

/** Stores a secret (control API only: on Wix, secrets are added in the dashboard). */
export function setSecret(ctx: EmulatorContext, name: string, value: string): void {
  statement(
    ctx.db,
    'INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value',
  ).run(name, value);
}

/** Wix Secrets Manager as `@wix/secrets` `getSecretValue(name)` calls it; elevated callers only. */
export function secretsRoutes(ctx: EmulatorContext): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get('/secrets/name/:name', (c) => {
    c.set('operation', 'secrets.getSecretValue');
    requireIdentity(c.get('identity'), BUSINESS_IDENTITIES);
    const name = c.req.param('name');
    const row = statement(ctx.db, 'SELECT value FROM secrets WHERE name = ?').get(name) as
      { value: string } | undefined;
    if (!row)
      throw new NotFound('SECRET_NOT_FOUND', `No secret named "${name}". Add it with POST /_emulator/v1/secrets.`);
    return c.json({ value: row.value });
  });
  return routes;
}
