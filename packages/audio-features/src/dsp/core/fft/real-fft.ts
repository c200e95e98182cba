/**
 * Real-input FFTs of any length.
 *
 * - Even length n: one complex transform of length n/2 plus an O(n) split step — except the plain
 *   (unwindowed) transform of n = 4^k, which fft.js computes: it transforms the full length with radix-4
 *   passes only, where our half length 2·4^(k−1) needs a radix-2 pass, and measured ~20 % faster and as
 *   exact (`bench/fft.mjs`). For n = 2·4^k the two tie or fft.js is slower, and for the STFT's windowed,
 *   fused step ours is faster, so those stay here (as does the WebAssembly kernel, whose tables are the
 *   radix-4 plan's).
 * - Odd length: one complex transform of the full length.
 *
 * Plans are cached per length and own their scratch buffers, so a transform allocates nothing.
 */
import FFT from 'fft.js';
import { assertInteger } from '../../../errors.js';
import { complexFftPlan } from './complex-fft.js';
import { cachedPlan } from './plan-cache.js';
import type { ComplexFftPlan, RealFftPlan } from './plan-types.js';
import { isPowerOfTwo, PowerOfTwoFft } from './radix4-fft.js';

/** True when `n` is 4, 16, 64, … (a power of two with an even exponent, at least 4). */
function isPowerOfFour(n: number): boolean {
  return n >= 4 && isPowerOfTwo(n) && Math.round(Math.log2(n)) % 2 === 0;
}

/** Real FFT of even length through a half-length complex FFT. */
export class EvenRealFft implements RealFftPlan {
  readonly size: number;
  readonly bins: number;
  /** The half-length complex FFT of z = x[even] + i·x[odd]. */
  readonly half: ComplexFftPlan;
  /** z, then Z = FFT(z) (scratch; read by the fused power spectrum, `power-spectrum.ts`). */
  readonly zRe: Float64Array;
  readonly zIm: Float64Array;
  /** The split step's e^{−2πik/n}, k ≤ n/2. */
  readonly twRe: Float64Array;
  readonly twIm: Float64Array;

  /** fft.js' plan and its interleaved output, for the plain transform of n = 4^k (see the file comment). */
  private readonly fftJs: { plan: FFT; out: Float64Array } | undefined;

  constructor(size: number) {
    this.size = size;
    const m = size >> 1;
    this.bins = m + 1;
    this.fftJs = isPowerOfFour(size) ? { plan: new FFT(size), out: new Float64Array(2 * size) } : undefined;
    this.half = complexFftPlan(m);
    this.zRe = new Float64Array(m);
    this.zIm = new Float64Array(m);
    this.twRe = new Float64Array(m + 1);
    this.twIm = new Float64Array(m + 1);
    for (let k = 0; k <= m; k++) {
      const angle = (-2 * Math.PI * k) / size;
      this.twRe[k] = Math.cos(angle);
      this.twIm[k] = Math.sin(angle);
    }
  }

  forward(input: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const m = this.size >> 1;
    if (this.fftJs) {
      const { plan, out } = this.fftJs;
      plan.realTransform(out, input); // fills bins 0 … n/2, interleaved re, im
      for (let k = 0; k <= m; k++) {
        outRe[k] = out[2 * k]!;
        outIm[k] = out[2 * k + 1]!;
      }
      return;
    }
    const zr = this.zRe,
      zi = this.zIm;
    for (let j = 0; j < m; j++) {
      zr[j] = input[2 * j]!;
      zi[j] = input[2 * j + 1]!;
    }
    this.finish(outRe, outIm);
  }

  forwardWindowed(
    signal: Float64Array,
    offset: number,
    window: Float64Array,
    outRe: Float64Array,
    outIm: Float64Array,
  ): void {
    this.transformWindowed(signal, offset, window);
    this.split(outRe, outIm);
  }

  /** Packs the windowed frame into z and transforms it into Z (the split is left to the caller). */
  transformWindowed(signal: Float64Array, offset: number, window: Float64Array): void {
    const m = this.size >> 1;
    const zr = this.zRe,
      zi = this.zIm;
    const half = this.half;
    if (half instanceof PowerOfTwoFft && half.startsWithRadix4) {
      // Read the windowed samples in bit-reversed order and apply the first (twiddle-free) radix-4 pass
      // on the fly: one pass over z saved. Position p of z holds packed sample rev[p].
      const rev = half.bitReversed;
      for (let p = 0; p < m; p += 4) {
        const a = 2 * rev[p]!,
          c = 2 * rev[p + 1]!,
          b = 2 * rev[p + 2]!,
          d = 2 * rev[p + 3]!;
        const ar = signal[offset + a]! * window[a]!,
          ai = signal[offset + a + 1]! * window[a + 1]!;
        const cr = signal[offset + c]! * window[c]!,
          ci = signal[offset + c + 1]! * window[c + 1]!;
        const br = signal[offset + b]! * window[b]!,
          bi = signal[offset + b + 1]! * window[b + 1]!;
        const dr = signal[offset + d]! * window[d]!,
          di = signal[offset + d + 1]! * window[d + 1]!;
        const s02r = ar + cr,
          s02i = ai + ci,
          d02r = ar - cr,
          d02i = ai - ci;
        const s13r = br + dr,
          s13i = bi + di,
          d13r = br - dr,
          d13i = bi - di;
        zr[p] = s02r + s13r;
        zi[p] = s02i + s13i;
        zr[p + 2] = s02r - s13r;
        zi[p + 2] = s02i - s13i;
        zr[p + 1] = d02r + d13i;
        zi[p + 1] = d02i - d13r;
        zr[p + 3] = d02r - d13i;
        zi[p + 3] = d02i + d13r;
      }
      half.forwardPermuted(zr, zi, true);
    } else if (half instanceof PowerOfTwoFft) {
      const rev = half.bitReversed;
      for (let j = 0, i = 0; j < m; j++, i += 2) {
        const at = rev[j]!;
        zr[at] = signal[offset + i]! * window[i]!;
        zi[at] = signal[offset + i + 1]! * window[i + 1]!;
      }
      half.forwardPermuted(zr, zi);
    } else {
      for (let j = 0, i = 0; j < m; j++, i += 2) {
        zr[j] = signal[offset + i]! * window[i]!;
        zi[j] = signal[offset + i + 1]! * window[i + 1]!;
      }
      half.forward(zr, zi);
    }
  }

  /** Transforms the packed z = x[even] + i·x[odd] and splits it into the spectrum of x. */
  private finish(outRe: Float64Array, outIm: Float64Array): void {
    this.half.forward(this.zRe, this.zIm);
    this.split(outRe, outIm);
  }

  /** Splits Z = FFT(x[even] + i·x[odd]) into the spectrum of x. */
  private split(outRe: Float64Array, outIm: Float64Array): void {
    const m = this.size >> 1;
    const zr = this.zRe,
      zi = this.zIm;
    const twr = this.twRe,
      twi = this.twIm;
    // k = 0 and k = m use Z[0] only.
    outRe[0] = zr[0]! + zi[0]!;
    outIm[0] = 0;
    outRe[m] = zr[0]! - zi[0]!;
    outIm[m] = 0;
    for (let k = 1; k < m; k++) {
      const ar = zr[k]!,
        ai = zi[k]!;
      const br = zr[m - k]!,
        bi = zi[m - k]!;
      const er = 0.5 * (ar + br),
        ei = 0.5 * (ai - bi);
      const or = 0.5 * (ai + bi),
        oi = -0.5 * (ar - br);
      const c = twr[k]!,
        s = twi[k]!;
      outRe[k] = er + c * or - s * oi;
      outIm[k] = ei + c * oi + s * or;
    }
  }
}

/** Real FFT of odd length through a full-length complex FFT. */
class OddRealFft implements RealFftPlan {
  readonly size: number;
  readonly bins: number;
  private readonly full: ComplexFftPlan;
  private readonly re: Float64Array;
  private readonly im: Float64Array;

  constructor(size: number) {
    this.size = size;
    this.bins = (size >> 1) + 1;
    this.full = complexFftPlan(size);
    this.re = new Float64Array(size);
    this.im = new Float64Array(size);
  }

  forwardWindowed(
    signal: Float64Array,
    offset: number,
    window: Float64Array,
    outRe: Float64Array,
    outIm: Float64Array,
  ): void {
    const n = this.size;
    for (let i = 0; i < n; i++) this.re[i] = signal[offset + i]! * window[i]!;
    this.transformAndCopy(outRe, outIm);
  }

  forward(input: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    const n = this.size;
    for (let i = 0; i < n; i++) this.re[i] = input[i]!;
    this.transformAndCopy(outRe, outIm);
  }

  private transformAndCopy(outRe: Float64Array, outIm: Float64Array): void {
    this.im.fill(0);
    this.full.forward(this.re, this.im);
    for (let k = 0; k < this.bins; k++) {
      outRe[k] = this.re[k]!;
      outIm[k] = this.im[k]!;
    }
  }
}

const realPlans = new Map<number, RealFftPlan>();

/** The cached real-input FFT plan for length `n` (any n ≥ 1). */
export function realFftPlan(n: number): RealFftPlan {
  assertInteger('FFT length', n, 1);
  return cachedPlan(realPlans, n, (size) => (size % 2 === 0 ? new EvenRealFft(size) : new OddRealFft(size)));
}

/** Convenience: the rFFT of `x` (length n) as new arrays of `floor(n/2) + 1` bins. */
export function rfft(x: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const plan = realFftPlan(x.length);
  const input = Float64Array.from(x);
  const re = new Float64Array(plan.bins);
  const im = new Float64Array(plan.bins);
  plan.forward(input, re, im);
  return { re, im };
}
