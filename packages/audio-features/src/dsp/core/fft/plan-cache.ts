/**
 * The FFT plan factories' caches: small and least-recently-used, because STFTs reuse one or two lengths,
 * while the 'fft' resampler and odd-length signals create a new length per call, which must not grow
 * memory without bound.
 */
const MAX_CACHED_PLANS = 16;

/** The plan of length `n` in `cache`, made with `create` on a miss (evicting the least recently used one). */
export function cachedPlan<P>(cache: Map<number, P>, n: number, create: (n: number) => P): P {
  let plan = cache.get(n);
  if (plan) {
    cache.delete(n);
  } else {
    plan = create(n);
    if (cache.size >= MAX_CACHED_PLANS) cache.delete(cache.keys().next().value as number);
  }
  cache.set(n, plan);
  return plan;
}
