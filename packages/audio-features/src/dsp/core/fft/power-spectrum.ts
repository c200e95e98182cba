/**
 * The STFT's inner step: the power spectrum |X|² (and optionally |X|) of one windowed frame, float32 as
 * librosa's. For even lengths the squaring is fused into the real FFT's split step, so X is never stored;
 * each value is bit-identical to squaring the output of `forwardWindowed` (|X| = sqrt of the float64 |X|²).
 * The WebAssembly kernel (`wasm/stft-power.wat`) repeats these operations exactly.
 */
import type { RealFftPlan } from './plan-types.js';
import { EvenRealFft } from './real-fft.js';

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
  if (plan instanceof EvenRealFft) return fusedPowerSpectrum(plan, signal, offset, window, power, magnitude, at);
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

/**
 * `forwardWindowed` of an even-length plan fused with |X|²: Z = FFT(z), then each bin's power (and
 * magnitude when `magnitude` is not null) straight from the split formula. Returns the largest magnitude
 * written (0 when `magnitude` is null).
 */
function fusedPowerSpectrum(
  plan: EvenRealFft,
  signal: Float64Array,
  offset: number,
  window: Float64Array,
  power: Float32Array,
  magnitude: Float32Array | null,
  at: number,
): number {
  plan.transformWindowed(signal, offset, window);
  const m = plan.size >> 1;
  const zr = plan.zRe, zi = plan.zIm;
  const twr = plan.twRe, twi = plan.twIm;
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
