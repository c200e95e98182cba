/**
 * Discrete cosine transforms along the rows of a matrix (scipy `fft.dct(x, type, norm, axis=-2)`), computed
 * with a cached cosine table: the lengths used for cepstra are small.
 */
import { AudioFeaturesError } from '../../errors.js';
import { assertValidMatrix, createMatrix, type Matrix } from './matrix.js';

/** Options of {@link dct}. */
export interface DctOptions {
  /** DCT type: 2 (analysis, as MFCC) or 3 (its inverse) (default 2). */
  type?: 2 | 3;
  /** 'ortho' for the orthonormal transform, null for scipy's unnormalised one (default 'ortho'). */
  norm?: 'ortho' | null;
  /** Keep only the first `nOut` coefficients (default all). */
  nOut?: number;
}

const tables = new Map<string, Float64Array>();

/** The [nOut][n] DCT matrix (coefficient k of input n), cached per (type, norm, n, nOut). */
export function dctMatrix(n: number, type: 2 | 3, norm: 'ortho' | null, nOut = n): Float64Array {
  const key = `${type}|${String(norm)}|${n}|${nOut}`;
  const cached = tables.get(key);
  if (cached) return cached;
  const m = new Float64Array(nOut * n);
  for (let k = 0; k < nOut; k++) {
    for (let i = 0; i < n; i++) {
      let v: number;
      if (type === 2) {
        // y[k] = 2 Σ x[i] cos(πk(2i+1) / 2n); ortho scales by sqrt(1/4n) (k = 0) or sqrt(1/2n).
        v = 2 * Math.cos((Math.PI * k * (2 * i + 1)) / (2 * n));
        if (norm === 'ortho') v *= k === 0 ? Math.sqrt(1 / (4 * n)) : Math.sqrt(1 / (2 * n));
      } else {
        // y[k] = x[0] + 2 Σ_{i≥1} x[i] cos(πi(2k+1) / 2n); ortho: x[0]/sqrt(n) + sqrt(2/n) Σ ….
        if (i === 0) v = norm === 'ortho' ? 1 / Math.sqrt(n) : 1;
        else {
          v = Math.cos((Math.PI * i * (2 * k + 1)) / (2 * n));
          v *= norm === 'ortho' ? Math.sqrt(2 / n) : 2;
        }
      }
      m[k * n + i] = v;
    }
  }
  tables.set(key, m);
  return m;
}

/** Applies a [nOut][n] DCT matrix to a length-n vector `x` (from `x0`, step `stride`) into `out`. */
export function applyDct(
  table: Float64Array,
  n: number,
  nOut: number,
  x: ArrayLike<number>,
  x0: number,
  stride: number,
  out: Float64Array | Float32Array,
  out0 = 0,
  outStride = 1,
): void {
  for (let k = 0; k < nOut; k++) {
    let sum = 0;
    const base = k * n;
    for (let i = 0; i < n; i++) sum += table[base + i]! * x[x0 + i * stride]!;
    out[out0 + k * outStride] = sum;
  }
}

/**
 * DCT of every column of `x` along its rows (scipy `dct(x, type, norm=norm, axis=-2)`), optionally keeping
 * only the first `nOut` coefficients.
 *
 * @example
 * const cepstrum = dct(logMel, { type: 2, norm: 'ortho', nOut: 20 });
 */
export function dct(x: Matrix, options: DctOptions = {}): Matrix {
  assertValidMatrix(x, 'x');
  const type = options.type ?? 2;
  const norm = options.norm === undefined ? 'ortho' : options.norm;
  if (type !== 2 && type !== 3)
    throw new AudioFeaturesError('INVALID_ARGUMENT', `DCT type must be 2 or 3, got ${String(type)}`);
  if (norm !== 'ortho' && norm !== null) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `DCT norm must be 'ortho' or null, got ${String(norm)}`);
  }
  const n = x.rows;
  const nOut = options.nOut ?? n;
  if (!Number.isInteger(nOut) || nOut < 1 || nOut > n) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `nOut must be an integer in [1, ${n}], got ${String(nOut)}`);
  }
  const table = dctMatrix(n, type, norm, nOut);
  const out = createMatrix(nOut, x.cols);
  for (let c = 0; c < x.cols; c++) applyDct(table, n, nOut, x.data, c, x.cols, out.data, c, x.cols);
  return out;
}
