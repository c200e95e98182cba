import * as tfl from '@tensorflow/tfjs-layers';
import {
  checkOptions,
  compileClassifier,
  resolveHyperparameters,
  SeedSequence,
  type ArchitectureOptions,
  type Hyperparameters,
} from './common.js';

/** Default hyperparameters of {@link paperCnn}. */
export const PAPER_CNN_DEFAULTS = {
  units_0: 64,
  units_1: 128,
  units_2: 256,
  units_3: 128,
  dropout_1: 0.3,
  dropout_2: 0.3,
  dropout_3: 0.3,
  dropout_4: 0.3,
  learning_rate: 1e-3,
} satisfies Hyperparameters;

/**
 * A deeper 1-D CNN in the style of published SER baselines: three convolution blocks of
 * 2 × Conv1D(units_0, 5), 2 × Conv1D(units_1, 5) and 5 × Conv1D(units_2, 5) (padding 'same',
 * ReLU), each block followed by BN → MaxPool 2 → Dropout(dropout_1..3); then global average
 * pooling over time → Dense(units_3, ReLU) → Dropout(dropout_4) → Dense(numClasses, softmax).
 *
 * @param options - `inputShape` `[length, channels]` with length ≥ 8, `numClasses`, hyperparameters, seed.
 */
export function paperCnn(options: ArchitectureOptions): tfl.LayersModel {
  checkOptions('paperCnn', options, 2);
  const h = resolveHyperparameters('paperCnn', PAPER_CNN_DEFAULTS, options.hyperparameters);
  const seeds = new SeedSequence(options.seed);
  const model = tfl.sequential({ name: 'paper_cnn' });
  model.add(tfl.layers.inputLayer({ inputShape: options.inputShape }));
  const blocks: Array<[number, number, number]> = [
    [2, h.units_0, h.dropout_1],
    [2, h.units_1, h.dropout_2],
    [5, h.units_2, h.dropout_3],
  ];
  for (const [count, filters, rate] of blocks) {
    for (let i = 0; i < count; i++) {
      model.add(
        tfl.layers.conv1d({
          filters,
          kernelSize: 5,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: seeds.glorot(),
        }),
      );
    }
    model.add(tfl.layers.batchNormalization());
    model.add(tfl.layers.maxPooling1d({ poolSize: 2 }));
    model.add(tfl.layers.dropout({ rate }));
  }
  model.add(tfl.layers.globalAveragePooling1d());
  model.add(tfl.layers.dense({ units: h.units_3, activation: 'relu', kernelInitializer: seeds.glorot() }));
  model.add(tfl.layers.dropout({ rate: h.dropout_4 }));
  model.add(tfl.layers.dense({ units: options.numClasses, activation: 'softmax', kernelInitializer: seeds.glorot() }));
  return compileClassifier(model, h.learning_rate);
}
