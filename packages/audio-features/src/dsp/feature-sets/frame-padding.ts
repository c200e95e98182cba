/**
 * How a time-series feature set reaches its fixed number of frames (`frames`) when a recording is shorter:
 *
 * - `'constant'` (the default): the signal is zero-padded at the end, so the missing frames hold the features
 *   of silence (for log-mel the topDb floor).
 * - `'wrap'`: the frames of the recording are repeated cyclically (numpy's `pad(mode='wrap')` along time) until
 *   there are `frames` of them. Statistics over the frames (per-recording normalisation, pooling) then describe
 *   the recording itself, whatever its length, instead of a mixture of speech and padding: a 2-s chunk looks to
 *   a model like a 3-s clip of the same speech.
 *
 * Longer recordings are centre-cropped in both modes.
 */
import type { Matrix } from '../core/matrix.js';

/** How the frames of a shorter recording are filled up to `frames`. */
export type FramePadMode = 'constant' | 'wrap';

/** The names {@link FramePadMode} accepts. */
export const FRAME_PAD_MODES: readonly FramePadMode[] = ['constant', 'wrap'];

/**
 * `y` zero-padded at the end so that a centred STFT of hop `hopLength` yields at least `frames` frames
 * (`'constant'` mode); `y` itself when it already does.
 */
export function padSignalToFrames(
  y: Float32Array | Float64Array,
  frames: number,
  hopLength: number,
): Float32Array | Float64Array {
  const needed = (frames - 1) * hopLength;
  if (y.length >= needed) return y;
  const out = new Float32Array(needed);
  out.set(y);
  return out;
}

/**
 * `y` repeated cyclically up to at least `minLength` samples (`'wrap'` mode, for recordings shorter than one
 * FFT window, which a centred STFT cannot reflect-pad); `y` itself when it is long enough.
 */
export function wrapSignal(y: Float32Array | Float64Array, minLength: number): Float32Array | Float64Array {
  if (y.length >= minLength) return y;
  const out = new Float32Array(minLength);
  for (let i = 0; i < minLength; i++) out[i] = y[i % y.length]!;
  return out;
}

/**
 * Transposes `m` ([feature][frame]) into time-major `[frames][feature]`: the `frames` centred frames when `m`
 * has more, otherwise all of them followed by zeros (`'constant'`; the signal was padded before) or by the
 * frames repeated from the first (`'wrap'`).
 *
 * @example
 * timeMajorFrames(logmelMatrix, 300, 'wrap'); // Float32Array(300 * nMels), rows t and t + T equal for T frames
 */
export function timeMajorFrames(m: Matrix, frames: number, padMode: FramePadMode = 'constant'): Float32Array {
  const start = Math.max(0, Math.floor((m.cols - frames) / 2));
  const out = new Float32Array(frames * m.rows);
  const available = Math.min(frames, m.cols - start);
  const filled = padMode === 'wrap' ? frames : available;
  for (let t = 0; t < filled; t++) {
    const source = start + (t % available);
    for (let r = 0; r < m.rows; r++) out[t * m.rows + r] = m.data[r * m.cols + source]!;
  }
  return out;
}
