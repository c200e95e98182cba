/**
 * 32-bit string hashing for the feature-hashing trick: FNV-1a over UTF-16 code units, finished with
 * MurmurHash3's fmix32 so that the low bits used as bucket numbers are well mixed.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Hashes `text[start, end)` starting from `seed` (use a different seed per feature namespace). */
export function hashRange(text: string, start: number, end: number, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return finalizeHash(h);
}

/** MurmurHash3 fmix32 avalanche step; returns an unsigned 32-bit integer. */
export function finalizeHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a whole string with `seed`. */
export function hashString(text: string, seed: number): number {
  return hashRange(text, 0, text.length, seed);
}
