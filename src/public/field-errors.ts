import type { FieldErrors } from './validation';

/**
 * Records the first error of each field. Field names come from the input: `__proto__` or
 * `constructor` must become own keys, never touch the prototype (a plain `fieldErrors[field] ??= ...`
 * skips inherited names and assigns the prototype). Zod-free: page bundles use it too.
 */
export function firstErrorPerField(): { fieldErrors: FieldErrors; add: (field: string, message: string) => void } {
  const fieldErrors: FieldErrors = {};
  const add = (field: string, message: string) => {
    // Object.prototype.hasOwnProperty, not Object.hasOwn: page code stays within ES2020 (Wix's browser support).
    if (!Object.prototype.hasOwnProperty.call(fieldErrors, field)) {
      Object.defineProperty(fieldErrors, field, {
        value: message,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  };
  return { fieldErrors, add };
}
