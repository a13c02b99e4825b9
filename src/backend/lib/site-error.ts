import type { FieldErrors } from 'public/validation';
import type { WebError, WebErrorCode, WebResult } from 'public/web-result';
import { isNetworkFailure, wixErrorCode, wixStatus } from './retry';

/** An error the site raises on purpose; its message is written for the visitor. */
export class SiteError extends Error {
  constructor(
    readonly code: WebErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = 'SiteError';
  }
}

const SAFE_MESSAGES: Record<WebErrorCode, string> = {
  INVALID_INPUT: 'Some of the information is not valid. Please check it and try again.',
  NOT_ALLOWED: 'You are not allowed to do this.',
  LOGIN_REQUIRED: 'Please log in to continue.',
  NOT_FOUND: 'We could not find what you were looking for.',
  RATE_LIMITED: 'Too many messages in a short time. Please wait a few minutes and try again.',
  UNAVAILABLE: 'Messaging is temporarily unavailable. Please try again in a moment.',
  INTERNAL: 'Something went wrong on our side. Please try again later.',
};

/** HTTP status of a Wix (SDK) error → what the site tells the visitor. */
function codeForStatus(status: number | undefined): WebErrorCode {
  if (status === undefined) return 'UNAVAILABLE'; // no answer: a network failure or our timeout
  if (status === 400) return 'INVALID_INPUT';
  if (status === 401 || status === 403) return 'NOT_ALLOWED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'UNAVAILABLE';
  return 'INTERNAL';
}

/**
 * The one place any thrown value becomes a `WebError` safe for the browser: site errors keep their
 * message; SDK and unexpected errors get a fixed message for their kind and are logged in full here,
 * on the backend, where only the site owner sees them.
 */
export function toWebError(error: unknown, context: string): WebError {
  if (error instanceof SiteError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    };
  }
  const status = wixStatus(error);
  const code = status !== undefined || isNetworkFailure(error) ? codeForStatus(status) : 'INTERNAL';
  console.error(`[inbox] ${context} failed:`, error);
  return { code, message: SAFE_MESSAGES[code] };
}

export function safeMessage(code: WebErrorCode): string {
  return SAFE_MESSAGES[code];
}

/** Runs a web method body and turns any failure into `{ ok: false, error }`. */
export async function toWebResult<T>(context: string, body: () => Promise<T>): Promise<WebResult<T>> {
  try {
    return { ok: true, value: await body() };
  } catch (error) {
    return { ok: false, error: toWebError(error, context) };
  }
}

/** Wix Inbox's typed codes for a site without the Inbox app (SendMessage, ListMessages typings). */
const INBOX_MISSING_CODES: readonly unknown[] = ['INBOX_INSTANCE_NOT_FOUND', 'NO_INBOX_INSTANCE'];

export const INBOX_NOT_INSTALLED =
  'Wix Inbox is not installed on this site: add the Inbox app (Wix App Market, "Wix Inbox") ' +
  'and publish again; until then no message reaches the business.';

/**
 * A `.catch` for every Inbox call: when the site has no Inbox app, logs the one actionable line above
 * and throws an UNAVAILABLE site error (web methods answer it; event handlers log it as failed).
 * Any other failure is passed on unchanged.
 */
export function explainMissingInbox(error: unknown): never {
  if (INBOX_MISSING_CODES.includes(wixErrorCode(error))) {
    console.error(`[inbox] ${INBOX_NOT_INSTALLED}`);
    throw new SiteError('UNAVAILABLE', SAFE_MESSAGES.UNAVAILABLE);
  }
  throw error;
}

/** A field Wix always returns; its absence is an unexpected answer, reported as an internal error. */
export function required(value: string | null | undefined, what: string): string {
  if (!value) throw new Error(`Unexpected Wix answer: ${what}.`);
  return value;
}
