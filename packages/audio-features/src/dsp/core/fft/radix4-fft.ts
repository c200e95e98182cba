/**
 * Power-of-two complex FFT: iterative decimation in time with radix-4 passes (one radix-2 pass first when
 * log2 n is odd), over cached bit-reversal and twiddle tables. A transform allocates nothing.
 */
import type { ComplexFftPlan } from './plan-types.js';

/** True when `n` is a power of two (1, 2, 4, …). */
export function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/**
 * The radix-4 complex FFT of a power-of-two length. Its tables are also those of the WebAssembly kernel
 * (see `kernel-tables.ts`), which repeats its operations exactly.
 */
export class PowerOfTwoFft implements ComplexFftPlan {
  /** Largest size whose two float64 arrays (64 KiB) stay in cache across a whole pass. */
  static readonly CACHE_FRIENDLY_SIZE = 4096;
  readonly size: number;
  private readonly reversed: Uint32Array;
  /**
   * Twiddles of the radix-4 passes with L > 1, pass after pass: for each j < L, six numbers
   * (W^j, W^2j, W^3j as re/im) with W = e^{−2πi/4L}, read sequentially by the butterflies.
   */
  private readonly twiddles: Float64Array;
  private readonly oddLog: boolean;

  constructor(size: number) {
    this.size = size;
    const bits = Math.round(Math.log2(size));
    this.oddLog = bits % 2 === 1;
    this.reversed = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
      this.reversed[i] = r;
    }
    const values: number[] = [];
    for (let len = this.oddLog ? 2 : 4; len < size; len <<= 2) {
      const block = len << 2;
      for (let j = 0; j < len; j++) {
        for (const multiple of [1, 2, 3]) {
          const angle = (-2 * Math.PI * j * multiple) / block;
          values.push(Math.cos(angle), Math.sin(angle));
        }
      }
    }
    this.twiddles = Float64Array.from(values);
  }

  /** Index permutation: input sample i belongs at position `bitReversed[i]` before {@link forwardPermuted}. */
  get bitReversed(): Uint32Array {
    return this.reversed;
  }

  forward(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    if (n === 1) return;
    const rev = this.reversed;
    for (let i = 0; i < n; i++) {
      const j = rev[i]!;
      if (j > i) {
        const tr = re[i]!;
        re[i] = re[j]!;
        re[j] = tr;
        const ti = im[i]!;
        im[i] = im[j]!;
        im[j] = ti;
      }
    }
    this.forwardPermuted(re, im);
  }

  /** True when log2 of the size is odd (the first pass is then radix-2). */
  get log2IsOdd(): boolean {
    return this.oddLog;
  }

  /** The twiddle table of the radix-4 passes (see the field's comment); read-only by convention. */
  get twiddleTable(): Float64Array {
    return this.twiddles;
  }

  /** True when the first pass is radix-4 (even log2 n ≥ 2), which {@link forwardPermuted} may skip. */
  get startsWithRadix4(): boolean {
    return !this.oddLog && this.size >= 4;
  }

  /**
   * The forward transform of an input already stored in bit-reversed order (see {@link bitReversed}).
   * With `firstPassDone` (only when {@link startsWithRadix4}), the caller has already applied the first,
   * twiddle-free radix-4 pass to each group of four.
   */
  forwardPermuted(re: Float64Array, im: Float64Array, firstPassDone = false): void {
    const n = this.size;
    if (n === 1) return;
    // With bit-reversed input, a block of 4L holds the sub-DFTs of residues 0, 2, 1, 3 (mod 4) as its
    // quarters: one radix-4 pass replaces two radix-2 passes. An odd log2 needs one radix-2 pass first.
    let len = 1;
    if (this.oddLog) {
      for (let i = 0; i < n; i += 2) {
        const r0 = re[i]!,
          i0 = im[i]!,
          r1 = re[i + 1]!,
          i1 = im[i + 1]!;
        re[i] = r0 + r1;
        im[i] = i0 + i1;
        re[i + 1] = r0 - r1;
        im[i + 1] = i0 - i1;
      }
      len = 2;
    }
    if (firstPassDone) {
      len = 4;
    } else if (!this.oddLog && n >= 4) {
      // First radix-4 pass (L = 1): all twiddles are 1, so no products (the WebAssembly kernel's
      // $firstRadix4 does exactly these operations, keeping the two bit-identical).
      for (let i0 = 0; i0 < n; i0 += 4) {
        const i1 = i0 + 1,
          i2 = i0 + 2,
          i3 = i0 + 3;
        const ar = re[i0]!,
          ai = im[i0]!,
          cr = re[i1]!,
          ci = im[i1]!;
        const br = re[i2]!,
          bi = im[i2]!,
          dr = re[i3]!,
          di = im[i3]!;
        const s02r = ar + cr,
          s02i = ai + ci,
          d02r = ar - cr,
          d02i = ai - ci;
        const s13r = br + dr,
          s13i = bi + di,
          d13r = br - dr,
          d13i = bi - di;
        re[i0] = s02r + s13r;
        im[i0] = s02i + s13i;
        re[i2] = s02r - s13r;
        im[i2] = s02i - s13i;
        re[i1] = d02r + d13i;
        im[i1] = d02i - d13r;
        re[i3] = d02r - d13i;
        im[i3] = d02i + d13r;
      }
      len = 4;
    }
    const tw = this.twiddles;
    let twBase = 0;
    // Small transforms (the STFT's, in cache): twiddle loop outside, so each triple is loaded once per pass.
    // Large ones (Bluestein, 'fft' resampling): block loop outside, so memory is swept once per pass
    // rather than once per twiddle. The butterflies and their arithmetic are the same either way.
    const twiddlesOutside = n <= PowerOfTwoFft.CACHE_FRIENDLY_SIZE;
    for (; len < n; len <<= 2) {
      const block = len << 2;
      if (twiddlesOutside) {
        for (let j = 0, w = twBase; j < len; j++, w += 6) {
          for (let start = 0; start < n; start += block) radix4Butterfly(re, im, start + j, len, tw, w);
        }
      } else {
        for (let start = 0; start < n; start += block) {
          for (let j = 0, w = twBase; j < len; j++, w += 6) radix4Butterfly(re, im, start + j, len, tw, w);
        }
      }
      twBase += 6 * len;
    }
  }
}

/**
 * One radix-4 butterfly of a pass with quarter length `len` at index i0, twiddles W^j, W^2j, W^3j at
 * `tw[w … w + 5]`: t0 = F0 (quarter 0), t1 = W^j·F1 (quarter 2), t2 = W^2j·F2 (quarter 1), t3 = W^3j·F3 (quarter 3).
 */
function radix4Butterfly(
  re: Float64Array,
  im: Float64Array,
  i0: number,
  len: number,
  tw: Float64Array,
  w: number,
): void {
  const i1 = i0 + len,
    i2 = i1 + len,
    i3 = i2 + len;
  const w1r = tw[w]!,
    w1i = tw[w + 1]!;
  const w2r = tw[w + 2]!,
    w2i = tw[w + 3]!;
  const w3r = tw[w + 4]!,
    w3i = tw[w + 5]!;
  const ar = re[i0]!,
    ai = im[i0]!;
  const br = re[i2]!,
    bi = im[i2]!;
  const t1r = w1r * br - w1i * bi,
    t1i = w1r * bi + w1i * br;
  const cr = re[i1]!,
    ci = im[i1]!;
  const t2r = w2r * cr - w2i * ci,
    t2i = w2r * ci + w2i * cr;
  const dr = re[i3]!,
    di = im[i3]!;
  const t3r = w3r * dr - w3i * di,
    t3i = w3r * di + w3i * dr;
  const s02r = ar + t2r,
    s02i = ai + t2i,
    d02r = ar - t2r,
    d02i = ai - t2i;
  const s13r = t1r + t3r,
    s13i = t1i + t3i,
    d13r = t1r - t3r,
    d13i = t1i - t3i;
  re[i0] = s02r + s13r;
  im[i0] = s02i + s13i;
  re[i2] = s02r - s13r;
  im[i2] = s02i - s13i;
  // ∓i·(t1 − t3): −i·(x + iy) = y − ix
  re[i1] = d02r + d13i;
  im[i1] = d02i - d13r;
  re[i3] = d02r - d13i;
  im[i3] = d02i + d13r;
}
