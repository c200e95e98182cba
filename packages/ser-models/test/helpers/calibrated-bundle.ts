/**
 * A small speaker-calibrated bundle (an untrained calibratedAttentionCnn on the calibrated default model's exact
 * feature configuration) for tests of the calibration plumbing that do not need a trained model.
 */
import { featureConfig } from '@ser/audio-features';
import { EKMAN7_LABELS } from '@ser/core';
import { calibratedAttentionCnn } from '../../src/architectures/calibrated-attention-cnn.js';
import { createBundleMetadata } from '../../src/bundle/bundle-files.js';
import type { ModelBundle } from '../../src/bundle/bundle-types.js';

/** The calibrated default model's features: un-normalised log-mel, 300 frames, wrap padding. */
export const CALIBRATED_FEATURES = featureConfig('logmel', { frames: 300, padMode: 'wrap' });

export const EKMAN7 = [...EKMAN7_LABELS];

/** An untrained calibrated bundle (seeded, so every call gives the same weights). */
export function smallCalibratedBundle(seed = 1): ModelBundle {
  const small = { units_0: 4, units_1: 4, units_2: 4, units_3: 4 };
  const model = calibratedAttentionCnn({ inputShape: [300, 64], numClasses: 7, hyperparameters: small, seed });
  const standardization = { mean: new Array<number>(64).fill(0), std: new Array<number>(64).fill(10), period: 64 };
  const metadata = createBundleMetadata(model, {
    labels: EKMAN7,
    featureConfig: CALIBRATED_FEATURES,
    standardization,
    calibration: { kind: 'speakerBandMeans', speechRangeDb: 35 },
  });
  return { model, metadata };
}
