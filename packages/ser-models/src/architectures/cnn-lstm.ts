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

/** Default hyperparameters of {@link cnnLstm}. */
export const CNN_LSTM_DEFAULTS = {
  units_0: 64,
  units_1: 128,
  units_2: 64,
  units_3: 64,
  units_4: 64,
  dropout_1: 0.25,
  dropout_2: 0.25,
  dropout_3: 0.3,
  learning_rate: 1e-3,
} satisfies Hyperparameters;

/** Time steps the LSTMs of {@link cnnLstm} see for an input of `frames` frames (two MaxPool 4). */
export function cnnLstmSequenceLength(frames: number): number {
  return pooledLength(pooledLength(frames, 4), 4);
}

/**
 * A convolutional-recurrent model over a time series `[frames, features]` (e.g. log-mel
 * `[300, 64]`, time-major): Conv1D(units_0, 5) → BN → ReLU → MaxPool 4 → Dropout(dropout_1) →
 * Conv1D(units_1, 5) → BN → ReLU → MaxPool 4 → Dropout(dropout_2) → LSTM(units_2, all steps) →
 * LSTM(units_3) → Dense(units_4, ReLU) → Dropout(dropout_3) → Dense(numClasses, softmax).
 * The LSTMs run over the pooled time axis: frames / 16 steps (18 for 300 frames); inputs giving
 * fewer than 2 steps (under 32 frames) are refused, so this is always a real sequence model.
 */
export function cnnLstm(options: ArchitectureOptions): tfl.LayersModel {
  checkOptions('cnnLstm', options, 2);
  const h = resolveHyperparameters('cnnLstm', CNN_LSTM_DEFAULTS, options.hyperparameters);
  const steps = cnnLstmSequenceLength(options.inputShape[0]!);
  if (steps < 2) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `cnnLstm: ${options.inputShape[0]} frames leave ${steps} time step(s) after pooling; need ≥ 32 frames`,
    );
  }
  const seeds = new SeedSequence(options.seed);
  const model = tfl.sequential({ name: 'cnn_lstm' });
  model.add(tfl.layers.inputLayer({ inputShape: options.inputShape }));
  for (const [filters, rate] of [
    [h.units_0, h.dropout_1],
    [h.units_1, h.dropout_2],
  ] as const) {
    model.add(tfl.layers.conv1d({ filters, kernelSize: 5, padding: 'same', kernelInitializer: seeds.glorot() }));
    model.add(tfl.layers.batchNormalization());
    model.add(tfl.layers.activation({ activation: 'relu' }));
    model.add(tfl.layers.maxPooling1d({ poolSize: 4 }));
    model.add(tfl.layers.dropout({ rate }));
  }
  model.add(
    tfl.layers.lstm({
      units: h.units_2,
      returnSequences: true,
      kernelInitializer: seeds.glorot(),
      recurrentInitializer: tfl.initializers.orthogonal({ seed: seeds.take(), gain: 1 }),
    }),
  );
  model.add(
    tfl.layers.lstm({
      units: h.units_3,
      kernelInitializer: seeds.glorot(),
      recurrentInitializer: tfl.initializers.orthogonal({ seed: seeds.take(), gain: 1 }),
    }),
  );
  model.add(tfl.layers.dense({ units: h.units_4, activation: 'relu', kernelInitializer: seeds.glorot() }));
  model.add(tfl.layers.dropout({ rate: h.dropout_3 }));
  model.add(tfl.layers.dense({ units: options.numClasses, activation: 'softmax', kernelInitializer: seeds.glorot() }));
  return compileClassifier(model, h.learning_rate);
}
