/**
 * The tables of the power-of-two transforms, for the WebAssembly kernel (`stft-wasm.ts`), which computes the
 * same FFT as the TypeScript plans from the same numbers.
 */
import type { ComplexFftPlan, RealFftPlan } from './plan-types.js';
import { PowerOfTwoFft } from './radix4-fft.js';
import { EvenRealFft } from './real-fft.js';

/**
 * The tables of an even-length real FFT whose half length m is a power of two ≥ 4: the bit reversal of m,
 * the radix-4 twiddles (pass after pass, six numbers W^j, W^2j, W^3j as re/im per j; passes start at quarter
 * length 2 when log2 m is odd, else 4), and the split step's e^{−2πik/n} for k ≤ m.
 */
export interface PowerOfTwoRealFftTables {
  m: number;
  log2IsOdd: boolean;
  bitReversed: Uint32Array;
  twiddles: Float64Array;
  splitRe: Float64Array;
  splitIm: Float64Array;
}

/** The tables of a power-of-two complex FFT (see {@link PowerOfTwoRealFftTables}; `m` is its length). */
export type PowerOfTwoFftTables = Pick<PowerOfTwoRealFftTables, 'm' | 'log2IsOdd' | 'bitReversed' | 'twiddles'>;

/** {@link PowerOfTwoFftTables} of a complex plan of length ≥ 4 that is a power of two, else undefined. */
export function powerOfTwoFftTables(plan: ComplexFftPlan): PowerOfTwoFftTables | undefined {
  if (!(plan instanceof PowerOfTwoFft) || plan.size < 4) return undefined;
  let tables = complexTables.get(plan);
  if (!tables) {
    tables = { m: plan.size, log2IsOdd: plan.log2IsOdd, bitReversed: plan.bitReversed, twiddles: plan.twiddleTable };
    complexTables.set(plan, tables);
  }
  return tables;
}

/** One tables object per plan (callers compare them by identity). */
const complexTables = new WeakMap<ComplexFftPlan, PowerOfTwoFftTables>();

/** {@link PowerOfTwoRealFftTables} of a plan, or undefined for odd lengths and non-power-of-two halves. */
export function powerOfTwoRealFftTables(plan: RealFftPlan): PowerOfTwoRealFftTables | undefined {
  if (!(plan instanceof EvenRealFft)) return undefined;
  const half = plan.half;
  if (!(half instanceof PowerOfTwoFft) || half.size < 4) return undefined;
  let tables = realTables.get(plan);
  if (!tables) {
    tables = {
      m: half.size,
      log2IsOdd: half.log2IsOdd,
      bitReversed: half.bitReversed,
      twiddles: half.twiddleTable,
      splitRe: plan.twRe,
      splitIm: plan.twIm,
    };
    realTables.set(plan, tables);
  }
  return tables;
}

/** One tables object per real plan (callers compare them by identity). */
const realTables = new WeakMap<RealFftPlan, PowerOfTwoRealFftTables>();
