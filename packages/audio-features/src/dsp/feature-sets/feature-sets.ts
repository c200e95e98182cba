/**
 * Named feature configurations — the ONE place a configuration becomes numbers. Corpus extraction
 * (@ser/datasets) and prediction (@ser/models) both call {@link computeFeatures}, in Node and in browsers,
 * so a model always sees features computed exactly as in training.
 *
 * The sets are defined one per file and listed in `registry.ts`:
 * - `ser180` (`ser180.ts`): the 180-value vector of `serFeatureVector` (shape `[nMfcc + 12 + nMels]`).
 * - `logmel` (`logmel.ts`): time-major log-mel `[frames][nMels]`: `powerToDb(melSpectrogram(y), ref 1, topDb 80)`.
 * - `mfcc-frames` (`mfcc-frames.ts`): time-major MFCCs `[frames][nMfcc]`.
 * - `stats` (`stats.ts`): utterance statistics of `utteranceStatistics` — functionals of MFCCs, deltas, energy,
 *   spectral shape and pitch (shape `[5·(2·nMfcc + 5) + 6]`, 231 by default).
 *
 * Per-recording normalisation for the time-series sets: `normalize: 'cmvn'` (optional, default none) gives each
 * column mean 0 and standard deviation 1 over the `frames` frames (`meanVarianceNormalizeFrames`).
 *
 * Fixed length for the time-series sets: a signal giving fewer than `frames` STFT frames is, by default
 * (`padMode: 'constant'`), zero-padded AT THE END of the signal (padded frames hold the features of silence: for
 * logmel the topDb floor, never an arbitrary 0 dB); with `padMode: 'wrap'` its own frames are repeated cyclically
 * instead (`timeMajorFrames`, `time-series.ts`), so that short chunks and whole clips have the same statistics. One giving
 * more is centre-cropped (frames `floor((T − frames) / 2)` onwards). The dB floor (max − 80) is taken over the
 * whole utterance before cropping.
 */
import { assertValidSignal } from '../../errors.js';
import type { WarningOptions } from '../../warnings.js';
import type { FeatureSetDefinition, FeatureTensor } from './feature-set.js';
import { FEATURE_SET_REGISTRY, type FeatureConfig, type FeatureConfigOf, type FeatureSetName } from './registry.js';
import { invalidConfig, requireInteger, requireNumber } from './validation.js';

export type { FeatureTensor } from './feature-set.js';
export type { LogmelConfig } from './logmel.js';
export type { MfccFramesConfig } from './mfcc-frames.js';
export type { FeatureConfig, FeatureConfigOf, FeatureSetName } from './registry.js';
export type { Ser180Config } from './ser180.js';
export type { StatsConfig } from './stats.js';

/** Every feature set name. */
export const FEATURE_SETS: readonly FeatureSetName[] = Object.keys(FEATURE_SET_REGISTRY) as FeatureSetName[];

/** The definition of a set by name (any string), as one type for the generic code below. */
function definitionOf(name: string): FeatureSetDefinition<FeatureConfig> | undefined {
  return Object.hasOwn(FEATURE_SET_REGISTRY, name) ? FEATURE_SET_REGISTRY[name as FeatureSetName] : undefined;
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
 * @param featureSet - the set's name (one of {@link FEATURE_SETS})
 * @param overrides - parameters that replace the defaults
 * @returns the validated configuration
 * @throws AudioFeaturesError INVALID_ARGUMENT for an unknown set or an invalid parameter
 * @example
 * featureConfig('logmel', { frames: 200 }); // { featureSet: 'logmel', sr: 16000, …, frames: 200 }
 */
export function featureConfig<S extends FeatureSetName>(
  featureSet: S,
  overrides: Partial<Omit<FeatureConfigOf<S>, 'featureSet'>> = {},
): FeatureConfigOf<S> {
  const definition = definitionOf(featureSet);
  if (!definition) {
    throw invalidConfig(`unknown featureSet '${String(featureSet)}': expected one of ${FEATURE_SETS.join(', ')}`);
  }
  const merged: Record<string, unknown> = { ...definition.defaults, ...overrides, featureSet };
  // (`overrides` may be null from JavaScript: treated as none.)
  Object.assign(merged, definition.followOverrides?.(merged, overrides ?? {}));
  return validateFeatureConfig(merged) as FeatureConfigOf<S>;
}

/**
 * Checks that `config` is a complete configuration this library computes, and returns a clean copy.
 * Throws INVALID_ARGUMENT naming the unknown feature set, an unknown or missing parameter, or a value out
 * of range (e.g. nMfcc > nMels, fmax > sr/2, hopLength 0).
 *
 * @param config - a configuration, e.g. read from a model's JSON
 * @returns the configuration with only its known parameters (optional ones only when not the default)
 * @throws AudioFeaturesError INVALID_ARGUMENT as above
 * @example
 * validateFeatureConfig(JSON.parse(text)); // FeatureConfig, or a clear error
 */
export function validateFeatureConfig(config: unknown): FeatureConfig {
  return validated(config).config;
}

/** {@link validateFeatureConfig}, with the configuration's definition. */
function validated(config: unknown): { config: FeatureConfig; definition: FeatureSetDefinition<FeatureConfig> } {
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    throw invalidConfig(`expected an object with a featureSet, got ${JSON.stringify(config)}`);
  }
  const c = config as Record<string, unknown>;
  const name = c.featureSet;
  const definition = typeof name === 'string' ? definitionOf(name) : undefined;
  if (!definition) {
    throw invalidConfig(`unknown featureSet ${JSON.stringify(name)}: expected one of ${FEATURE_SETS.join(', ')}`);
  }
  const expectedKeys = Object.keys(definition.defaults);
  const optionalKeys = definition.optionalKeys ?? [];
  for (const key of Object.keys(c)) {
    if (!expectedKeys.includes(key) && !optionalKeys.includes(key)) {
      throw invalidConfig(
        `unknown parameter '${key}' for featureSet '${String(name)}' (expected ${[...expectedKeys, ...optionalKeys].join(', ')})`,
      );
    }
  }
  for (const key of expectedKeys) {
    if (c[key] === undefined) throw invalidConfig(`missing parameter '${key}' for featureSet '${String(name)}'`);
  }
  const common = {
    sr: requireNumber(c, 'sr', (v) => v > 0, 'a number > 0'),
    nFft: requireInteger(c, 'nFft', 1),
    hopLength: requireInteger(c, 'hopLength', 1),
    nMels: requireInteger(c, 'nMels', 1),
  };
  return { config: definition.validate(c, common), definition };
}

/**
 * The shape of {@link computeFeatures}' output: `[nMfcc + 12 + nMels]`, `[frames, nMels]`, `[frames, nMfcc]`
 * or `[5·(2·nMfcc + 5) + 6]`.
 *
 * @param config - a feature configuration (validated first)
 * @returns the output shape, C order
 * @throws AudioFeaturesError INVALID_ARGUMENT for an invalid configuration
 * @example
 * featureShape(featureConfig('logmel')); // [300, 64]
 */
export function featureShape(config: FeatureConfig): number[] {
  const { config: c, definition } = validated(config);
  return definition.shape(c);
}

/**
 * Computes the features of `y` (mono, already at `config.sr`) for a feature configuration.
 *
 * @param y - the signal
 * @param config - a feature configuration (validated first)
 * @param options - `onWarning` receives librosa's warnings (e.g. an empty mel band)
 * @returns the features and their shape ({@link featureShape})
 * @throws AudioFeaturesError INVALID_ARGUMENT for an invalid configuration or signal (empty, non-finite)
 * @example
 * const { shape, data } = computeFeatures(samples, featureConfig('logmel')); // shape [300, 64]
 */
export function computeFeatures(
  y: Float32Array | Float64Array,
  config: FeatureConfig,
  options: WarningOptions = {},
): FeatureTensor {
  const { config: c, definition } = validated(config);
  assertValidSignal(y); // before any padding, so an empty signal is reported as such
  return definition.compute(y, c, options);
}
