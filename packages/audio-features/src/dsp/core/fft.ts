/**
 * Fast Fourier transforms of any length, in float64.
 *
 * - Powers of two: iterative radix-2 decimation in time with cached bit-reversal and twiddle tables.
 * - Any other length: Bluestein's chirp-z algorithm on a power-of-two transform (exact up to rounding).
 * - Real input of even length n: one complex transform of length n/2 plus an O(n) split step — except
 *   the plain (unwindowed) transform of n = 4^k, which fft.js computes: it transforms the full length with
 *   radix-4 passes only, where our half length 2·4^(k−1) needs a radix-2 pass, and measured ~20 % faster
 *   and as exact (`bench/fft.mjs`). For n = 2·4^k the two tie or fft.js is slower, and for the STFT's
 *   windowed, fused step ours is faster, so those stay here (as does the WebAssembly kernel, whose tables
 *   are this file's radix-4 tables).
 *
 * Plans are cached per length and own their scratch buffers, so a transform allocates nothing.
 * Forward transforms use the e^{−2πi·nk/N} sign convention (as numpy/scipy), without scaling.
 */
import FFT from 'fft.js';
import { assertInteger } from '../../errors.js';

/** An in-place complex FFT of a fixed length. */
export interface ComplexFftPlan {
  /** Transform length. */
  readonly size: number;
  /** Forward DFT of (re, im) in place; both arrays have at least `size` values. */
  forward(re: Float64Array, im: Float64Array): void;
}

/** A real-input FFT of a fixed length: `n` real samples → `floor(n/2) + 1` complex bins. */
export interface RealFftPlan {
  /** Transform length n. */
  readonly size: number;
  /** Number of output bins, `floor(n / 2) + 1`. */
  readonly bins: number;
  /** Writes the non-negative-frequency half of the DFT of `input[0..n)` into `outRe` / `outIm`. */
  forward(input: Float64Array, outRe: Float64Array, outIm: Float64Array): void;
  /**
   * The same for the windowed frame `signal[offset + i] · window[i]`, i < n, without a copy of the frame
   * (the STFT's inner step).
   */
  forwardWindowed(
    signal: Float64Array,
    offset: number,
    window: Float64Array,
    outRe: Float64Array,
    outIm: Float64Array,
  ): void;
}

/** True when `n` is a power of two (1, 2, 4, …). */
export function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** True when `n` is 4, 16, 64, … (a power of two with an even exponent, at least 4). */
function isPowerOfFour(n: number): boolean {
  return n >= 4 && isPowerOfTwo(n) && Math.round(Math.log2(n)) % 2 === 0;
}

class PowerOfTwoFft implements ComplexFftPlan {
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
        const r0 = re[i]!, i0 = im[i]!, r1 = re[i + 1]!, i1 = im[i + 1]!;
        re[i] = r0 + r1; im[i] = i0 + i1; re[i + 1] = r0 - r1; im[i + 1] = i0 - i1;
      }
      len = 2;
    }
    if (firstPassDone) {
      len = 4;
    } else if (!this.oddLog && n >= 4) {
      // First radix-4 pass (L = 1): all twiddles are 1, so no products (the WebAssembly kernel's
      // $firstRadix4 does exactly these operations, keeping the two bit-identical).
      for (let i0 = 0; i0 < n; i0 += 4) {
        const i1 = i0 + 1, i2 = i0 + 2, i3 = i0 + 3;
        const ar = re[i0]!, ai = im[i0]!, cr = re[i1]!, ci = im[i1]!;
        const br = re[i2]!, bi = im[i2]!, dr = re[i3]!, di = im[i3]!;
        const s02r = ar + cr, s02i = ai + ci, d02r = ar - cr, d02i = ai - ci;
        const s13r = br + dr, s13i = bi + di, d13r = br - dr, d13i = bi - di;
        re[i0] = s02r + s13r; im[i0] = s02i + s13i;
        re[i2] = s02r - s13r; im[i2] = s02i - s13i;
        re[i1] = d02r + d13i; im[i1] = d02i - d13r;
        re[i3] = d02r - d13i; im[i3] = d02i + d13r;
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
function radix4Butterfly(re: Float64Array, im: Float64Array, i0: number, len: number, tw: Float64Array, w: number): void {
  const i1 = i0 + len, i2 = i1 + len, i3 = i2 + len;
  const w1r = tw[w]!, w1i = tw[w + 1]!;
  const w2r = tw[w + 2]!, w2i = tw[w + 3]!;
  const w3r = tw[w + 4]!, w3i = tw[w + 5]!;
  const ar = re[i0]!, ai = im[i0]!;
  const br = re[i2]!, bi = im[i2]!;
  const t1r = w1r * br - w1i * bi, t1i = w1r * bi + w1i * br;
  const cr = re[i1]!, ci = im[i1]!;
  const t2r = w2r * cr - w2i * ci, t2i = w2r * ci + w2i * cr;
  const dr = re[i3]!, di = im[i3]!;
  const t3r = w3r * dr - w3i * di, t3i = w3r * di + w3i * dr;
  const s02r = ar + t2r, s02i = ai + t2i, d02r = ar - t2r, d02i = ai - t2i;
  const s13r = t1r + t3r, s13i = t1i + t3i, d13r = t1r - t3r, d13i = t1i - t3i;
  re[i0] = s02r + s13r; im[i0] = s02i + s13i;
  re[i2] = s02r - s13r; im[i2] = s02i - s13i;
  // ∓i·(t1 − t3): −i·(x + iy) = y − ix
  re[i1] = d02r + d13i; im[i1] = d02i - d13r;
  re[i3] = d02r - d13i; im[i3] = d02i + d13r;
}

/** Bluestein's algorithm: a length-n DFT as a circular convolution computed with power-of-two FFTs. */
class BluesteinFft implements ComplexFftPlan {
  readonly size: number;
  private readonly inner: PowerOfTwoFft;
  private readonly chirpRe: Float64Array;
  private readonly chirpIm: Float64Array;
  private readonly kernelRe: Float64Array;
  private readonly kernelIm: Float64Array;
  private readonly workRe: Float64Array;
  private readonly workIm: Float64Array;

  constructor(size: number) {
    this.size = size;
    let m = 1;
    while (m < 2 * size - 1) m <<= 1;
    this.inner = new PowerOfTwoFft(m);
    this.chirpRe = new Float64Array(size);
    this.chirpIm = new Float64Array(size);
    const twoN = 2 * size;
    for (let k = 0; k < size; k++) {
      // k² mod 2n keeps the angle small, so the chirp stays accurate for long transforms.
      const angle = (-Math.PI * ((k * k) % twoN)) / size;
      this.chirpRe[k] = Math.cos(angle);
      this.chirpIm[k] = Math.sin(angle);
    }
    this.kernelRe = new Float64Array(m);
    this.kernelIm = new Float64Array(m);
    for (let k = 0; k < size; k++) {
      this.kernelRe[k] = this.chirpRe[k]!;
      this.kernelIm[k] = -this.chirpIm[k]!;
      if (k > 0) {
        this.kernelRe[m - k] = this.chirpRe[k]!;
        this.kernelIm[m - k] = -this.chirpIm[k]!;
      }
    }
    this.inner.forward(this.kernelRe, this.kernelIm);
    this.workRe = new Float64Array(m);
    this.workIm = new Float64Array(m);
  }

  forward(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const m = this.inner.size;
    const wr = this.workRe, wi = this.workIm, cr = this.chirpRe, ci = this.chirpIm;
    for (let k = 0; k < n; k++) {
      const xr = re[k]!, xi = im[k]!;
      wr[k] = xr * cr[k]! - xi * ci[k]!;
      wi[k] = xr * ci[k]! + xi * cr[k]!;
    }
    wr.fill(0, n);
    wi.fill(0, n);
    this.inner.forward(wr, wi);
    // Multiply by the kernel spectrum and conjugate, so the next forward FFT is an inverse one.
    const kr = this.kernelRe, ki = this.kernelIm;
    for (let k = 0; k < m; k++) {
      const ar = wr[k]!, ai = wi[k]!;
      wr[k] = ar * kr[k]! - ai * ki[k]!;
      wi[k] = -(ar * ki[k]! + ai * kr[k]!);
    }
    this.inner.forward(wr, wi);
    const scale = 1 / m;
    for (let k = 0; k < n; k++) {
      const ar = wr[k]! * scale, ai = -wi[k]! * scale;
      re[k] = ar * cr[k]! - ai * ci[k]!;
      im[k] = ar * ci[k]! + ai * cr[k]!;
    }
  }
}

/**
 * Plans are kept in small least-recently-used caches: STFTs reuse one or two lengths, while the 'fft'
 * resampler and odd-length signals create a new length per call, which must not grow memory without bound.
 */
const MAX_CACHED_PLANS = 16;

function cachedPlan<P>(cache: Map<number, P>, n: number, create: (n: number) => P): P {
  let plan = cache.get(n);
  if (plan) {
    cache.delete(n);
  } else {
    plan = create(n);
    if (cache.size >= MAX_CACHED_PLANS) cache.delete(cache.keys().next().value as number);
  }
  cache.set(n, plan);
  return plan;
}

const complexPlans = new Map<number, ComplexFftPlan>();

/** The cached complex FFT plan for length `n` (radix-2 for powers of two, Bluestein otherwise). */
export function complexFftPlan(n: number): ComplexFftPlan {
  assertInteger('FFT length', n, 1);
  return cachedPlan(complexPlans, n, (size) => (isPowerOfTwo(size) ? new PowerOfTwoFft(size) : new BluesteinFft(size)));
}

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
  return plan instanceof EvenRealFft ? plan.powerOfTwoTables() : undefined;
}

/** Real FFT of even length through a half-length complex FFT. */
class EvenRealFft implements RealFftPlan {
  readonly size: number;
  readonly bins: number;
  private readonly half: ComplexFftPlan;
  private readonly zRe: Float64Array;
  private readonly zIm: Float64Array;
  private readonly twRe: Float64Array;
  private readonly twIm: Float64Array;

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

  /** The tables of this transform when its half is a power of two ≥ 4 (what the WebAssembly STFT needs). */
  powerOfTwoTables(): PowerOfTwoRealFftTables | undefined {
    const half = this.half;
    if (!(half instanceof PowerOfTwoFft) || half.size < 4) return undefined;
    return (this.tables ??= {
      m: half.size,
      log2IsOdd: half.log2IsOdd,
      bitReversed: half.bitReversed,
      twiddles: half.twiddleTable,
      splitRe: this.twRe,
      splitIm: this.twIm,
    });
  }

  /** {@link powerOfTwoTables}, made once (callers compare it by identity). */
  private tables: PowerOfTwoRealFftTables | undefined;

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
    const zr = this.zRe, zi = this.zIm;
    for (let j = 0; j < m; j++) {
      zr[j] = input[2 * j]!;
      zi[j] = input[2 * j + 1]!;
    }
    this.finish(outRe, outIm);
  }

  forwardWindowed(signal: Float64Array, offset: number, window: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
    this.transformWindowed(signal, offset, window);
    this.split(outRe, outIm);
  }

  /**
   * {@link forwardWindowed} fused with |X|²: writes the power spectrum (float32, as librosa's) at
   * `power[at …]` and, when given, the magnitude |X| at `magnitude[at …]`, without storing X. Each bin's
   * value is bit-identical to squaring the output of `forwardWindowed` (|X| = sqrt of the float64 |X|²).
   * Returns the largest magnitude
   * written (0 when `magnitude` is null).
   */
  forwardWindowedPower(
    signal: Float64Array,
    offset: number,
    window: Float64Array,
    power: Float32Array,
    magnitude: Float32Array | null,
    at: number,
  ): number {
    this.transformWindowed(signal, offset, window);
    const m = this.size >> 1;
    const zr = this.zRe, zi = this.zIm;
    const twr = this.twRe, twi = this.twIm;
    const dc = zr[0]! + zi[0]!, nyquist = zr[0]! - zi[0]!;
    power[at] = dc * dc;
    power[at + m] = nyquist * nyquist;
    if (magnitude !== null) {
      magnitude[at] = Math.abs(dc);
      magnitude[at + m] = Math.abs(nyquist);
    }
    // Bins k and m − k read the same two values of Z: compute both from one load.
    for (let k = 1, j = m - 1; k <= j; k++, j--) {
      const ar = zr[k]!, ai = zi[k]!;
      const br = zr[j]!, bi = zi[j]!;
      const er = 0.5 * (ar + br), ei = 0.5 * (ai - bi);
      const or = 0.5 * (ai + bi), oi = -0.5 * (ar - br);
      const c = twr[k]!, s = twi[k]!;
      const xr = er + c * or - s * oi, xi = ei + c * oi + s * or;
      const p = xr * xr + xi * xi;
      power[at + k] = p;
      if (magnitude !== null) magnitude[at + k] = Math.sqrt(p);
      if (j !== k) {
        // The same formula with A and B swapped: er, or unchanged, ei and oi negated (exactly).
        const cj = twr[j]!, sj = twi[j]!;
        const yr = er + cj * or + sj * oi, yi = -ei - cj * oi + sj * or;
        const q = yr * yr + yi * yi;
        power[at + j] = q;
        if (magnitude !== null) magnitude[at + j] = Math.sqrt(q);
      }
    }
    if (magnitude === null) return 0;
    let max = 0;
    for (let k = at, end = at + m + 1; k < end; k++) if (magnitude[k]! > max) max = magnitude[k]!;
    return max;
  }

  /** Packs the windowed frame into z and transforms it (the split is left to the caller). */
  private transformWindowed(signal: Float64Array, offset: number, window: Float64Array): void {
    const m = this.size >> 1;
    const zr = this.zRe, zi = this.zIm;
    const half = this.half;
    if (half instanceof PowerOfTwoFft && half.startsWithRadix4) {
      // Read the windowed samples in bit-reversed order and apply the first (twiddle-free) radix-4 pass
      // on the fly: one pass over z saved. Position p of z holds packed sample rev[p].
      const rev = half.bitReversed;
      for (let p = 0; p < m; p += 4) {
        const a = 2 * rev[p]!, c = 2 * rev[p + 1]!, b = 2 * rev[p + 2]!, d = 2 * rev[p + 3]!;
        const ar = signal[offset + a]! * window[a]!, ai = signal[offset + a + 1]! * window[a + 1]!;
        const cr = signal[offset + c]! * window[c]!, ci = signal[offset + c + 1]! * window[c + 1]!;
        const br = signal[offset + b]! * window[b]!, bi = signal[offset + b + 1]! * window[b + 1]!;
        const dr = signal[offset + d]! * window[d]!, di = signal[offset + d + 1]! * window[d + 1]!;
        const s02r = ar + cr, s02i = ai + ci, d02r = ar - cr, d02i = ai - ci;
        const s13r = br + dr, s13i = bi + di, d13r = br - dr, d13i = bi - di;
        zr[p] = s02r + s13r; zi[p] = s02i + s13i;
        zr[p + 2] = s02r - s13r; zi[p + 2] = s02i - s13i;
        zr[p + 1] = d02r + d13i; zi[p + 1] = d02i - d13r;
        zr[p + 3] = d02r - d13i; zi[p + 3] = d02i + d13r;
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
    const zr = this.zRe, zi = this.zIm;
    const twr = this.twRe, twi = this.twIm;
    // k = 0 and k = m use Z[0] only.
    outRe[0] = zr[0]! + zi[0]!;
    outIm[0] = 0;
    outRe[m] = zr[0]! - zi[0]!;
    outIm[m] = 0;
    for (let k = 1; k < m; k++) {
      const ar = zr[k]!, ai = zi[k]!;
      const br = zr[m - k]!, bi = zi[m - k]!;
      const er = 0.5 * (ar + br), ei = 0.5 * (ai - bi);
      const or = 0.5 * (ai + bi), oi = -0.5 * (ar - br);
      const c = twr[k]!, s = twi[k]!;
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

  forwardWindowed(signal: Float64Array, offset: number, window: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
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

/**
 * |X|² (and |X| when `magnitude` is given) of the windowed frame `signal[offset + i] · window[i]`, float32,
 * written at `power[at …]` / `magnitude[at …]` (`plan.bins` values each). Fused into the real-FFT split
 * for even lengths; other lengths go through `forwardWindowed` with the scratch arrays (`plan.bins` long).
 * Returns the frame's largest magnitude (0 when `magnitude` is null). Internal to the STFT pipelines.
 */
export function windowedPowerSpectrum(
  plan: RealFftPlan,
  signal: Float64Array,
  offset: number,
  window: Float64Array,
  power: Float32Array,
  magnitude: Float32Array | null,
  at: number,
  scratchRe: Float64Array,
  scratchIm: Float64Array,
): number {
  if (plan instanceof EvenRealFft) return plan.forwardWindowedPower(signal, offset, window, power, magnitude, at);
  plan.forwardWindowed(signal, offset, window, scratchRe, scratchIm);
  let max = 0;
  for (let f = 0; f < plan.bins; f++) {
    const p = scratchRe[f]! * scratchRe[f]! + scratchIm[f]! * scratchIm[f]!;
    power[at + f] = p;
    if (magnitude !== null) {
      magnitude[at + f] = Math.sqrt(p);
      if (magnitude[at + f]! > max) max = magnitude[at + f]!;
    }
  }
  return max;
}
