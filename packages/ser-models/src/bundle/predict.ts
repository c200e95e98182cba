import * as tf from '@tensorflow/tfjs-core';
import { computeFeatures, resample, toMono } from '@ser/audio-features';
import { ModelError } from '../errors.js';
import { applyStandardization } from '../training/standardization.js';
import {
  calibratedFeatures,
  checkCalibrationFits,
  type SpeakerCalibration,
} from '../calibration/speaker-calibration.js';
import type { BundleMetadata, ModelBundle } from './bundle-types.js';

/** One label and its probability. */
export interface LabelProbability {
  label: string;
  probability: number;
}

/** The result of {@link predict}. */
export interface Prediction {
  /** Probabilities in the bundle's label order. */
  probabilities: Float32Array;
  /** Labels sorted by decreasing probability. */
  ranking: LabelProbability[];
  /** The most probable label. */
  label: string;
}

/** One clip for {@link predictBatch}. */
export interface Clip {
  /** Mono samples, or one array per channel (mixed down by averaging). */
  samples: Float32Array | Float32Array[];
  sampleRate: number;
}

/** Options of {@link predict}, {@link predictBatch} and {@link bundleInput}. */
export interface PredictOptions {
  /**
   * The speaker's calibration, for a speaker-calibrated bundle (metadata `calibration`): its band means are
   * subtracted from the features before the standardisation. Required by such a bundle, refused by any other.
   */
  calibration?: SpeakerCalibration | undefined;
}

/**
 * The model input for a clip, exactly as the bundle was trained: mono mix, resampling to the
 * bundle's `featureConfig.sr`, `computeFeatures`, minus the speaker's band means for a calibrated bundle
 * (`options.calibration`, see `calibratedFeatures`), standardisation.
 * @throws {@link ModelError} `INVALID_DATA` for empty, digitally silent or too short audio (fewer than
 *   `nFft` samples at the bundle's rate), a bad sample rate, or features that are not finite;
 *   `INCOMPATIBLE_CALIBRATION` for a calibrated bundle without a calibration or the reverse.
 */
export function bundleInput(
  metadata: BundleMetadata,
  samples: Float32Array | Float32Array[],
  sampleRate: number,
  options: PredictOptions = {},
): Float32Array {
  checkCalibrationFits(metadata, options.calibration);
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) {
    throw new ModelError('INVALID_DATA', `predict: sampleRate must be a positive number of Hz, got ${sampleRate}`);
  }
  const channels = Array.isArray(samples) ? samples : [samples];
  if (channels.length === 0 || channels.some((c) => !(c instanceof Float32Array))) {
    throw new ModelError(
      'INVALID_DATA',
      'predict: samples must be a Float32Array or an array of Float32Array channels',
    );
  }
  const mono = channels.length === 1 ? channels[0]! : toMono(channels);
  if (mono.length === 0) throw new ModelError('INVALID_DATA', 'predict: the audio is empty (0 samples)');
  let peak = 0;
  for (let i = 0; i < mono.length; i++) peak = Math.max(peak, Math.abs(mono[i]!));
  if (peak === 0)
    throw new ModelError(
      'INVALID_DATA',
      `predict: the audio is digital silence (${mono.length} zero samples); there is no emotion to classify`,
    );
  const config = metadata.featureConfig;
  const y = sampleRate === config.sr ? mono : resample(mono, sampleRate, config.sr);
  if (y.length < config.nFft) {
    throw new ModelError(
      'INVALID_DATA',
      `predict: the audio is too short: ${y.length} samples at ${config.sr} Hz, the features need at least nFft = ${config.nFft} (${(config.nFft / config.sr).toFixed(3)} s)`,
    );
  }
  const features = computeFeatures(y, config);
  for (let i = 0; i < features.data.length; i++) {
    if (!Number.isFinite(features.data[i])) {
      throw new ModelError(
        'INVALID_DATA',
        `predict: ${config.featureSet} features of this audio are not finite (value ${i} is ${features.data[i]}); is it silent?`,
      );
    }
  }
  const calibrated = options.calibration
    ? calibratedFeatures(features.data, options.calibration.bandMeans)
    : features.data;
  return applyStandardization(calibrated, metadata.standardization);
}

function toPrediction(labels: string[], probabilities: Float32Array): Prediction {
  const ranking = labels
    .map((label, i) => ({ label, probability: probabilities[i]! })) // one per label
    .sort((a, b) => b.probability - a.probability);
  return { probabilities, ranking, label: ranking[0]!.label };
}

/**
 * Emotion probabilities of one clip with a bundle, in one call: mono mix → resample to the bundle's
 * rate → the bundle's exact feature configuration → (a calibrated bundle: minus the speaker's calibration,
 * `options.calibration`) → its standardisation → the model.
 *
 * @example
 * ```ts
 * const { label, ranking } = predict(bundle, samples, 48000);
 * ```
 */
export function predict(
  bundle: ModelBundle,
  samples: Float32Array | Float32Array[],
  sampleRate: number,
  options: PredictOptions = {},
): Prediction {
  return predictBatch(bundle, [{ samples, sampleRate }], options)[0]!; // one prediction per input
}

/** {@link predict} for several clips; the model runs once on the whole batch. */
export function predictBatch(bundle: ModelBundle, clips: Clip[], options: PredictOptions = {}): Prediction[] {
  if (clips.length === 0) return [];
  const { metadata, model } = bundle;
  const inputs = clips.map((clip) => bundleInput(metadata, clip.samples, clip.sampleRate, options));
  const size = inputs[0]!.length;
  const x = new Float32Array(size * inputs.length);
  inputs.forEach((input, i) => x.set(input, i * size));
  const k = metadata.labels.length;
  const probabilities = new Float32Array(inputs.length * k);
  tf.tidy(() => {
    probabilities.set((model.predict(tf.tensor(x, [inputs.length, ...metadata.inputShape])) as tf.Tensor).dataSync());
  });
  return clips.map((_, i) => toPrediction(metadata.labels, probabilities.slice(i * k, (i + 1) * k)));
}
