/**
 * Chroma filter bank, as librosa 0.11 `filters.chroma`: Gaussian bumps in log-frequency around each pitch
 * class, per-bin normalised, weighted by a Gaussian over octaves, rolled to start at C, stored in float32.
 */
import { AudioFeaturesError, assertInteger, assertPositive, assertOptionsObject } from '../../errors.js';
import { hzToOcts } from '../core/convert.js';
import { createMatrix, type Matrix } from '../core/matrix.js';
import { vectorNorm, type NormOrder } from '../core/normalize.js';
import { filterbankCache, type CachedFilterbank } from './sparse-filterbank.js';

/** Options of {@link chromaFilterbank} (librosa names). */
export interface ChromaFilterOptions {
  /** Number of chroma bins (default 12). */
  nChroma?: number;
  /** Tuning deviation from A440 in fractions of a chroma bin (default 0). */
  tuning?: number;
  /** Centre of the octave weighting, in octaves above C0 … (librosa `ctroct`, default 5.0). */
  ctroct?: number;
  /** Gaussian half-width of the octave weighting in octaves; null for flat weighting (default 2). */
  octwidth?: number | null;
  /** Norm applied to each frequency bin's column of weights; null for none (default 2). */
  norm?: NormOrder | null;
  /** Start the bank at C (true, default) or at A (false). */
  baseC?: boolean;
}

/** Full options of {@link chromaFilterbank}. */
export interface ChromaFilterbankOptions extends ChromaFilterOptions {
  sr: number;
  nFft: number;
}

/** Rounds half to even, as numpy `round`. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** numpy `remainder` for floats: result takes the sign of the divisor. */
function remainder(a: number, b: number): number {
  if (a >= 0 && b > 0 && a < 2 ** 52 * b) {
    // Exact, like fmod, but without its slow path: with q = floor(a / b) (corrected by one when the
    // division rounded across an integer), a − q·b is exact (Sterbenz) and lies in [0, b).
    let q = Math.floor(a / b);
    let r = a - q * b;
    if (r < 0) r = a - --q * b;
    else if (r >= b) r = a - ++q * b;
    return r;
  }
  let m = a % b;
  if (m !== 0 && m < 0 !== b < 0) m += b;
  return m;
}

function buildChromaFilterbank(o: ChromaFilterbankOptions): Matrix {
  assertPositive('sr', o.sr);
  assertInteger('nFft', o.nFft, 2);
  const nChroma = o.nChroma ?? 12;
  assertInteger('nChroma', nChroma, 1);
  const tuning = o.tuning ?? 0;
  const ctroct = o.ctroct ?? 5.0;
  const octwidth = o.octwidth === undefined ? 2 : o.octwidth;
  const norm = o.norm === undefined ? 2 : o.norm;
  const baseC = o.baseC ?? true;
  if (!Number.isFinite(tuning))
    throw new AudioFeaturesError('INVALID_ARGUMENT', `tuning must be finite, got ${String(tuning)}`);
  if (!Number.isFinite(ctroct))
    throw new AudioFeaturesError('INVALID_ARGUMENT', `ctroct must be finite, got ${String(ctroct)}`);
  if (octwidth !== null && !(octwidth > 0)) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `octwidth must be > 0 or null, got ${String(octwidth)}`);
  }
  if (norm !== null && !(norm > 0))
    throw new AudioFeaturesError('INVALID_ARGUMENT', `norm must be > 0 or null, got ${String(norm)}`);

  const { sr, nFft } = o;
  // frqbins[0] is a virtual bin 1.5 octaves below bin 1 (DC has no pitch); frqbins[k] for k ≥ 1 is bin k's pitch.
  const frqbins = new Float64Array(nFft);
  const step = sr / nFft;
  for (let k = 1; k < nFft; k++) frqbins[k] = nChroma * hzToOcts(k * step, tuning, nChroma);
  frqbins[0] = frqbins[1]! - 1.5 * nChroma;
  const binwidth = new Float64Array(nFft);
  for (let k = 0; k < nFft - 1; k++) binwidth[k] = Math.max(frqbins[k + 1]! - frqbins[k]!, 1.0);
  binwidth[nFft - 1] = 1;

  const half = roundHalfEven(nChroma / 2);
  const wts = new Float64Array(nChroma * nFft);
  for (let c = 0; c < nChroma; c++) {
    for (let k = 0; k < nFft; k++) {
      const d = remainder(frqbins[k]! - c + half + 10 * nChroma, nChroma) - half;
      const z = (2 * d) / binwidth[k]!;
      wts[c * nFft + k] = Math.exp(-0.5 * z * z);
    }
  }
  if (norm !== null) {
    for (let k = 0; k < nFft; k++) {
      const len = vectorNorm(wts, k, nChroma, nFft, norm);
      if (len < Number.MIN_VALUE * 2 ** 52) continue; // float64 tiny: leave all-zero columns alone
      for (let c = 0; c < nChroma; c++) wts[c * nFft + k] = wts[c * nFft + k]! / len;
    }
  }
  if (octwidth !== null) {
    for (let k = 0; k < nFft; k++) {
      const z = (frqbins[k]! / nChroma - ctroct) / octwidth;
      const w = Math.exp(-0.5 * z * z);
      for (let c = 0; c < nChroma; c++) wts[c * nFft + k] = wts[c * nFft + k]! * w;
    }
  }
  const nBins = Math.floor(nFft / 2) + 1;
  const roll = baseC ? 3 * Math.floor(nChroma / 12) : 0;
  const out = createMatrix(nChroma, nBins);
  for (let c = 0; c < nChroma; c++) {
    const from = (((c + roll) % nChroma) + nChroma) % nChroma;
    for (let k = 0; k < nBins; k++) out.data[c * nBins + k] = wts[from * nFft + k]!;
  }
  return out;
}

/**
 * Applying the bank skips weights below 1e-10 of the largest weight of their frequency bin (about 45% of a
 * 2048-point bank). Each skipped contribution is < 1e-10 of what the same bin adds to the strongest chroma
 * class, so a max-normalised chromagram changes by < 12 · 1e-10: far below float32 resolution.
 */
const CHROMA_RELATIVE_THRESHOLD = 1e-10;

/** Chroma banks by configuration: tunings vary per clip (one bank per 0.01 step at most), so keep it bounded. */
const chromaBanks = filterbankCache(256, { relativeThreshold: CHROMA_RELATIVE_THRESHOLD });

/** The cached dense + sparse chroma bank for these options (internal: callers must not modify it). */
export function cachedChromaFilterbank(o: ChromaFilterbankOptions): CachedFilterbank {
  const key = [o.sr, o.nFft, o.nChroma, o.tuning, o.ctroct, o.octwidth, o.norm, o.baseC].map(String).join('|');
  return chromaBanks(key, () => buildChromaFilterbank(o));
}

/**
 * The chroma filter bank [nChroma][1 + nFft/2] (librosa `filters.chroma`), float32.
 *
 * @example
 * const fb = chromaFilterbank({ sr: 22050, nFft: 2048 }); // 12 × 1025, starting at C
 */
export function chromaFilterbank(options: ChromaFilterbankOptions): Matrix {
  assertOptionsObject('chromaFilterbank', options, '{ sr: 22050, nFft: 2048 }');
  const { dense } = cachedChromaFilterbank(options);
  return { rows: dense.rows, cols: dense.cols, data: dense.data.slice() };
}
