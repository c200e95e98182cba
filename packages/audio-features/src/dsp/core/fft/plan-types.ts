/**
 * The FFT plan interfaces: what a transform of a fixed length offers, whatever its algorithm.
 * Forward transforms use the e^{−2πi·nk/N} sign convention (as numpy/scipy), without scaling.
 */

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
