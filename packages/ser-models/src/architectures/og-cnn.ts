import * as tfl from '@tensorflow/tfjs-layers';
import { ModelError } from '../errors.js';
import {
  checkOptions,
  compileClassifier,
  pooledLength,
  resolveHyperparameters,
  SeedSequence,
  type ArchitectureOptions,
  type Hyperparameters,
} from './common.js';

/** Default hyperparameters of {@link ogCnn} (the original project's model). */
export const OG_CNN_DEFAULTS = {
  units_0: 256,
  units_1: 256,
  units_2: 128,
  units_3: 128,
  units_4: 128,
  units_5: 64,
  units_6: 64,
  units_7: 32,
  units_8: 16,
  dropout_1: 0.25,
  dropout_2: 0.25,
  dropout_3: 0.25,
  dropout_4: 0.25,
  dropout_5: 0.25,
  learning_rate: 1e-3,
} satisfies Hyperparameters;

/**
 * The original project's 1-D CNN over the 180-value SER vector read as a (180, 1) sequence:
 *
 * Conv1D(units_0, 8) → BN → ReLU → MaxPool 2 → Dropout(dropout_1);
 * Conv1D(units_1, 8) → BN → ReLU → MaxPool 2 → Dropout(dropout_2);
 * Conv1D(units_2, 8) → ReLU; Conv1D(units_3, 8) → ReLU; Conv1D(units_4, 8) → BN → ReLU →
 * MaxPool 4 → Dropout(dropout_3) → MaxPool 4 → Dropout(dropout_4);
 * Conv1D(units_5, 8) → ReLU → Dropout(dropout_5) → Conv1D(units_6, 8) → ReLU;
 * Flatten → Dense(units_7, ReLU) → Dense(units_8, ReLU) → Dense(numClasses, softmax).
 *
 * Changes needed to make the original valid, documented here: every convolution uses padding
 * 'same' (with 'valid' and kernel 8 the sequence would shrink below the kernel size), and the
 * sequence length is 180 → 90 → 45 → 11 → 2 through the four poolings (floor division, Keras'
 * 'valid' pooling), so the last two convolutions see 2 positions and Flatten gives 2 × units_6.
 * Inputs must therefore have at least 64 positions (4 poolings of 2·2·4·4); shorter ones are refused.
 *
 * @param options - `inputShape` `[length, channels]` (e.g. `[180, 1]`), `numClasses`, hyperparameters, seed.
 * @returns a compiled model (Adam(learning_rate), categorical cross-entropy, accuracy).
 */
export function ogCnn(options: ArchitectureOptions): tfl.LayersModel {
  checkOptions('ogCnn', options, 2);
  const h = resolveHyperparameters('ogCnn', OG_CNN_DEFAULTS, options.hyperparameters);
  const length = options.inputShape[0]!; // checkOptions: rank 2
  const finalLength = pooledLength(pooledLength(pooledLength(pooledLength(length, 2), 2), 4), 4);
  if (finalLength < 1) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `ogCnn: input length ${length} is too short for its 2·2·4·4 poolings (need ≥ 64)`,
    );
  }
  const seeds = new SeedSequence(options.seed);
  const conv = (filters: number, activation: 'relu' | 'linear') =>
    tfl.layers.conv1d({
      filters,
      kernelSize: 8,
      padding: 'same',
      activation,
      kernelInitializer: seeds.glorot(),
    });
  const dropout = (rate: number) => tfl.layers.dropout({ rate });
  const model = tfl.sequential({ name: 'og_cnn' });
  model.add(tfl.layers.inputLayer({ inputShape: options.inputShape }));
  model.add(conv(h.units_0, 'linear'));
  model.add(tfl.layers.batchNormalization());
  model.add(tfl.layers.activation({ activation: 'relu' }));
  model.add(tfl.layers.maxPooling1d({ poolSize: 2 }));
  model.add(dropout(h.dropout_1));
  model.add(conv(h.units_1, 'linear'));
  model.add(tfl.layers.batchNormalization());
  model.add(tfl.layers.activation({ activation: 'relu' }));
  model.add(tfl.layers.maxPooling1d({ poolSize: 2 }));
  model.add(dropout(h.dropout_2));
  model.add(conv(h.units_2, 'relu'));
  model.add(conv(h.units_3, 'relu'));
  model.add(conv(h.units_4, 'linear'));
  model.add(tfl.layers.batchNormalization());
  model.add(tfl.layers.activation({ activation: 'relu' }));
  model.add(tfl.layers.maxPooling1d({ poolSize: 4 }));
  model.add(dropout(h.dropout_3));
  model.add(tfl.layers.maxPooling1d({ poolSize: 4 }));
  model.add(dropout(h.dropout_4));
  model.add(conv(h.units_5, 'relu'));
  model.add(dropout(h.dropout_5));
  model.add(conv(h.units_6, 'relu'));
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dense({ units: h.units_7, activation: 'relu', kernelInitializer: seeds.glorot() }));
  model.add(tfl.layers.dense({ units: h.units_8, activation: 'relu', kernelInitializer: seeds.glorot() }));
  model.add(tfl.layers.dense({ units: options.numClasses, activation: 'softmax', kernelInitializer: seeds.glorot() }));
  return compileClassifier(model, h.learning_rate);
}
