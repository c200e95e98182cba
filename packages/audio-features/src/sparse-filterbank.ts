/**
 * Filter banks stored by each filter's nonzero range, so applying one costs only its nonzero weights.
 */
import { createMatrix, type Matrix } from './matrix.js';

/** A filter bank [filter][bin] keeping, per filter, the weights of bins `start[r] ≤ f < end[r]`. */
export interface SparseFilterbank {
  rows: number;
  cols: number;
  start: Int32Array;
  end: Int32Array;
  /** Offset of filter r's first stored weight in `weights`. */
  offset: Int32Array;
  weights: Float32Array;
}

/**
 * Compresses a dense bank to each filter's range of kept weights (from its first to its last weight for
 * which `keep` is true; zeros inside the range are stored). By default only exact zeros are dropped.
 */
export function sparsifyFilterbank(dense: Matrix, keep: (w: number) => boolean = (w) => w !== 0): SparseFilterbank {
  const { rows, cols, data } = dense;
  const start = new Int32Array(rows);
  const end = new Int32Array(rows);
  const offset = new Int32Array(rows);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    while (s < cols && !keep(data[r * cols + s]!)) s++;
    let e = cols;
    while (e > s && !keep(data[r * cols + e - 1]!)) e--;
    start[r] = s;
    end[r] = e;
    offset[r] = total;
    total += e - s;
  }
  const weights = new Float32Array(total);
  for (let r = 0; r < rows; r++) {
    weights.set(data.subarray(r * cols + start[r]!, r * cols + end[r]!), offset[r]!);
  }
  return { rows, cols, start, end, offset, weights };
}

/**
 * Applies the bank to every frame of a frame-major spectrogram (`spec[t * bank.cols + f]`), returning the
 * librosa-layout [filter][frame] matrix (`bank · S`). Accumulates in float64.
 */
export function applyFilterbank(bank: SparseFilterbank, spec: Float32Array, nFrames: number): Matrix {
  const out = createMatrix(bank.rows, nFrames);
  const { rows, cols, start, end, offset, weights } = bank;
  for (let t = 0; t < nFrames; t++) {
    const base = t * cols;
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      const s = start[r]!, e = end[r]!;
      let w = offset[r]! - s;
      for (let f = s; f < e; f++) sum += weights[w + f]! * spec[base + f]!;
      out.data[r * nFrames + t] = sum;
    }
  }
  return out;
}

/** Applies the bank to one spectrum `x` (`bank.cols` values) into `out` (`bank.rows` values). */
export function applyFilterbankToFrame(
  bank: SparseFilterbank,
  x: Float32Array | Float64Array,
  xOffset: number,
  out: Float64Array,
): void {
  const { rows, start, end, offset, weights } = bank;
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    const s = start[r]!, e = end[r]!;
    const w = offset[r]! - s;
    for (let f = s; f < e; f++) sum += weights[w + f]! * x[xOffset + f]!;
    out[r] = sum;
  }
}
