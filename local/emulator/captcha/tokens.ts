import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from '../context';
import { standardError } from '../errors';
import { statement } from '../store/statements';

/** Wix: a token the visitor does not submit within 120 seconds of generation expires. */
export const CAPTCHA_TOKEN_LIFETIME_MS = 120_000;

/** Mints a token, as the reCAPTCHA element does when a visitor completes the challenge. */
export function mintCaptchaToken(ctx: EmulatorContext): { token: string; expiresAt: string } {
  const token = `local-captcha-${randomBytes(18).toString('base64url')}`;
  const expiresAt = ctx.clock.now() + CAPTCHA_TOKEN_LIFETIME_MS;
  statement(ctx.db, 'INSERT INTO captcha_tokens (token, expires_at) VALUES (?, ?)').run(token, expiresAt);
  return { token, expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * Authorizes a token once. Wix documents a 400 for a request "sent without a token", a token that
 * "is invalid" or one that "has timed out"; a token is good for one authorization, so a reused one
 * is invalid (it was removed by the first).
 */
export function authorizeCaptchaToken(ctx: EmulatorContext, token: unknown): { success: true } {
  if (typeof token !== 'string' || token === '') throw standardError(400, 'The request was sent without a token.');
  const row = statement(ctx.db, 'DELETE FROM captcha_tokens WHERE token = ? RETURNING expires_at').get(token) as
    { expires_at: number } | undefined;
  if (!row) throw standardError(400, 'The captcha token is invalid.');
  if (row.expires_at < ctx.clock.now()) throw standardError(400, 'The captcha token has timed out.');
  return { success: true };
}
