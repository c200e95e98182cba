/**
 * A faster training path for every tfl.layers BatchNormalization on the wasm backend: in training mode, with
 * the usual configuration (last axis, center and scale), the layer's moments + batchNorm (and their ~25-kernel
 * gradient) become one `SerBatchNormTraining` kernel with a fused gradient; the moving statistics are updated
 * exactly as tfl.layers does. Everything else (inference, other backends, other axes) runs the original code.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { SER_BATCH_NORM_TRAINING } from '../wasm-kernels/batch-norm-training.js';
import { trainingKernelsFor } from '../wasm-kernels/training-kernel-module.js';

interface LayerVariableLike {
  read(): tf.Tensor;
  write(value: tf.Tensor): void;
}

interface BatchNormalizationLike {
  axis: number;
  center: boolean;
  scale: boolean;
  epsilon: number;
  momentum: number;
  gamma: LayerVariableLike | null;
  beta: LayerVariableLike | null;
  movingMean: LayerVariableLike;
  movingVariance: LayerVariableLike;
}

type Call = (
  this: BatchNormalizationLike,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Record<string, unknown>,
) => tf.Tensor | tf.Tensor[];

const PATCHED = Symbol.for('@ser/models fused batch normalization');

/** tfl.layers' moving-average update, written the same way (same ops, same rounding). */
function movingAverage(variable: LayerVariableLike, value: tf.Tensor, momentum: number): void {
  tf.tidy(() => {
    const original = variable.read();
    variable.write(tf.sub(original, tf.mul(tf.sub(original, value), 1 - momentum)));
  });
}

function fusedTrainingCall(layer: BatchNormalizationLike, input: tf.Tensor): tf.Tensor | null {
  if (!layer.center || !layer.scale || !layer.gamma || !layer.beta || input.dtype !== 'float32' || input.rank < 2)
    return null;
  const axis = layer.axis >= 0 ? layer.axis : layer.axis + input.rank;
  const channels = input.shape[input.rank - 1]!;
  if (axis !== input.rank - 1 || channels % 4 !== 0 || input.size === 0) return null;
  if (!trainingKernelsFor(tf.backend()) || !tf.getKernel(SER_BATCH_NORM_TRAINING, tf.getBackend())) return null;
  const gamma = layer.gamma;
  const beta = layer.beta;
  return tf.tidy(() => {
    const [y, mean, variance] = tf
      .engine()
      .runKernel(
        SER_BATCH_NORM_TRAINING,
        { x: input, scale: gamma.read(), offset: beta.read() },
        { epsilon: layer.epsilon },
      ) as [tf.Tensor, tf.Tensor, tf.Tensor];
    movingAverage(layer.movingMean, mean, layer.momentum);
    movingAverage(layer.movingVariance, variance, layer.momentum);
    return y;
  });
}

/** Installs the fast path on tfl.layers' BatchNormalization class (idempotent). */
export function installFusedBatchNormalization(): void {
  const prototype = Object.getPrototypeOf(tfl.layers.batchNormalization({})) as { call: Call; [PATCHED]?: boolean };
  if (prototype[PATCHED]) return;
  const original = prototype.call;
  prototype.call = function call(this: BatchNormalizationLike, inputs, kwargs) {
    if (kwargs?.['training'] === true) {
      const input = Array.isArray(inputs) ? inputs[0] : inputs;
      if (input && (!Array.isArray(inputs) || inputs.length === 1)) {
        const fused = fusedTrainingCall(this, input);
        if (fused) return fused;
      }
    }
    return original.call(this, inputs, kwargs);
  };
  prototype[PATCHED] = true;
}
