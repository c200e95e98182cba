/**
 * Named feature configurations — the ONE place a configuration becomes numbers. Corpus extraction
 * (@ser/datasets) and prediction (@ser/models) both call {@link computeFeatures}, in Node and in browsers,
 * so a model always sees features computed exactly as in training.
 *
 * - `ser180`: the 180-value vector of {@link serFeatureVector} (shape `[nMfcc + 12 + nMels]`).
 * - `logmel`: time-major log-mel `[frames][nMels]`: `powerToDb(melSpectrogram(y), ref 1, topDb 80)`.
 * - `mfcc-frames`: time-major MFCCs `[frames][nMfcc]`.
 * - `stats`: utterance statistics of {@link utteranceStatistics} — functionals of MFCCs, deltas, energy,
 *   spectral shape and pitch (shape `[5·(2·nMfcc + 5) + 6]`, 231 by default).
 *
 * Per-recording normalisation for the time-series sets: `normalize: 'cmvn'` (optional, default none) gives each
 * column mean 0 and standard deviation 1 over the `frames` frames ({@link meanVarianceNormalizeFrames}).
 *
 * Fixed length for the time-series sets: a signal giving fewer than `frames` STFT frames is, by default
 * (`padMode: 'constant'`), zero-padded AT THE END of the signal (padded frames hold the features of silence: for
 * logmel the topDb floor, never an arbitrary 0 dB); with `padMode: 'wrap'` its own frames are repeated cyclically
 * instead ({@link timeMajorFrames}), so that short chunks and whole clips have the same statistics. One giving
 * more is centre-cropped (frames `floor((T − frames) / 2)` onwards). The dB floor (max − 80) is taken over the
 * whole utterance before cropping.
 */
import { AudioFeaturesError, assertValidSignal } from '../../errors.js';
import { FRAME_NORMALIZATIONS, meanVarianceNormalizeFrames, type FrameNormalization } from './frame-normalization.js';
import { FRAME_PAD_MODES, padSignalToFrames, timeMajorFrames, wrapSignal, type FramePadMode } from './frame-padding.js';
import { mfcc } from '../features/mfcc.js';
import { melSpectrogram } from '../features/mel.js';
import { powerToDb } from '../core/power-to-db.js';
import { serFeatureVector, serFeatureVectorLength } from '../features/ser-feature-vector.js';
import type { WarningOptions } from '../../warnings.js';
import { utteranceStatistics, utteranceStatisticsLength } from '../features/utterance-statistics.js';

/** The 180-value utterance vector (mean MFCC | mean chroma | mean mel). */
export interface Ser180Config {
  featureSet: 'ser180';
  sr: number;
  nFft: number;
  hopLength: number;
  nMels: number;
  nMfcc: number;
}

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

/** Utterance statistics (functionals of frame descriptors and pitch), `[5·(2·nMfcc + 5) + 6]`. */
export interface StatsConfig {
  featureSet: 'stats';
  sr: number;
  nFft: number;
  hopLength: number;
  nMels: number;
  nMfcc: number;
  /** Lowest pitch searched, Hz. */
  f0Min: number;
  /** Highest pitch searched, Hz (< sr/2). */
  f0Max: number;
}

/** A complete, named feature configuration. */
export type FeatureConfig = Ser180Config | LogmelConfig | MfccFramesConfig | StatsConfig;

/** Names of the feature sets. */
export type FeatureSetName = FeatureConfig['featureSet'];

/** The configuration type of feature set `S`. */
export type FeatureConfigOf<S extends FeatureSetName> = Extract<FeatureConfig, { featureSet: S }>;

/** Features of one utterance: a shape (C order) and its values. */
export interface FeatureTensor {
  shape: number[];
  data: Float32Array;
}

const DEFAULTS: { [S in FeatureSetName]: FeatureConfigOf<S> } = {
  ser180: { featureSet: 'ser180', sr: 22050, nFft: 2048, hopLength: 512, nMels: 128, nMfcc: 40 },
  logmel: { featureSet: 'logmel', sr: 16000, nFft: 512, hopLength: 160, nMels: 64, fmin: 0, fmax: 8000, frames: 300 },
  'mfcc-frames': { featureSet: 'mfcc-frames', sr: 16000, nFft: 512, hopLength: 160, nMels: 64, nMfcc: 40, frames: 300 },
  stats: { featureSet: 'stats', sr: 16000, nFft: 512, hopLength: 160, nMels: 64, nMfcc: 20, f0Min: 60, f0Max: 500 },
};

/** Every feature set name. */
export const FEATURE_SETS: readonly FeatureSetName[] = Object.keys(DEFAULTS) as FeatureSetName[];

function invalid(message: string): AudioFeaturesError {
  return new AudioFeaturesError('INVALID_ARGUMENT', `invalid feature configuration: ${message}`);
}

/**
 * The configuration of `featureSet` with its defaults, overridden by `overrides`, validated.
 * Defaults — ser180: sr 22050, nFft 2048, hopLength 512, nMels 128, nMfcc 40; logmel: sr 16000, nFft 512,
 * hopLength 160, nMels 64, fmin 0, fmax 8000, frames 300; mfcc-frames: sr 16000, nFft 512, hopLength 160,
 * nMels 64, nMfcc 40, frames 300; stats: sr 16000, nFft 512, hopLength 160, nMels 64, nMfcc 20, f0Min 60,
 * f0Max 500. When `sr` is overridden for logmel and `fmax` is not, fmax becomes sr/2. logmel and mfcc-frames
 * also take `normalize` ('none' or 'cmvn') and `padMode` ('constant' or 'wrap'); the returned configuration
 * holds them only when they differ from the defaults ('cmvn', 'wrap').
 *
 * @example
 * featureConfig('logmel', { frames: 200 }); // { featureSet: 'logmel', sr: 16000, …, frames: 200 }
 */
export function featureConfig<S extends FeatureSetName>(
  featureSet: S,
  overrides: Partial<Omit<FeatureConfigOf<S>, 'featureSet'>> = {},
): FeatureConfigOf<S> {
  const defaults = DEFAULTS[featureSet] as FeatureConfigOf<S> | undefined;
  if (!defaults) {
    throw invalid(`unknown featureSet '${String(featureSet)}': expected one of ${FEATURE_SETS.join(', ')}`);
  }
  const merged: Record<string, unknown> = { ...defaults, ...overrides, featureSet };
  if (featureSet === 'logmel' && overrides && 'sr' in overrides && !('fmax' in overrides)) {
    merged.fmax = (merged.sr as number) / 2;
  }
  return validateFeatureConfig(merged) as FeatureConfigOf<S>;
}

function requireInteger(config: Record<string, unknown>, key: string, min: number): number {
  const v = config[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw invalid(`'${key}' must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function requireNumber(config: Record<string, unknown>, key: string, test: (v: number) => boolean, expected: string): number {
  const v = config[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || !test(v)) {
    throw invalid(`'${key}' must be ${expected}, got ${JSON.stringify(v)}`);
  }
  return v;
}

/**
 * The time-series sets' optional `key` (`normalize`, `padMode`) of a clean configuration: checked against
 * `choices`, and present only when it is not `fallback` (the default), so equal configurations compare equal.
 */
function nonDefaultChoice<K extends string, V extends string>(
  c: Record<string, unknown>,
  key: K,
  choices: readonly V[],
  fallback: V,
): Partial<Record<K, V>> {
  const value = c[key] ?? fallback;
  if (!choices.includes(value as V)) {
    throw invalid(`'${key}' must be one of ${choices.join(', ')}, got ${JSON.stringify(c[key])}`);
  }
  return value === fallback ? {} : ({ [key]: value } as Partial<Record<K, V>>);
}

/** `normalize` and `padMode` of a clean time-series configuration (see {@link nonDefaultChoice}). */
function frameOptions(c: Record<string, unknown>): { normalize?: FrameNormalization; padMode?: FramePadMode } {
  return { ...nonDefaultChoice(c, 'normalize', FRAME_NORMALIZATIONS, 'none'), ...nonDefaultChoice(c, 'padMode', FRAME_PAD_MODES, 'constant') };
}

/**
 * Checks that `config` is a complete configuration this library computes, and returns a clean copy.
 * Throws INVALID_ARGUMENT naming the unknown feature set, an unknown or missing parameter, or a value out
 * of range (e.g. nMfcc > nMels, fmax > sr/2, hopLength 0).
 */
export function validateFeatureConfig(config: unknown): FeatureConfig {
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    throw invalid(`expected an object with a featureSet, got ${JSON.stringify(config)}`);
  }
  const c = config as Record<string, unknown>;
  const name = c.featureSet;
  if (typeof name !== 'string' || !(name in DEFAULTS)) {
    throw invalid(`unknown featureSet ${JSON.stringify(name)}: expected one of ${FEATURE_SETS.join(', ')}`);
  }
  const expectedKeys = Object.keys(DEFAULTS[name as FeatureSetName]);
  const optionalKeys = name === 'logmel' || name === 'mfcc-frames' ? ['normalize', 'padMode'] : [];
  for (const key of Object.keys(c)) {
    if (!expectedKeys.includes(key) && !optionalKeys.includes(key)) {
      throw invalid(`unknown parameter '${key}' for featureSet '${name}' (expected ${[...expectedKeys, ...optionalKeys].join(', ')})`);
    }
  }
  for (const key of expectedKeys) {
    if (c[key] === undefined) throw invalid(`missing parameter '${key}' for featureSet '${name}'`);
  }
  const sr = requireNumber(c, 'sr', (v) => v > 0, 'a number > 0');
  const nFft = requireInteger(c, 'nFft', 1);
  const hopLength = requireInteger(c, 'hopLength', 1);
  const nMels = requireInteger(c, 'nMels', 1);
  switch (name as FeatureSetName) {
    case 'ser180': {
      const nMfcc = requireInteger(c, 'nMfcc', 1);
      if (nMfcc > nMels) throw invalid(`'nMfcc' (${nMfcc}) must be ≤ nMels (${nMels})`);
      if (nFft < 2) throw invalid(`'nFft' must be ≥ 2 for chroma, got ${nFft}`);
      return { featureSet: 'ser180', sr, nFft, hopLength, nMels, nMfcc };
    }
    case 'logmel': {
      const fmin = requireNumber(c, 'fmin', (v) => v >= 0, 'a number ≥ 0');
      const fmax = requireNumber(c, 'fmax', (v) => v > fmin && v <= sr / 2, `a number in (fmin, sr/2 = ${sr / 2}]`);
      const frames = requireInteger(c, 'frames', 1);
      return { featureSet: 'logmel', sr, nFft, hopLength, nMels, fmin, fmax, frames, ...frameOptions(c) };
    }
    case 'mfcc-frames': {
      const nMfcc = requireInteger(c, 'nMfcc', 1);
      if (nMfcc > nMels) throw invalid(`'nMfcc' (${nMfcc}) must be ≤ nMels (${nMels})`);
      const frames = requireInteger(c, 'frames', 1);
      return { featureSet: 'mfcc-frames', sr, nFft, hopLength, nMels, nMfcc, frames, ...frameOptions(c) };
    }
    case 'stats': {
      const nMfcc = requireInteger(c, 'nMfcc', 1);
      if (nMfcc > nMels) throw invalid(`'nMfcc' (${nMfcc}) must be ≤ nMels (${nMels})`);
      if (nFft < 2) throw invalid(`'nFft' must be ≥ 2, got ${nFft}`);
      const f0Min = requireNumber(c, 'f0Min', (v) => v > 0, 'a number > 0');
      const f0Max = requireNumber(c, 'f0Max', (v) => v > f0Min && v < sr / 2, `a number in (f0Min, sr/2 = ${sr / 2})`);
      return { featureSet: 'stats', sr, nFft, hopLength, nMels, nMfcc, f0Min, f0Max };
    }
  }
}

/**
 * The shape of {@link computeFeatures}' output: `[nMfcc + 12 + nMels]`, `[frames, nMels]`, `[frames, nMfcc]`
 * or `[5·(2·nMfcc + 5) + 6]`.
 */
export function featureShape(config: FeatureConfig): number[] {
  const c = validateFeatureConfig(config);
  switch (c.featureSet) {
    case 'ser180':
      return [serFeatureVectorLength(c)];
    case 'logmel':
      return [c.frames, c.nMels];
    case 'mfcc-frames':
      return [c.frames, c.nMfcc];
    case 'stats':
      return [utteranceStatisticsLength(c)];
  }
}

/** The signal a time-series set computes its STFT frames from, for its pad mode. */
function fitSignal(
  y: Float32Array | Float64Array,
  frames: number,
  nFft: number,
  hopLength: number,
  padMode: FramePadMode = 'constant',
): Float32Array | Float64Array {
  return padMode === 'wrap' ? wrapSignal(y, nFft) : padSignalToFrames(y, frames, hopLength);
}

/**
 * Computes the features of `y` (mono, already at `config.sr`) for a feature configuration.
 *
 * @example
 * const { shape, data } = computeFeatures(samples, featureConfig('logmel')); // shape [300, 64]
 */
export function computeFeatures(
  y: Float32Array | Float64Array,
  config: FeatureConfig,
  options: WarningOptions = {},
): FeatureTensor {
  const c = validateFeatureConfig(config);
  assertValidSignal(y); // before any padding, so an empty signal is reported as such
  switch (c.featureSet) {
    case 'ser180': {
      const data = serFeatureVector(y, { ...c, onWarning: options.onWarning });
      return { shape: [data.length], data };
    }
    case 'logmel': {
      const padded = fitSignal(y, c.frames, c.nFft, c.hopLength, c.padMode);
      const mel = melSpectrogram({
        y: padded,
        sr: c.sr,
        nFft: c.nFft,
        hopLength: c.hopLength,
        nMels: c.nMels,
        fmin: c.fmin,
        fmax: c.fmax,
        onWarning: options.onWarning,
      });
      const db = powerToDb(mel, { ref: 1, amin: 1e-10, topDb: 80 });
      const data = timeMajorFrames(db, c.frames, c.padMode);
      if (c.normalize === 'cmvn') meanVarianceNormalizeFrames(data, c.frames, c.nMels);
      return { shape: [c.frames, c.nMels], data };
    }
    case 'mfcc-frames': {
      const padded = fitSignal(y, c.frames, c.nFft, c.hopLength, c.padMode);
      const m = mfcc({
        y: padded,
        sr: c.sr,
        nFft: c.nFft,
        hopLength: c.hopLength,
        nMels: c.nMels,
        nMfcc: c.nMfcc,
        onWarning: options.onWarning,
      });
      const data = timeMajorFrames(m, c.frames, c.padMode);
      if (c.normalize === 'cmvn') meanVarianceNormalizeFrames(data, c.frames, c.nMfcc);
      return { shape: [c.frames, c.nMfcc], data };
    }
    case 'stats': {
      const { featureSet: _name, ...parameters } = c;
      const data = utteranceStatistics(y, parameters);
      return { shape: [data.length], data };
    }
  }
}
