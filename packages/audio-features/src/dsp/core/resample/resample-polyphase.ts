import { polyphaseOutputsWasm } from './polyphase-wasm.js';
import { kaiserLowpassFilter } from './resample-filter.js';

/**
 * A polyphase decomposition of SciPy's `resample_poly` filter for one (up, down) pair: for each
 * phase p, the taps h[p], h[p + up], h[p + 2·up], … of the zero-padded, up-scaled filter.
 */
export interface PolyphaseFilterBank {
  up: number;
  down: number;
  /** phases[p][t] = paddedFilter[p + up·t]; each a view into {@link PolyphaseFilterBank.kernel}. */
  phases: Float64Array[];
  /** All phases back to back (phase p at `phaseStart[p]`, `phaseStart[p + 1] − phaseStart[p]` taps). */
  kernel: Float64Array;
  /** Where each phase starts in `kernel`; `up + 1` entries. */
  phaseStart: Int32Array;
  /** Output samples SciPy drops from the start of the full `upfirdn` output. */
  preRemove: number;
  /**
   * Input samples an output may read, counting back from its last one: the longest phase rounded up to a
   * multiple of 4 (the WebAssembly kernel's padded phase length; the TypeScript loop reads fewer).
   */
  reach: number;
}

/**
 * Where a run of outputs reads its input: sample i of the signal is `samples[i − start]` for every index
 * the outputs need (indices below 0 or from `length` on are zeros).
 */
export interface PolyphaseInput {
  samples: Float32Array;
  /** Signal index of `samples[0]`. */
  start: number;
  /** Length of the signal (or of the part received so far, when every needed index is below it). */
  length: number;
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
  const phaseStart = new Int32Array(up + 1);
  for (let p = 0; p < up; p++) phaseStart[p + 1] = phaseStart[p]! + Math.max(0, Math.ceil((padded.length - p) / up));
  const kernel = new Float64Array(phaseStart[up]!);
  const phases: Float64Array[] = [];
  for (let p = 0; p < up; p++) {
    const taps = kernel.subarray(phaseStart[p], phaseStart[p + 1]);
    for (let t = 0; t < taps.length; t++) taps[t] = padded[p + up * t]!;
    phases.push(taps);
  }
  let longest = 0;
  for (let p = 0; p < up; p++) longest = Math.max(longest, phaseStart[p + 1]! - phaseStart[p]!);
  return { up, down, phases, kernel, phaseStart, preRemove, reach: Math.max(4, Math.ceil(longest / 4) * 4) };
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
 *
 * Runs the WebAssembly SIMD kernel when the engine has it ({@link polyphaseOutputsWasm}), otherwise
 * {@link polyphaseOutputsScalar}; both sum in float64 and agree to ~1e-9 of full scale.
 */
export function resamplePolyphase(y: Float32Array, up: number, down: number): Float32Array {
  const bank = polyphaseFilterBank(up, down);
  const out = new Float32Array(polyphaseOutputLength(y.length, bank));
  polyphaseOutputs({ samples: y, start: 0, length: y.length }, bank, 0, out.length, out);
  return out;
}

/** Number of outputs of `resample_poly` for `inputLength` samples: ⌈inputLength · up / down⌉. */
export function polyphaseOutputLength(inputLength: number, bank: PolyphaseFilterBank): number {
  return Math.ceil((inputLength * bank.up) / bank.down);
}

/**
 * Outputs `n0 … n0 + count − 1` of {@link resamplePolyphase} written to `out` from `outOffset`. Each output
 * depends only on its own taps, so any split of the outputs into runs gives the same values (what the
 * streaming resampler relies on).
 */
export function polyphaseOutputs(
  input: PolyphaseInput,
  bank: PolyphaseFilterBank,
  n0: number,
  count: number,
  out: Float32Array,
  outOffset = 0,
): void {
  if (!polyphaseOutputsWasm(input, bank, n0, count, out, outOffset))
    polyphaseOutputsScalar(input, bank, n0, count, out, outOffset);
}

/** The TypeScript loop over a whole signal (see {@link polyphaseOutputsScalar}). */
export function resamplePolyphaseScalar(y: Float32Array, bank: PolyphaseFilterBank): Float32Array {
  const out = new Float32Array(polyphaseOutputLength(y.length, bank));
  polyphaseOutputsScalar({ samples: y, start: 0, length: y.length }, bank, 0, out.length, out);
  return out;
}

/**
 * The TypeScript loop of {@link polyphaseOutputs}. The phase and input index advance incrementally
 * (no division or modulo per sample), the taps are read from one contiguous kernel, and outputs whose
 * taps all fall inside the signal take a loop without range clamping, unrolled by 8 (partial sums of
 * 8 taps, so results can differ from a plain running sum in the last bits of the double accumulator;
 * the float32 outputs match to ~1e-9).
 */
export function polyphaseOutputsScalar(
  input: PolyphaseInput,
  bank: PolyphaseFilterBank,
  n0: number,
  count: number,
  out: Float32Array,
  outOffset = 0,
): void {
  const { up, down, kernel, phaseStart, preRemove } = bank;
  const { samples: y, start: yStart, length: inputLength } = input;
  const m0 = (n0 + preRemove) * down;
  let phase = m0 % up;
  let i0 = (m0 - phase) / up;
  const indexStep = Math.floor(down / up);
  const phaseStep = down % up;
  for (let n = 0; n < count; n++) {
    const start = phaseStart[phase]!;
    const tapCount = phaseStart[phase + 1]! - start;
    let acc = 0;
    if (i0 - tapCount + 1 >= 0 && i0 < inputLength) {
      // All taps inside the signal: y[i0], y[i0 − 1], …, y[i0 − tapCount + 1].
      let k = start;
      let i = i0 - yStart;
      const end = start + tapCount;
      for (; k + 7 < end; k += 8, i -= 8) {
        acc +=
          kernel[k]! * y[i]! +
          kernel[k + 1]! * y[i - 1]! +
          kernel[k + 2]! * y[i - 2]! +
          kernel[k + 3]! * y[i - 3]! +
          kernel[k + 4]! * y[i - 4]! +
          kernel[k + 5]! * y[i - 5]! +
          kernel[k + 6]! * y[i - 6]! +
          kernel[k + 7]! * y[i - 7]!;
      }
      for (; k < end; k++, i--) acc += kernel[k]! * y[i]!;
    } else {
      // Near the ends: only taps whose input index i0 − t lies in [0, inputLength).
      const tStart = Math.max(0, i0 - inputLength + 1);
      const tEnd = Math.min(tapCount, i0 + 1);
      for (let t = tStart; t < tEnd; t++) acc += kernel[start + t]! * y[i0 - t - yStart]!;
    }
    out[outOffset + n] = acc;
    phase += phaseStep;
    i0 += indexStep;
    if (phase >= up) {
      phase -= up;
      i0++;
    }
  }
}
