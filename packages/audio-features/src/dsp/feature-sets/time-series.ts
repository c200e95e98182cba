/**
 * What the time-series feature sets (logmel, mfcc-frames) share: a fixed number of frames `frames`, reached by
 * padding or wrapping a shorter recording (`padMode`, {@link FramePadMode}) and centre-cropping a longer one,
 * and an optional per-recording normalisation (`normalize`, {@link FrameNormalization}).
 */
import type { Matrix } from '../core/matrix.js';
import type { FeatureTensor } from './feature-set.js';
import { FRAME_NORMALIZATIONS, meanVarianceNormalizeFrames, type FrameNormalization } from './frame-normalization.js';
import { FRAME_PAD_MODES, padSignalToFrames, timeMajorFrames, wrapSignal, type FramePadMode } from './frame-padding.js';
import { nonDefaultChoice } from './validation.js';

/** The parameters of a time-series set's frames. */
export interface TimeSeriesFrames {
  /** Frames of the output. */
  frames: number;
  /** Per-recording normalisation of each column over the frames (absent: none). */
  normalize?: FrameNormalization;
  /** How a shorter recording fills `frames` (absent: `'constant'`, zero padding). */
  padMode?: FramePadMode;
}

/** The optional keys of a time-series configuration. */
export const TIME_SERIES_OPTIONAL_KEYS: readonly string[] = ['normalize', 'padMode'];

/** `normalize` and `padMode` of a clean time-series configuration, present only when not the default. */
export function timeSeriesOptions(
  config: Readonly<Record<string, unknown>>,
): Pick<TimeSeriesFrames, 'normalize' | 'padMode'> {
  return {
    ...nonDefaultChoice(config, 'normalize', FRAME_NORMALIZATIONS, 'none'),
    ...nonDefaultChoice(config, 'padMode', FRAME_PAD_MODES, 'constant'),
  };
}

/** The signal a time-series set computes its STFT frames from, for its pad mode. */
export function fitSignalToFrames(
  y: Float32Array | Float64Array,
  config: TimeSeriesFrames & { nFft: number; hopLength: number },
): Float32Array | Float64Array {
  return config.padMode === 'wrap' ? wrapSignal(y, config.nFft) : padSignalToFrames(y, config.frames, config.hopLength);
}

/** `m` ([feature][frame]) as the time-major tensor `[frames][m.rows]`, normalised when the set asks for it. */
export function timeSeriesTensor(m: Matrix, config: TimeSeriesFrames): FeatureTensor {
  const data = timeMajorFrames(m, config.frames, config.padMode);
  if (config.normalize === 'cmvn') meanVarianceNormalizeFrames(data, config.frames, m.rows);
  return { shape: [config.frames, m.rows], data };
}
