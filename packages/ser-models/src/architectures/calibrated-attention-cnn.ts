import * as tfl from '@tensorflow/tfjs-layers';
import { ATTENTION_CNN_DEFAULTS, attentionCnnBody, checkAttentionCnnShape } from './attention-cnn.js';
import {
  checkOptions,
  compileClassifier,
  resolveHyperparameters,
  SeedSequence,
  type ArchitectureOptions,
} from './common.js';
import { FrameCmvn, registerSerLayers } from './layers/index.js';

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
  const h = resolveHyperparameters(
    'calibratedAttentionCnn',
    CALIBRATED_ATTENTION_CNN_DEFAULTS,
    options.hyperparameters,
  );
  checkAttentionCnnShape('calibratedAttentionCnn', h.kernel_size, options.inputShape[0]!);
  const seeds = new SeedSequence(options.seed);
  const input = tfl.input({ shape: options.inputShape, name: 'calibrated_logmel' });
  const normalised = new FrameCmvn({ name: 'per_recording_cmvn' }).apply(input) as tfl.SymbolicTensor;
  const relative = tfl.layers
    .batchNormalization({ momentum: 0.9, epsilon: 1e-5, name: 'speaker_relative' })
    .apply(input) as tfl.SymbolicTensor;
  let x = tfl.layers.concatenate({ axis: -1, name: 'two_views' }).apply([normalised, relative]) as tfl.SymbolicTensor;
  for (const layer of attentionCnnBody(h, options.numClasses, seeds)) x = layer.apply(x) as tfl.SymbolicTensor;
  return compileClassifier(tfl.model({ inputs: input, outputs: x, name: 'calibrated_attention_cnn' }), h.learning_rate);
}
