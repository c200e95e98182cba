import { featureConfig as defaultFeatureConfig, validateFeatureConfig } from '@ser/audio-features';
import { DatasetError } from '../errors.js';
import type { FeatureConfig } from '../corpus/feature-config.js';

/** Names of the feature sets (`ser180`, `logmel`, `mfcc-frames`). */
export type FeatureSetName = FeatureConfig['featureSet'];

/** How a caller names the features to extract. */
export interface FeatureSelection {
  /** A named feature set with its defaults (`ser180`: the 180-value vector at 22050 Hz). */
  featureSet?: FeatureSetName;
  /** A full or partial configuration; missing parameters take the feature set's defaults. */
  featureConfig?: Partial<FeatureConfig> & { featureSet?: FeatureSetName };
  /** Sample rate override (Hz), applied on top of the feature set's default. */
  sr?: number;
}

/**
 * Resolves a {@link FeatureSelection} into a complete, validated feature configuration, through
 * @ser/audio-features' `featureConfig` and `validateFeatureConfig` (the one place feature sets are defined).
 *
 * @throws DatasetError INVALID_ARGUMENT when neither or conflicting feature sets are named, or a parameter is
 *   invalid (the message of @ser/audio-features names it)
 */
export function resolveFeatureConfig(selection: FeatureSelection): FeatureConfig {
  const name = selection.featureConfig?.featureSet ?? selection.featureSet;
  if (!name)
    throw new DatasetError(
      'INVALID_ARGUMENT',
      'name a featureSet (ser180, logmel, mfcc-frames) or pass a featureConfig',
    );
  if (
    selection.featureSet &&
    selection.featureConfig?.featureSet &&
    selection.featureSet !== selection.featureConfig.featureSet
  ) {
    throw new DatasetError(
      'INVALID_ARGUMENT',
      `featureSet "${selection.featureSet}" conflicts with featureConfig.featureSet "${selection.featureConfig.featureSet}"`,
    );
  }
  try {
    const overrides: Record<string, unknown> = { ...selection.featureConfig };
    delete overrides.featureSet;
    if (selection.sr !== undefined) overrides.sr = selection.sr;
    const config = defaultFeatureConfig(name, overrides as never);
    return validateFeatureConfig(config);
  } catch (cause) {
    if (cause instanceof DatasetError) throw cause;
    throw new DatasetError('INVALID_ARGUMENT', (cause as Error).message, { cause });
  }
}
