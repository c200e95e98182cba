/**
 * The feature configuration type of @ser/audio-features (contract), mirrored here until that package exports it.
 * TODO: replace with `export type { FeatureConfig } from '@ser/audio-features'`.
 */
export type FeatureConfig =
  | { featureSet: 'ser180'; sr: number; nFft: number; hopLength: number; nMels: number; nMfcc: number }
  | {
      featureSet: 'logmel';
      sr: number;
      nFft: number;
      hopLength: number;
      nMels: number;
      fmin: number;
      fmax: number;
      frames: number;
    }
  | { featureSet: 'mfcc-frames'; sr: number; nFft: number; hopLength: number; nMels: number; nMfcc: number; frames: number };
