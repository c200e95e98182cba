/**
 * `stats`: the utterance statistics of {@link utteranceStatistics} — functionals of MFCCs, deltas, energy,
 * spectral shape and pitch, shape `[5·(2·nMfcc + 5) + 6]` (231 by default).
 */
import { utteranceStatistics, utteranceStatisticsLength } from '../features/utterance-statistics.js';
import type { FeatureSetDefinition } from './feature-set.js';
import { invalidConfig, requireMfccCount, requireNumber } from './validation.js';

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

/** The `stats` feature set. */
export const stats: FeatureSetDefinition<StatsConfig> = {
  defaults: { featureSet: 'stats', sr: 16000, nFft: 512, hopLength: 160, nMels: 64, nMfcc: 20, f0Min: 60, f0Max: 500 },
  validate(c, { sr, nFft, hopLength, nMels }) {
    const nMfcc = requireMfccCount(c, nMels);
    if (nFft < 2) throw invalidConfig(`'nFft' must be ≥ 2, got ${nFft}`);
    const f0Min = requireNumber(c, 'f0Min', (v) => v > 0, 'a number > 0');
    const f0Max = requireNumber(c, 'f0Max', (v) => v > f0Min && v < sr / 2, `a number in (f0Min, sr/2 = ${sr / 2})`);
    return { featureSet: 'stats', sr, nFft, hopLength, nMels, nMfcc, f0Min, f0Max };
  },
  shape: (c) => [utteranceStatisticsLength(c)],
  compute(y, c) {
    const { featureSet: _name, ...parameters } = c;
    const data = utteranceStatistics(y, parameters);
    return { shape: [data.length], data };
  },
};
