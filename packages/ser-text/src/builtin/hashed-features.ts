/**
 * Hashed TF-IDF features of the built-in text-emotion model: word n-grams and character n-grams inside
 * word boundaries (like scikit-learn's `char_wb`), each hashed into one space of `2^hashBits` buckets,
 * weighted by sublinear term frequency × inverse document frequency, L2-normalised per block and
 * scaled by a block weight.
 */
import { hashRange, hashString } from './feature-hash.js';
import { normalizeText, tokenizeWords } from './normalize-text.js';

/** Settings of the hashed feature extractor (stored inside the model). */
export interface HashedFeatureConfig {
  /** The hash space has `2 ** hashBits` buckets. */
  hashBits: number;
  /** Word n-grams from 1 up to this length (1 = unigrams only). */
  wordNgramMax: number;
  /** Shortest character n-gram (inside ' word ' padding). */
  charNgramMin: number;
  /** Longest character n-gram. */
  charNgramMax: number;
  /** Multiplier of the L2-normalised word block. */
  wordBlockWeight: number;
  /** Multiplier of the L2-normalised character block. */
  charBlockWeight: number;
  /** Texts are cut to this many characters (after normalisation) before featurisation. */
  maxChars: number;
}

/** Raw bucket counts of one block, buckets ascending and unique. */
export interface BucketCounts {
  buckets: Int32Array;
  counts: Float32Array;
}

/** Raw counts of a text, per block. */
export interface HashedCounts {
  word: BucketCounts;
  char: BucketCounts;
  /** True when the normalised text was longer than `maxChars` and was cut. */
  truncated: boolean;
}

/** A sparse feature vector: unique ascending bucket indices with their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

const SEED_WORD_NGRAM = 0x5eed0001;
const SEED_CHAR_NGRAM = 0x5eed0100;
const BOS = '<s>';
const EOS = '</s>';

function addCount(map: Map<number, number>, bucket: number): void {
  map.set(bucket, (map.get(bucket) ?? 0) + 1);
}

function toBucketCounts(map: Map<number, number>): BucketCounts {
  const buckets = Int32Array.from(map.keys()).sort();
  const counts = new Float32Array(buckets.length);
  for (let i = 0; i < buckets.length; i++) counts[i] = map.get(buckets[i]!)!;
  return { buckets, counts };
}

/**
 * Normalises `text`, cuts it to `config.maxChars`, tokenises it and counts its hashed word and
 * character n-grams.
 */
export function countHashedFeatures(text: string, config: HashedFeatureConfig): HashedCounts {
  let normalized = normalizeText(text);
  const truncated = normalized.length > config.maxChars;
  if (truncated) normalized = normalized.slice(0, config.maxChars);
  const tokens = tokenizeWords(normalized);
  const mask = 2 ** config.hashBits - 1;

  const word = new Map<number, number>();
  const padded = [BOS, ...tokens, EOS];
  for (let n = 1; n <= config.wordNgramMax; n++) {
    for (let i = 0; i + n <= padded.length; i++) {
      if (n === 1 && (i === 0 || i === padded.length - 1)) continue; // markers only inside n ≥ 2
      const gram = padded.slice(i, i + n).join('\u0001');
      addCount(word, hashString(gram, SEED_WORD_NGRAM + n) & mask);
    }
  }

  const char = new Map<number, number>();
  for (const token of tokens) {
    const wrapped = ` ${token} `;
    for (let n = config.charNgramMin; n <= config.charNgramMax; n++) {
      if (n > wrapped.length) break;
      for (let i = 0; i + n <= wrapped.length; i++) {
        addCount(char, hashRange(wrapped, i, i + n, SEED_CHAR_NGRAM) & mask);
      }
    }
  }
  return { word: toBucketCounts(word), char: toBucketCounts(char), truncated };
}

function weightBlock(block: BucketCounts, idf: ArrayLike<number>, blockWeight: number, out: Map<number, number>): void {
  const values = new Float64Array(block.buckets.length);
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = (1 + Math.log(block.counts[i]!)) * idf[block.buckets[i]!]!;
    values[i] = v;
    sumSquares += v * v;
  }
  if (sumSquares === 0) return;
  const scale = blockWeight / Math.sqrt(sumSquares);
  for (let i = 0; i < values.length; i++) {
    const bucket = block.buckets[i]!;
    out.set(bucket, (out.get(bucket) ?? 0) + values[i]! * scale);
  }
}

/**
 * Turns raw counts into the model's input: sublinear tf × idf, L2-normalised per block, times the
 * block weights; word and character blocks summed into one sparse vector.
 */
export function weightHashedFeatures(
  counts: HashedCounts,
  idf: ArrayLike<number>,
  config: HashedFeatureConfig,
): SparseVector {
  const merged = new Map<number, number>();
  weightBlock(counts.word, idf, config.wordBlockWeight, merged);
  weightBlock(counts.char, idf, config.charBlockWeight, merged);
  const indices = Int32Array.from(merged.keys()).sort();
  const values = new Float32Array(indices.length);
  for (let i = 0; i < indices.length; i++) values[i] = merged.get(indices[i]!)!;
  return { indices, values };
}
