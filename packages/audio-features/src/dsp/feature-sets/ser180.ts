/** `ser180`: the 180-value utterance vector of {@link serFeatureVector} (mean MFCC | mean chroma | mean mel). */
import { serFeatureVector, serFeatureVectorLength } from '../features/ser-feature-vector.js';
import type { FeatureSetDefinition } from './feature-set.js';
import { invalidConfig, requireMfccCount } from './validation.js';

/** The 180-value utterance vector (mean MFCC | mean chroma | mean mel), shape `[nMfcc + 12 + nMels]`. */
export interface Ser180Config {
  featureSet: 'ser180';
  sr: number;
  nFft: number;
  hopLength: number;
  nMels: number;
  nMfcc: number;
}

/** The `ser180` feature set. */
export const ser180: FeatureSetDefinition<Ser180Config> = {
  defaults: { featureSet: 'ser180', sr: 22050, nFft: 2048, hopLength: 512, nMels: 128, nMfcc: 40 },
  validate(c, { sr, nFft, hopLength, nMels }) {
    const nMfcc = requireMfccCount(c, nMels);
    if (nFft < 2) throw invalidConfig(`'nFft' must be ≥ 2 for chroma, got ${nFft}`);
    return { featureSet: 'ser180', sr, nFft, hopLength, nMels, nMfcc };
  },
  shape: (c) => [serFeatureVectorLength(c)],
  compute(y, c, options) {
    const data = serFeatureVector(y, { ...c, onWarning: options.onWarning });
    return { shape: [data.length], data };
  },
};
