import * as tfl from '@tensorflow/tfjs-layers';
import { ModelError } from '../errors.js';
import { ATTENTION_CNN_DEFAULTS } from './attention-cnn.js';
import { checkOptions, compileClassifier, resolveHyperparameters, SeedSequence, type ArchitectureOptions } from './common.js';
import { AttentionStdPooling, FrameCmvn, registerSerLayers } from './layers/index.js';

/** Default hyperparameters of {@link calibratedAttentionCnn}: those of attentionCnn. */
export const CALIBRATED_ATTENTION_CNN_DEFAULTS = { ...ATTENTION_CNN_DEFAULTS };

/**
 * The speaker-calibrated form of attentionCnn, for log-mel frames `[frames, bands]` from which the speaker's
 * calibration offset (the per-band mean log-mel of their calm speech) has been subtracted. Two views of the
 * input are stacked along the band axis before attentionCnn's body:
 *
 * - {@link FrameCmvn} of the input: per-recording mean and variance normalised, exactly what the uncalibrated
 *   default model hears (CMVN removes any per-band offset, so this view does not depend on the calibration);
 * - the input itself (after a batch norm): how loud and how bright each band is *compared with the speaker's calm
 *   voice* — the information CMVN throws away, made speaker-independent by the calibration.
 *
 * Then 4 × [Conv1D → BatchNorm → ReLU → MaxPool 2] → {@link AttentionStdPooling} → Dropout → Dense softmax, as
 * attentionCnn (≈ 248 k weights on 64 bands).
 *
 * @example
 * ```ts
 * const model = calibratedAttentionCnn({ inputShape: [300, 64], numClasses: 7, seed: 1 });
 * ```
 */
export function calibratedAttentionCnn(options: ArchitectureOptions): tfl.LayersModel {
  checkOptions('calibratedAttentionCnn', options, 2);
  registerSerLayers();
  const h = resolveHyperparameters('calibratedAttentionCnn', CALIBRATED_ATTENTION_CNN_DEFAULTS, options.hyperparameters);
  const taps = h.kernel_size;
  if (!Number.isInteger(taps) || taps < 1) {
    throw new ModelError('INVALID_ARGUMENT', `calibratedAttentionCnn: kernel_size must be a positive integer, got ${taps}`);
  }
  if (options.inputShape[0]! < 16) {
    throw new ModelError('INVALID_ARGUMENT', `calibratedAttentionCnn: ${options.inputShape[0]} frames is too short for its 4 poolings of 2 (need ≥ 16)`);
  }
  const seeds = new SeedSequence(options.seed);
  const input = tfl.input({ shape: options.inputShape, name: 'calibrated_logmel' });
  const normalised = new FrameCmvn({ name: 'per_recording_cmvn' }).apply(input) as tfl.SymbolicTensor;
  const relative = tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5, name: 'speaker_relative' }).apply(input) as tfl.SymbolicTensor;
  let x = tfl.layers.concatenate({ axis: -1, name: 'two_views' }).apply([normalised, relative]) as tfl.SymbolicTensor;
  for (const filters of [h.units_0, h.units_1, h.units_2, h.units_3]) {
    x = tfl.layers.conv1d({ filters, kernelSize: taps, padding: 'same', kernelInitializer: seeds.glorot() }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.activation({ activation: 'relu' }).apply(x) as tfl.SymbolicTensor;
    x = tfl.layers.maxPooling1d({ poolSize: 2 }).apply(x) as tfl.SymbolicTensor;
  }
  x = new AttentionStdPooling({ seed: seeds.take() }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.dropout({ rate: h.dropout_1 }).apply(x) as tfl.SymbolicTensor;
  const output = tfl.layers.dense({ units: options.numClasses, activation: 'softmax', kernelInitializer: seeds.glorot() }).apply(x) as tfl.SymbolicTensor;
  return compileClassifier(tfl.model({ inputs: input, outputs: output, name: 'calibrated_attention_cnn' }), h.learning_rate);
}
