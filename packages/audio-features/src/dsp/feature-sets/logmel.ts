/** `logmel`: the time-major log-mel spectrogram `powerToDb(melSpectrogram(y), ref 1, topDb 80)`, `[frames][nMels]`. */
import { powerToDb } from '../core/power-to-db.js';
import { melSpectrogram } from '../features/mel.js';
import type { FeatureSetDefinition } from './feature-set.js';
import type { FrameNormalization } from './frame-normalization.js';
import type { FramePadMode } from './frame-padding.js';
import { fitSignalToFrames, TIME_SERIES_OPTIONAL_KEYS, timeSeriesOptions, timeSeriesTensor } from './time-series.js';
import { requireInteger, requireNumber } from './validation.js';

/** Time-major log-mel spectrogram of fixed length `[frames][nMels]`. */
export interface LogmelConfig {
  featureSet: 'logmel';
  sr: number;
  nFft: number;
  hopLength: number;
  nMels: number;
  fmin: number;
  fmax: number;
  frames: number;
  /** Per-recording normalisation of each band over the frames (absent: none). */
  normalize?: FrameNormalization;
  /** How a shorter recording fills `frames` (absent: `'constant'`, zero padding); see {@link FramePadMode}. */
  padMode?: FramePadMode;
}

/** The `logmel` feature set. */
export const logmel: FeatureSetDefinition<LogmelConfig> = {
  defaults: { featureSet: 'logmel', sr: 16000, nFft: 512, hopLength: 160, nMels: 64, fmin: 0, fmax: 8000, frames: 300 },
  optionalKeys: TIME_SERIES_OPTIONAL_KEYS,
  followOverrides: (merged, overrides) =>
    'sr' in overrides && !('fmax' in overrides) ? { fmax: (merged.sr as number) / 2 } : {},
  validate(c, { sr, nFft, hopLength, nMels }) {
    const fmin = requireNumber(c, 'fmin', (v) => v >= 0, 'a number ≥ 0');
    const fmax = requireNumber(c, 'fmax', (v) => v > fmin && v <= sr / 2, `a number in (fmin, sr/2 = ${sr / 2}]`);
    const frames = requireInteger(c, 'frames', 1);
    return { featureSet: 'logmel', sr, nFft, hopLength, nMels, fmin, fmax, frames, ...timeSeriesOptions(c) };
  },
  shape: (c) => [c.frames, c.nMels],
  compute(y, c, options) {
    const mel = melSpectrogram({
      y: fitSignalToFrames(y, c),
      sr: c.sr,
      nFft: c.nFft,
      hopLength: c.hopLength,
      nMels: c.nMels,
      fmin: c.fmin,
      fmax: c.fmax,
      onWarning: options.onWarning,
    });
    return timeSeriesTensor(powerToDb(mel, { ref: 1, amin: 1e-10, topDb: 80 }), c);
  },
};
