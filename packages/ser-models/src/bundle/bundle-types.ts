import type * as tfl from '@tensorflow/tfjs-layers';
import type { FeatureConfig } from '@ser/audio-features';
import type { Hyperparameters } from '../architectures/common.js';
import type { Standardization } from '../training/standardization.js';

/** Name of the bundle's own metadata file, beside model.json and weights.bin. */
export const BUNDLE_METADATA = 'ser-model.json';
/** Current version of the ser-model.json format. */
export const BUNDLE_FORMAT_VERSION = 1;

/** What a bundle's model was trained on. */
export interface TrainingDescription {
  /** Corpora used, e.g. `['ravdess', 'tess']`. */
  corpora: string[];
  /** Speakers held out for validation (speaker-independent evaluation), e.g. `['ravdess:17', …]`. */
  validationSpeakers?: string[];
  /** Speakers the model was trained on: scores on their recordings say nothing about new speakers. */
  trainSpeakers?: string[];
  numTrainExamples?: number;
  numValidationExamples?: number;
  epochs?: number;
  seed?: number;
  /** Anything else worth recording (label set, class weights, …). */
  [key: string]: unknown;
}

/**
 * How a speaker-calibrated model expects its input: log-mel minus the speaker's calibration offset
 * (`enrollmentBandMeans` of their calm speech, frames within `speechRangeDb` of the loudest), every frame and band.
 * A bundle with this field needs a calibration to predict; one without it takes none.
 */
export interface BundleCalibration {
  kind: 'speakerBandMeans';
  /** The speech-frame range of the offset, in dB below a recording's loudest frame (the training's value). */
  speechRangeDb: number;
}

/** The contents of `ser-model.json`. */
export interface BundleMetadata {
  format: 'ser-model';
  formatVersion: number;
  /** Class names; index = model output index. */
  labels: string[];
  /** The exact feature configuration the model was trained on (`@ser/audio-features`). */
  featureConfig: FeatureConfig;
  /** Shape of one model input, e.g. `[180, 1]`. */
  inputShape: number[];
  /** Per-feature statistics applied to features before the model. */
  standardization: Standardization;
  /** Architecture name and hyperparameters, when known. */
  architecture?: string;
  hyperparameters?: Hyperparameters;
  training?: TrainingDescription;
  /** Present when the model needs a speaker calibration (see {@link BundleCalibration}). */
  calibration?: BundleCalibration;
  /** Evaluation figures, e.g. `{ accuracy, macroF1, report }`. */
  metrics?: Record<string, unknown>;
  /** Versions of the software that made the bundle. */
  versions: Record<string, string>;
  createdAt: string;
}

/** A loaded model with everything needed to use it on raw audio. */
export interface ModelBundle {
  model: tfl.LayersModel;
  metadata: BundleMetadata;
}

/** What {@link createBundleMetadata} needs; versions, dates and format fields are filled in. */
export type BundleMetadataInput = Omit<
  BundleMetadata,
  'format' | 'formatVersion' | 'versions' | 'createdAt' | 'inputShape'
> &
  Partial<Pick<BundleMetadata, 'versions' | 'createdAt' | 'inputShape'>>;
