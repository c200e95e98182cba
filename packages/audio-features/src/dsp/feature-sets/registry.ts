/**
 * Every feature set, once. To add one: write its {@link FeatureSetDefinition} in a file of its own (its
 * configuration type, defaults, validation, shape and computation), then add its configuration to
 * {@link FeatureConfig} and its definition to {@link FEATURE_SET_REGISTRY} below (the compiler refuses one
 * without the other); `featureConfig`, `validateFeatureConfig`, `featureShape`, `computeFeatures` and
 * `FEATURE_SETS` follow. Export the configuration type from the package index too.
 */
import type { FeatureSetDefinition } from './feature-set.js';
import { logmel, type LogmelConfig } from './logmel.js';
import { mfccFrames, type MfccFramesConfig } from './mfcc-frames.js';
import { ser180, type Ser180Config } from './ser180.js';
import { stats, type StatsConfig } from './stats.js';

/** A complete, named feature configuration. */
export type FeatureConfig = Ser180Config | LogmelConfig | MfccFramesConfig | StatsConfig;

/** Names of the feature sets. */
export type FeatureSetName = FeatureConfig['featureSet'];

/** The configuration type of feature set `S`. */
export type FeatureConfigOf<S extends FeatureSetName> = Extract<FeatureConfig, { featureSet: S }>;

/** The definition of each feature set, by name, in the order `FEATURE_SETS` lists them. */
export const FEATURE_SET_REGISTRY: { readonly [S in FeatureSetName]: FeatureSetDefinition<FeatureConfigOf<S>> } = {
  ser180,
  logmel,
  'mfcc-frames': mfccFrames,
  stats,
};
