/** Bounded concurrency for async work (pure). */

/**
 * Maps `items` through `fn` with at most `limit` calls running at once; the results keep the items' order.
 * @example
 * ```ts
 * const ids = await mapLimited(paths, 4, (path) => fileJobId(path, {}));
 * ```
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const run = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, run));
  return out;
}
