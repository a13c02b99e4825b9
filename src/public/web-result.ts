import type { FieldErrors } from './validation';

/** Codes a page can act on; the message beside each is safe to show a visitor as is. */
export type WebErrorCode =
  'INVALID_INPUT' | 'NOT_ALLOWED' | 'LOGIN_REQUIRED' | 'NOT_FOUND' | 'RATE_LIMITED' | 'UNAVAILABLE' | 'INTERNAL';

export interface WebError {
  code: WebErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
}

/**
 * What every web method returns: a value or a safe error. Web methods never throw to the browser,
 * so no stack trace, id or raw Wix error body can reach it.
 */
export type WebResult<T> = { ok: true; value: T } | { ok: false; error: WebError };
