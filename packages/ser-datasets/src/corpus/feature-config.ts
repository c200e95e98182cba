/** The feature configuration of a corpus: @ser/audio-features' `FeatureConfig` (the one definition). */
export type { FeatureConfig } from '@ser/audio-features';
