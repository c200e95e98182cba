import { kaiserLowpassFilter } from './resample-filter.js';

/**
 * A polyphase decomposition of SciPy's `resample_poly` filter for one (up, down) pair: for each
 * phase p, the taps h[p], h[p + up], h[p + 2·up], … of the zero-padded, up-scaled filter.
 */
export interface PolyphaseFilterBank {
  up: number;
  down: number;
  /** phases[p][t] = paddedFilter[p + up·t]. */
  phases: Float64Array[];
  /** Output samples SciPy drops from the start of the full `upfirdn` output. */
  preRemove: number;
}

/**
 * Designs the filter bank of `scipy.signal.resample_poly(x, up, down)` with its defaults
 * (Kaiser β = 5, half length 10·max(up, down), cutoff 1/max(up, down), gain `up`) and SciPy's
 * zero pre-padding that centres the output samples. (SciPy's zero post-padding only lengthens its
 * intermediate output; we compute just the kept samples.) `up` and `down` must be coprime.
 */
export function designPolyphaseFilterBank(up: number, down: number): PolyphaseFilterBank {
  const maxRate = Math.max(up, down);
  const halfLength = 10 * maxRate;
  const filter = kaiserLowpassFilter(2 * halfLength + 1, 1 / maxRate);
  const prePad = down - (halfLength % down);
  const preRemove = Math.floor((halfLength + prePad) / down);
  const padded = new Float64Array(prePad + filter.length);
  for (let i = 0; i < filter.length; i++) padded[prePad + i] = filter[i]! * up;
  const phases: Float64Array[] = [];
  for (let p = 0; p < up; p++) {
    const taps = new Float64Array(Math.max(0, Math.ceil((padded.length - p) / up)));
    for (let t = 0; t < taps.length; t++) taps[t] = padded[p + up * t]!;
    phases.push(taps);
  }
  return { up, down, phases, preRemove };
}

/** Filter banks by "up/down" (least recently designed evicted first). */
const bankCache = new Map<string, PolyphaseFilterBank>();
const BANK_CACHE_LIMIT = 32;

/** The cached filter bank for (up, down), designing it on first use. */
export function polyphaseFilterBank(up: number, down: number): PolyphaseFilterBank {
  const key = `${up}/${down}`;
  let bank = bankCache.get(key);
  if (!bank) {
    bank = designPolyphaseFilterBank(up, down);
    if (bankCache.size >= BANK_CACHE_LIMIT) bankCache.delete(bankCache.keys().next().value!);
    bankCache.set(key, bank);
  }
  return bank;
}

/**
 * `scipy.signal.resample_poly(y, up, down)` (zero padding at both ends), computed only at the
 * output samples, each from one phase of the filter bank: out[n] = Σ_t phase_p[t] · y[i0 − t] with
 * m = (n + preRemove)·down, p = m mod up, i0 = ⌊m / up⌋. Returns ⌈len·up/down⌉ samples.
 */
export function resamplePolyphase(y: Float32Array, up: number, down: number): Float32Array {
  const { phases, preRemove } = polyphaseFilterBank(up, down);
  const inputLength = y.length;
  const outputLength = Math.ceil((inputLength * up) / down);
  const out = new Float32Array(outputLength);
  for (let n = 0; n < outputLength; n++) {
    const m = (n + preRemove) * down;
    const phase = m % up;
    const i0 = (m - phase) / up;
    const taps = phases[phase]!;
    // Only taps whose input index i0 − t lies in [0, inputLength).
    const tStart = Math.max(0, i0 - inputLength + 1);
    const tEnd = Math.min(taps.length, i0 + 1);
    let acc = 0;
    for (let t = tStart; t < tEnd; t++) acc += taps[t]! * y[i0 - t]!;
    out[n] = acc;
  }
  return out;
}
