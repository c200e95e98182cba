/**
 * The STFT's inner step: the power spectrum |X|² (and optionally |X|) of one windowed frame, float32 as
 * librosa's. For even lengths the squaring is fused into the real FFT's split step, so X is never stored;
 * each value is bit-identical to squaring the output of `forwardWindowed` (|X| = sqrt of the float64 |X|²).
 * The WebAssembly kernel (`wasm/stft-power.wat`) repeats these operations exactly.
 */
import type { RealFftPlan } from './plan-types.js';
import { EvenRealFft } from './real-fft.js';

/** One frame of {@link windowedPowerSpectrum}: where its samples come from and where its spectra go. */
export interface WindowedPowerSpectrumOptions {
  /** The signal; the frame is `signal[offset + i] · window[i]` for i < `plan.size`. */
  signal: Float64Array;
  /** Index of the frame's first sample in `signal`. */
  offset: number;
  /** The analysis window, `plan.size` values. */
  window: Float64Array;
  /** Receives |X|² at `power[at …]` (`plan.bins` values). */
  power: Float32Array;
  /** Receives |X| at `magnitude[at …]` when given; absent: the power only. */
  magnitude?: Float32Array | undefined;
  /** Index of the frame's first bin in `power` (and `magnitude`). */
  at: number;
}

/**
 * Writes |X|² (and |X| when `magnitude` is given) of the windowed frame described by `frame`, for a plan of
 * any length. Internal to the STFT pipelines.
 *
 * @param plan - the real FFT of the frame's length
 * @param frame - the signal, window and outputs (see {@link WindowedPowerSpectrumOptions})
 * @returns the frame's largest magnitude (0 when `magnitude` is absent)
 * @example
 * const max = windowedPowerSpectrum(realFftPlan(512), { signal, offset: t * hop, window, power, at: t * 257 });
 */
export function windowedPowerSpectrum(plan: RealFftPlan, frame: WindowedPowerSpectrumOptions): number {
  if (plan instanceof EvenRealFft) return fusedPowerSpectrum(plan, frame);
  const { signal, offset, window, power, at } = frame;
  const magnitude = frame.magnitude ?? null;
  const { re, im } = scratchOf(plan);
  plan.forwardWindowed(signal, offset, window, re, im);
  let max = 0;
  for (let f = 0; f < plan.bins; f++) {
    const p = re[f]! * re[f]! + im[f]! * im[f]!;
    power[at + f] = p;
    if (magnitude !== null) {
      magnitude[at + f] = Math.sqrt(p);
      if (magnitude[at + f]! > max) max = magnitude[at + f]!;
    }
  }
  return max;
}

/** The spectrum of plans without the fused path (odd lengths), `plan.bins` values each, one pair per plan. */
const scratch = new WeakMap<RealFftPlan, { re: Float64Array; im: Float64Array }>();

function scratchOf(plan: RealFftPlan): { re: Float64Array; im: Float64Array } {
  let buffers = scratch.get(plan);
  if (!buffers) {
    buffers = { re: new Float64Array(plan.bins), im: new Float64Array(plan.bins) };
    scratch.set(plan, buffers);
  }
  return buffers;
}

/**
 * `forwardWindowed` of an even-length plan fused with |X|²: Z = FFT(z), then each bin's power (and
 * magnitude when `frame.magnitude` is given) straight from the split formula. Returns the largest
 * magnitude written (0 without `magnitude`).
 */
function fusedPowerSpectrum(plan: EvenRealFft, frame: WindowedPowerSpectrumOptions): number {
  const { signal, offset, window, power, at } = frame;
  const magnitude = frame.magnitude ?? null;
  plan.transformWindowed(signal, offset, window);
  const m = plan.size >> 1;
  const zr = plan.zRe,
    zi = plan.zIm;
  const twr = plan.twRe,
    twi = plan.twIm;
  const dc = zr[0]! + zi[0]!,
    nyquist = zr[0]! - zi[0]!;
  power[at] = dc * dc;
  power[at + m] = nyquist * nyquist;
  if (magnitude !== null) {
    magnitude[at] = Math.abs(dc);
    magnitude[at + m] = Math.abs(nyquist);
  }
  // Bins k and m − k read the same two values of Z: compute both from one load.
  for (let k = 1, j = m - 1; k <= j; k++, j--) {
    const ar = zr[k]!,
      ai = zi[k]!;
    const br = zr[j]!,
      bi = zi[j]!;
    const er = 0.5 * (ar + br),
      ei = 0.5 * (ai - bi);
    const or = 0.5 * (ai + bi),
      oi = -0.5 * (ar - br);
    const c = twr[k]!,
      s = twi[k]!;
    const xr = er + c * or - s * oi,
      xi = ei + c * oi + s * or;
    const p = xr * xr + xi * xi;
    power[at + k] = p;
    if (magnitude !== null) magnitude[at + k] = Math.sqrt(p);
    if (j !== k) {
      // The same formula with A and B swapped: er, or unchanged, ei and oi negated (exactly).
      const cj = twr[j]!,
        sj = twi[j]!;
      const yr = er + cj * or + sj * oi,
        yi = -ei - cj * oi + sj * or;
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
