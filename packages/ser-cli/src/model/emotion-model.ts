/**
 * The CLI's view of a model bundle: its labels and sample rate, and a function from a mono signal (at that
 * rate) to class probabilities. Implemented on @ser/models; recordings are analysed with its `createRecognizer`.
 */
import type { FeatureConfig } from '@ser/audio-features';
import type { ModelBundle } from '@ser/models';
import type { LabelSetLike } from '../analysis/label-mapping.js';

/** A loaded speech-emotion model. */
export interface EmotionModel {
  /** The bundle folder. */
  dir: string;
  /** Class names, in output order. */
  labels: string[];
  /** Sample rate the model's features expect, Hz. */
  sampleRate: number;
  /** Name of the feature set (`ser180`, `logmel`, …). */
  featureSet: string;
  /** The exact feature configuration the model was trained on (@ser/audio-features `FeatureConfig`). */
  featureConfig: FeatureConfig;
  /** The label set the model was trained with (maps corpus emotions onto `labels`), when the bundle records it. */
  labelSet?: LabelSetLike;
  /** Held-out validation speakers recorded in the bundle, when it records them. */
  validationSpeakers?: string[];
  /** Speakers the model was trained on, when the bundle records them. */
  trainSpeakers?: string[];
  /** The loaded bundle (for @ser/models' `createRecognizer`, the recording pipeline). */
  bundle: ModelBundle;
  /**
   * Class probabilities of `rows` feature rows computed with {@link featureConfig} (back to back in `x`,
   * not yet standardised), row-major `rows × labels.length`.
   */
  predictFeatureRows(x: Float32Array, rows: number): Promise<Float32Array>;
  /** Frees the model's tensors. */
  dispose(): void;
}
