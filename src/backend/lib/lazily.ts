/**
 * A value loaded on first use and kept: for SDK packages only some calls need, so a cold backend module
 * does not load them before its first call (Velo starts a container per cold request). A failed load is
 * not kept, so the next call tries again.
 *
 * @example const dataItems = lazily(async () => (await import('@wix/data')).items);
 */
export function lazily<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
