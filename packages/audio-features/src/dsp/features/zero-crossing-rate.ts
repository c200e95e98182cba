/** Zero-crossing rate per frame, as librosa 0.11's `feature.zero_crossing_rate` (centred frames, edge padding). */
import { assertInteger, assertValidSignal } from '../../errors.js';

/** Options of {@link zeroCrossingRate} (librosa names). */
export interface ZeroCrossingRateOptions {
  /** Frame length in samples (default 2048). */
  frameLength?: number;
  /** Samples between frames (default 512). */
  hopLength?: number;
  /** Centre frame t on sample t·hopLength, padding the signal by frameLength/2 with its edge values (default true). */
  center?: boolean;
}

/**
 * The fraction of sign changes between consecutive samples in each frame. A sample counts as a
 * crossing when its sign bit differs from the previous one's (zero counts as positive), as librosa's
 * `zero_crossings(pad=False)` with threshold 0 does; the first sample of each frame is never a crossing.
 */
export function zeroCrossingRate(y: Float32Array | Float64Array, options: ZeroCrossingRateOptions = {}): Float32Array {
  const frameLength = options.frameLength ?? 2048;
  const hopLength = options.hopLength ?? 512;
  assertInteger('frameLength', frameLength, 1);
  assertInteger('hopLength', hopLength, 1);
  assertValidSignal(y);
  const center = options.center ?? true;
  const pad = center ? Math.floor(frameLength / 2) : 0;
  const n = y.length + 2 * pad;
  const at = (i: number): number => {
    const j = i - pad;
    return y[j < 0 ? 0 : j >= y.length ? y.length - 1 : j]!;
  };
  const nFrames = n < frameLength ? 0 : 1 + Math.floor((n - frameLength) / hopLength);
  const out = new Float32Array(nFrames);
  // crossingsBefore[i] = crossings at positions 1 … i − 1 of the padded signal (a crossing at i: the sign
  // differs from position i − 1's), so a frame's count is one subtraction, exact, whatever the overlap.
  const crossingsBefore = new Int32Array(n + 1);
  let previousNegative = n > 0 && at(0) < 0;
  for (let i = 1; i < n; i++) {
    const negative = at(i) < 0;
    crossingsBefore[i + 1] = crossingsBefore[i]! + (negative !== previousNegative ? 1 : 0);
    previousNegative = negative;
  }
  for (let t = 0; t < nFrames; t++) {
    const start = t * hopLength;
    // positions start + 1 … start + frameLength − 1 (the frame's first sample is never a crossing)
    out[t] = (crossingsBefore[start + frameLength]! - crossingsBefore[start + 1]!) / frameLength;
  }
  return out;
}
