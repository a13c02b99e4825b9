/**
 * Wix API errors. Handlers throw these; one middleware (`http/error-handler.ts`) turns any of them into
 * Wix's JSON error body, so no route builds an error response by hand.
 *
 * Wire shape (inbox-contract.md §4.3):
 * `{ message, details: { applicationError: {code, description, data} } | { validationError: { fieldViolations } } }`
 */

/** The rule names Wix uses in `fieldViolations[].violatedRule`. */
export type ViolatedRule =
  | 'VALIDATION'
  | 'OTHER'
  | 'MAX'
  | 'MIN'
  | 'MAX_LENGTH'
  | 'MIN_LENGTH'
  | 'MAX_SIZE'
  | 'MIN_SIZE'
  | 'FORMAT'
  | 'INVALID_ENUM_VALUE'
  | 'REQUIRED_FIELD'
  | 'FIELD_NOT_ALLOWED'
  | 'ONE_OF_ALIGNMENT';

export interface FieldViolation {
  field: string;
  description: string;
  violatedRule: ViolatedRule;
  data?: Record<string, unknown>;
}

export type WixErrorDetails =
  | { applicationError: { code: string; description: string; data: Record<string, unknown> } }
  | { validationError: { fieldViolations: FieldViolation[] } };

export interface WixErrorBody {
  message: string;
  details: WixErrorDetails;
}

/** Base class: an HTTP status plus the body Wix would send. */
export class WixApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: WixErrorDetails,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(): WixErrorBody {
    return { message: this.message, details: this.details };
  }
}

function applicationError(code: string, description: string, data: Record<string, unknown> = {}): WixErrorDetails {
  return { applicationError: { code, description, data } };
}

/** 400 with field-level violations; the SDK turns these into `details.validationError`. */
export class InvalidArgument extends WixApiError {
  constructor(readonly violations: FieldViolation[]) {
    super(400, 'INVALID_ARGUMENT', { validationError: { fieldViolations: violations } });
  }
}

/** 400 for a request-level problem that has no single field, such as a body that is not JSON. */
export class BadRequest extends WixApiError {
  constructor(code: string, description: string) {
    super(400, description, applicationError(code, description));
  }
}

export class Unauthenticated extends WixApiError {
  constructor(description: string) {
    super(401, description, applicationError('UNAUTHENTICATED', description));
  }
}

export class PermissionDenied extends WixApiError {
  constructor(description: string, code = 'PERMISSION_DENIED') {
    super(403, description, applicationError(code, description));
  }
}

export class NotFound extends WixApiError {
  constructor(code: string, description: string, data: Record<string, unknown> = {}) {
    super(404, description, applicationError(code, description, data));
  }
}

export class AlreadyExists extends WixApiError {
  constructor(code: string, description: string, data: Record<string, unknown> = {}) {
    super(409, description, applicationError(code, description, data));
  }
}

export class PayloadTooLarge extends WixApiError {
  constructor(limitBytes: number) {
    const description = `Request body is larger than ${limitBytes} bytes.`;
    super(413, description, applicationError('PAYLOAD_TOO_LARGE', description, { limitBytes }));
  }
}

/** Status text codes Wix uses for standard errors (inbox-contract.md §4.2). */
const STATUS_CODES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  428: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'BAD_GATEWAY',
  503: 'UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/** A standard error for any status, as an injected fault or an unknown route produces. */
export function standardError(status: number, description: string): WixApiError {
  const code = STATUS_CODES[status] ?? `HTTP_${status}`;
  return new WixApiError(status, description, applicationError(code, description));
}
