/**
 * REST → SDK key renaming, as @wix/sdk-runtime does it (inbox-contract.md §1.6): `id` → `_id`,
 * `createdDate` → `_createdDate`, `updatedDate` → `_updatedDate`, at any depth, only when the target
 * key is absent. Velo event payloads carry messages in this shape.
 */
const RENAMES: Record<string, string> = { id: '_id', createdDate: '_createdDate', updatedDate: '_updatedDate' };

export function toSdkKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSdkKeys);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(source)) {
    const renamed = RENAMES[key];
    out[renamed && !(renamed in source) ? renamed : key] = toSdkKeys(child);
  }
  return out;
}
