/**
 * What a feature set is: its configuration's defaults, its validation, its output shape and its computation.
 * Each set is one {@link FeatureSetDefinition} in its own file, listed once in `registry.ts`; `feature-sets.ts`
 * turns the registry into the public `featureConfig` / `validateFeatureConfig` / `featureShape` /
 * `computeFeatures`.
 */
import type { WarningOptions } from '../../warnings.js';

/** Features of one utterance: a shape (C order) and its values. */
export interface FeatureTensor {
  shape: number[];
  data: Float32Array;
}

/** The parameters every feature set has, checked before the set's own ones. */
export interface CommonFeatureParameters {
  /** Sample rate of the input, Hz (> 0). */
  sr: number;
  /** FFT length (integer ≥ 1). */
  nFft: number;
  /** Hop between frames, samples (integer ≥ 1). */
  hopLength: number;
  /** Mel bands (integer ≥ 1). */
  nMels: number;
}

/** One feature set. `C` is its configuration, whose `featureSet` is the set's name. */
export interface FeatureSetDefinition<C extends CommonFeatureParameters & { featureSet: string }> {
  /** The complete default configuration: its keys are the set's required parameters. */
  readonly defaults: C;
  /** Parameters the configuration may also hold (absent: none). */
  readonly optionalKeys?: readonly string[];
  /**
   * Defaults that follow the caller's overrides (e.g. logmel's `fmax` = sr/2 when `sr` is overridden and `fmax`
   * is not), applied by `featureConfig` over the merged configuration.
   */
  followOverrides?(
    merged: Readonly<Record<string, unknown>>,
    overrides: Readonly<Record<string, unknown>>,
  ): Record<string, unknown>;
  /**
   * Checks the set's own parameters of `config` (known keys only, none missing; the common ones are `common`,
   * already checked) and returns a clean copy. Throws INVALID_ARGUMENT (see `validation.ts`).
   */
  validate(config: Readonly<Record<string, unknown>>, common: CommonFeatureParameters): C;
  /** The shape of {@link FeatureSetDefinition.compute}'s output for a valid configuration. */
  shape(config: C): number[];
  /** The features of `y` (mono, at `config.sr`, already checked to be a valid signal) for a valid configuration. */
  compute(y: Float32Array | Float64Array, config: C, options: WarningOptions): FeatureTensor;
}
