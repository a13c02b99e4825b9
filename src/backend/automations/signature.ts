import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Webhook signatures: HMAC-SHA256 over `<timestamp>.<body>` with a shared secret, sent as
 * `X-Inbox-Signature: t=<unix seconds>,v1=<hex>` (the scheme Stripe popularised). The timestamp lets a
 * receiver refuse old replays.
 */
export const SIGNATURE_HEADER = 'x-inbox-signature';

export function sign(secret: string, body: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

/** For receivers: true if `header` is a valid signature of `body` made within `toleranceSeconds`. */
export function verify(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1 || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(sign(secret, body, timestamp).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
