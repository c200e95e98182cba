import * as tfl from '@tensorflow/tfjs-layers';
import { ModelError } from '../errors.js';
import {
  checkOptions,
  compileClassifier,
  resolveHyperparameters,
  SeedSequence,
  type ArchitectureOptions,
  type Hyperparameters,
} from './common.js';
import { AttentionStdPooling, registerSerLayers } from './layers/index.js';

/** Default hyperparameters of {@link attentionCnn}: the default-model recipe (≈ 228 k weights on 64 bands). */
export const ATTENTION_CNN_DEFAULTS = {
  units_0: 64,
  units_1: 128,
  units_2: 128,
  units_3: 128,
  kernel_size: 5,
  dropout_1: 0.3,
  learning_rate: 2e-3,
} satisfies Hyperparameters;

/**
 * A frame-sequence CNN over time-major features `[frames, bands]` (e.g. a per-recording normalised log-mel
 * `[300, 64]`): 4 × [Conv1D over time (units_0 … units_3 filters, kernel_size taps, 'same') → BatchNorm → ReLU →
 * MaxPool 2] → {@link AttentionStdPooling} (attention-weighted mean and standard deviation over time) →
 * Dropout(dropout_1) → Dense(numClasses, softmax). The default-model recipe of @ser/models.
 *
 * Length-independent: `inputShape[0]` may be any number of frames ≥ 16 (four poolings of 2), and a trained model
 * accepts other lengths too when built with `inputShape: [null, bands]` semantics by the caller. Batch norm uses
 * momentum 0.9 and ε 1e-5.
 *
 * @example
 * ```ts
 * const model = attentionCnn({ inputShape: [300, 64], numClasses: 7, seed: 1 });
 * ```
 */
export function attentionCnn(options: ArchitectureOptions): tfl.LayersModel {
  checkOptions('attentionCnn', options, 2);
  registerSerLayers();
  const h = resolveHyperparameters('attentionCnn', ATTENTION_CNN_DEFAULTS, options.hyperparameters);
  checkAttentionCnnShape('attentionCnn', h.kernel_size, options.inputShape[0]!);
  const seeds = new SeedSequence(options.seed);
  const model = tfl.sequential({ name: 'attention_cnn' });
  model.add(tfl.layers.inputLayer({ inputShape: options.inputShape }));
  for (const layer of attentionCnnBody(h, options.numClasses, seeds)) model.add(layer);
  return compileClassifier(model, h.learning_rate);
}

/** Refuses a kernel size that is not a positive integer and fewer frames than attentionCnn's 4 poolings of 2 need. */
export function checkAttentionCnnShape(name: string, taps: number, frames: number): void {
  if (!Number.isInteger(taps) || taps < 1)
    throw new ModelError('INVALID_ARGUMENT', `${name}: kernel_size must be a positive integer, got ${taps}`);
  if (frames < 16) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `${name}: ${frames} frames is too short for its 4 poolings of 2 (need ≥ 16)`,
    );
  }
}

/**
 * attentionCnn's layers after its input, in order: 4 × [Conv1D → BatchNorm → ReLU → MaxPool 2] →
 * AttentionStdPooling → Dropout → Dense softmax, initialised from `seeds` (shared with calibratedAttentionCnn).
 */
export function attentionCnnBody(
  h: Record<keyof typeof ATTENTION_CNN_DEFAULTS, number>,
  numClasses: number,
  seeds: SeedSequence,
): tfl.layers.Layer[] {
  const layers: tfl.layers.Layer[] = [];
  for (const filters of [h.units_0, h.units_1, h.units_2, h.units_3]) {
    layers.push(
      tfl.layers.conv1d({ filters, kernelSize: h.kernel_size, padding: 'same', kernelInitializer: seeds.glorot() }),
    );
    layers.push(tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }));
    layers.push(tfl.layers.activation({ activation: 'relu' }));
    layers.push(tfl.layers.maxPooling1d({ poolSize: 2 }));
  }
  layers.push(new AttentionStdPooling({ seed: seeds.take() }));
  layers.push(tfl.layers.dropout({ rate: h.dropout_1 }));
  layers.push(tfl.layers.dense({ units: numClasses, activation: 'softmax', kernelInitializer: seeds.glorot() }));
  return layers;
}
