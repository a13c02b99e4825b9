/**
 * REST → SDK key renaming, as @wix/sdk-runtime does it (inbox-contract.md §1.6): `id` → `_id`,
 * `createdDate` → `_createdDate`, `updatedDate` → `_updatedDate`, at any depth, only when the target
 * key is absent. Velo event payloads carry messages in this shape.
 */
const RENAMES = new Map([
  ['id', '_id'],
  ['createdDate', '_createdDate'],
  ['updatedDate', '_updatedDate'],
]);

export function toSdkKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSdkKeys);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(source)) {
    // A Map and own-property checks: free-form keys such as `toString` or `__proto__` (chat metadata,
    // form submissions) are data, never Object.prototype members.
    const renamed = RENAMES.get(key);
    const target = renamed && !Object.prototype.hasOwnProperty.call(source, renamed) ? renamed : key;
    // Plain assignment makes an own property for every key but `__proto__`, whose setter would change
    // the prototype instead; defining every property was a tenth of a sendMessage's own time.
    if (target === '__proto__') {
      Object.defineProperty(out, target, {
        value: toSdkKeys(child),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      out[target] = toSdkKeys(child);
    }
  }
  return out;
}
