/** `mfcc-frames`: time-major MFCCs of fixed length `[frames][nMfcc]`. */
import { mfcc } from '../features/mfcc.js';
import type { FeatureSetDefinition } from './feature-set.js';
import type { FrameNormalization } from './frame-normalization.js';
import type { FramePadMode } from './frame-padding.js';
import { fitSignalToFrames, TIME_SERIES_OPTIONAL_KEYS, timeSeriesOptions, timeSeriesTensor } from './time-series.js';
import { requireInteger, requireMfccCount } from './validation.js';

/** Time-major MFCCs of fixed length `[frames][nMfcc]`. */
export interface MfccFramesConfig {
  featureSet: 'mfcc-frames';
  sr: number;
  nFft: number;
  hopLength: number;
  nMels: number;
  nMfcc: number;
  frames: number;
  /** Per-recording normalisation of each coefficient over the frames (absent: none). */
  normalize?: FrameNormalization;
  /** How a shorter recording fills `frames` (absent: `'constant'`, zero padding); see {@link FramePadMode}. */
  padMode?: FramePadMode;
}

/** The `mfcc-frames` feature set. */
export const mfccFrames: FeatureSetDefinition<MfccFramesConfig> = {
  defaults: { featureSet: 'mfcc-frames', sr: 16000, nFft: 512, hopLength: 160, nMels: 64, nMfcc: 40, frames: 300 },
  optionalKeys: TIME_SERIES_OPTIONAL_KEYS,
  validate(c, { sr, nFft, hopLength, nMels }) {
    const nMfcc = requireMfccCount(c, nMels);
    const frames = requireInteger(c, 'frames', 1);
    return { featureSet: 'mfcc-frames', sr, nFft, hopLength, nMels, nMfcc, frames, ...timeSeriesOptions(c) };
  },
  shape: (c) => [c.frames, c.nMfcc],
  compute(y, c, options) {
    const m = mfcc({
      y: fitSignalToFrames(y, c),
      sr: c.sr,
      nFft: c.nFft,
      hopLength: c.hopLength,
      nMels: c.nMels,
      nMfcc: c.nMfcc,
      onWarning: options.onWarning,
    });
    return timeSeriesTensor(m, c);
  },
};
