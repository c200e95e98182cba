/**
 * The anti-aliasing filter of polyphase resampling, designed exactly like SciPy's
 * `resample_poly` default: `firwin(2 * halfLength + 1, 1 / maxRate, window=('kaiser', 5.0))`.
 */

/** Modified Bessel function of the first kind, order 0, by its power series (converges fast for |x| ≤ 30). */
export function besselI0(x: number): number {
  const quarterSquare = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Symmetric Kaiser window of `length` points (SciPy `get_window(('kaiser', beta), length, fftbins=False)`). */
export function kaiserWindow(length: number, beta: number): Float64Array {
  const window = new Float64Array(length);
  if (length === 1) {
    window[0] = 1;
    return window;
  }
  const alpha = (length - 1) / 2;
  const denominator = besselI0(beta);
  for (let n = 0; n < length; n++) {
    const r = (n - alpha) / alpha;
    window[n] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / denominator;
  }
  return window;
}

/** Normalised sinc, sin(πx)/(πx), with sinc(0) = 1 (NumPy's `sinc`). */
export function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/**
 * Windowed-sinc low-pass FIR filter with unit DC gain, like SciPy's
 * `firwin(numTaps, cutoff, window=('kaiser', beta))` (cutoff relative to Nyquist, scale=True).
 */
export function kaiserLowpassFilter(numTaps: number, cutoff: number, beta = 5.0): Float64Array {
  const window = kaiserWindow(numTaps, beta);
  const centre = (numTaps - 1) / 2;
  const taps = new Float64Array(numTaps);
  let sum = 0;
  for (let n = 0; n < numTaps; n++) {
    taps[n] = cutoff * sinc(cutoff * (n - centre)) * window[n]!;
    sum += taps[n]!;
  }
  for (let n = 0; n < numTaps; n++) taps[n]! /= sum;
  return taps;
}
