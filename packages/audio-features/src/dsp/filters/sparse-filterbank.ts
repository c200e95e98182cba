/**
 * Filter banks stored as runs of weights, so applying one costs only its significant weights.
 */
import { createMatrix, type Matrix } from '../core/matrix.js';

/**
 * A filter bank [filter][bin] stored as runs: filter r has runs `rowRuns[r] … rowRuns[r + 1] − 1`; run s
 * covers bins `runStart[s] ≤ f < runEnd[s]` with weights from `weights[runOffset[s]]` on.
 */
export interface SparseFilterbank {
  rows: number;
  cols: number;
  rowRuns: Int32Array;
  runStart: Int32Array;
  runEnd: Int32Array;
  runOffset: Int32Array;
  weights: Float32Array;
}

/** How {@link sparsifyFilterbank} decides which weights to skip. */
export interface SparsifyOptions {
  /**
   * Skip w[r][f] when |w| ≤ relativeThreshold · max_r |w[r][f]| (relative to the largest weight of bin f).
   * 0 (default) skips exact zeros only, which is exact.
   */
  relativeThreshold?: number;
  /** Runs separated by at most this many skipped bins are merged (the weights in between are kept). */
  maxGap?: number;
}

/** Compresses a dense bank into runs of significant weights. */
export function sparsifyFilterbank(dense: Matrix, options: SparsifyOptions = {}): SparseFilterbank {
  const { rows, cols, data } = dense;
  const relativeThreshold = options.relativeThreshold ?? 0;
  const maxGap = options.maxGap ?? 8;
  const limit = new Float64Array(cols);
  for (let f = 0; f < cols; f++) {
    let max = 0;
    for (let r = 0; r < rows; r++) max = Math.max(max, Math.abs(data[r * cols + f]!));
    limit[f] = relativeThreshold * max;
  }
  const keep = (r: number, f: number) => Math.abs(data[r * cols + f]!) > limit[f]!;
  const rowRuns = new Int32Array(rows + 1);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let r = 0; r < rows; r++) {
    rowRuns[r] = starts.length;
    let f = 0;
    while (f < cols) {
      while (f < cols && !keep(r, f)) f++;
      if (f >= cols) break;
      const s = f;
      while (f < cols && keep(r, f)) f++;
      const last = starts.length - 1;
      if (last >= rowRuns[r]! && s - ends[last]! <= maxGap) ends[last] = f;
      else {
        starts.push(s);
        ends.push(f);
      }
    }
  }
  rowRuns[rows] = starts.length;
  const runStart = Int32Array.from(starts);
  const runEnd = Int32Array.from(ends);
  const runOffset = new Int32Array(starts.length);
  let total = 0;
  for (let s = 0; s < starts.length; s++) {
    runOffset[s] = total;
    total += ends[s]! - starts[s]!;
  }
  const weights = new Float32Array(total);
  for (let r = 0; r < rows; r++) {
    for (let s = rowRuns[r]!; s < rowRuns[r + 1]!; s++) {
      weights.set(data.subarray(r * cols + runStart[s]!, r * cols + runEnd[s]!), runOffset[s]);
    }
  }
  return { rows, cols, rowRuns, runStart, runEnd, runOffset, weights };
}

/** Applies the bank to one spectrum `x[xOffset …]` (`bank.cols` values) into `out` (`bank.rows` values). */
export function applyFilterbankToFrame(
  bank: SparseFilterbank,
  x: Float32Array | Float64Array,
  xOffset: number,
  out: Float64Array,
): void {
  const { rows, rowRuns, runStart, runEnd, runOffset, weights } = bank;
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let s = rowRuns[r]!; s < rowRuns[r + 1]!; s++) {
      const start = runStart[s]!,
        end = runEnd[s]!;
      const w = runOffset[s]! - start;
      const xo = xOffset;
      for (let f = start; f < end; f++) sum += weights[w + f]! * x[xo + f]!;
    }
    out[r] = sum;
  }
}

/**
 * Applies the bank to every frame of a frame-major spectrogram (`spec[t * bank.cols + f]`), returning the
 * librosa-layout [filter][frame] matrix (`bank · S`). Accumulates in float64; eight frames share each
 * weight load (the last nFrames mod 8 frames go one by one, summed in the same order).
 */
export function applyFilterbank(bank: SparseFilterbank, spec: Float32Array, nFrames: number): Matrix {
  const { rows, cols, rowRuns, runStart, runEnd, runOffset, weights } = bank;
  const out = createMatrix(rows, nFrames);
  const o = out.data;
  let t = 0;
  for (; t + 8 <= nFrames; t += 8) {
    const b0 = t * cols,
      b1 = b0 + cols,
      b2 = b1 + cols,
      b3 = b2 + cols;
    const b4 = b3 + cols,
      b5 = b4 + cols,
      b6 = b5 + cols,
      b7 = b6 + cols;
    for (let r = 0; r < rows; r++) {
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0,
        s4 = 0,
        s5 = 0,
        s6 = 0,
        s7 = 0;
      for (let s = rowRuns[r]!; s < rowRuns[r + 1]!; s++) {
        const start = runStart[s]!,
          end = runEnd[s]!;
        const w0 = runOffset[s]! - start;
        for (let f = start; f < end; f++) {
          const w = weights[w0 + f]!;
          s0 += w * spec[b0 + f]!;
          s1 += w * spec[b1 + f]!;
          s2 += w * spec[b2 + f]!;
          s3 += w * spec[b3 + f]!;
          s4 += w * spec[b4 + f]!;
          s5 += w * spec[b5 + f]!;
          s6 += w * spec[b6 + f]!;
          s7 += w * spec[b7 + f]!;
        }
      }
      const at = r * nFrames + t;
      o[at] = s0;
      o[at + 1] = s1;
      o[at + 2] = s2;
      o[at + 3] = s3;
      o[at + 4] = s4;
      o[at + 5] = s5;
      o[at + 6] = s6;
      o[at + 7] = s7;
    }
  }
  const frame = new Float64Array(rows);
  for (; t < nFrames; t++) {
    applyFilterbankToFrame(bank, spec, t * cols, frame);
    for (let r = 0; r < rows; r++) o[r * nFrames + t] = frame[r]!;
  }
  return out;
}

/** A filter bank as its public functions return it (dense) and as the features apply it (runs). */
export interface CachedFilterbank {
  dense: Matrix;
  sparse: SparseFilterbank;
}

/**
 * A bounded cache of filter banks by key: each is built and sparsified on first use, and the cache is cleared
 * when it holds `limit` banks. Callers must not modify what it returns.
 */
export function filterbankCache(
  limit: number,
  sparsify: SparsifyOptions = {},
): (key: string, build: () => Matrix) => CachedFilterbank {
  const cache = new Map<string, CachedFilterbank>();
  return (key, build) => {
    let bank = cache.get(key);
    if (!bank) {
      const dense = build();
      bank = { dense, sparse: sparsifyFilterbank(dense, sparsify) };
      if (cache.size >= limit) cache.clear();
      cache.set(key, bank);
    }
    return bank;
  };
}
