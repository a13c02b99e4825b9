import { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import type { ApiEnv } from '../http/env';
import { readJsonBody } from '../http/read-request';
import { authorizeCaptchaToken, mintCaptchaToken } from './tokens';

/**
 * The emulator's own API behind the `wix-captcha-backend` shim (Wix has no REST API for it): the
 * backend authorizes a token the page's reCAPTCHA element produced.
 */
export function captchaRoutes(ctx: EmulatorContext): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.post('/authorize', async (c) => {
    c.set('operation', 'captcha.authorize');
    const body = (await readJsonBody(c)) as { token?: unknown } | null;
    return c.json(authorizeCaptchaToken(ctx, body?.token));
  });
  return routes;
}

/** Control route: a token as if a visitor had solved the challenge (tests, the playground's widget). */
export function captchaControlRoutes(ctx: EmulatorContext): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.post('/tokens', (c) => c.json(mintCaptchaToken(ctx)));
  return routes;
}
