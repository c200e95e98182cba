import * as tfl from '@tensorflow/tfjs-layers';
import {
  checkOptions,
  compileClassifier,
  resolveHyperparameters,
  SeedSequence,
  type ArchitectureOptions,
  type Hyperparameters,
} from './common.js';

/** Default hyperparameters of {@link mlp}. */
export const MLP_DEFAULTS = {
  units_0: 256,
  units_1: 128,
  dropout_1: 0.3,
  dropout_2: 0.3,
  learning_rate: 1e-3,
} satisfies Hyperparameters;

/**
 * A strong small baseline on a feature vector (e.g. the 180-value SER vector; inputs of higher
 * rank are flattened first): Dense(units_0) → BN → ReLU → Dropout(dropout_1) → Dense(units_1) →
 * BN → ReLU → Dropout(dropout_2) → Dense(numClasses, softmax).
 */
export function mlp(options: ArchitectureOptions): tfl.LayersModel {
  checkOptions('mlp', options);
  const h = resolveHyperparameters('mlp', MLP_DEFAULTS, options.hyperparameters);
  const seeds = new SeedSequence(options.seed);
  const model = tfl.sequential({ name: 'mlp' });
  model.add(tfl.layers.inputLayer({ inputShape: options.inputShape }));
  if (options.inputShape.length > 1) model.add(tfl.layers.flatten());
  for (const [units, rate] of [
    [h.units_0, h.dropout_1],
    [h.units_1, h.dropout_2],
  ] as const) {
    model.add(tfl.layers.dense({ units, kernelInitializer: seeds.glorot() }));
    model.add(tfl.layers.batchNormalization());
    model.add(tfl.layers.activation({ activation: 'relu' }));
    model.add(tfl.layers.dropout({ rate }));
  }
  model.add(tfl.layers.dense({ units: options.numClasses, activation: 'softmax', kernelInitializer: seeds.glorot() }));
  return compileClassifier(model, h.learning_rate);
}
