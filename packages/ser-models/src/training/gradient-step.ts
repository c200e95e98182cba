import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRandom, withSeededMathRandom } from '../random.js';

/** One batch (or shard of a batch) as raw arrays: examples back to back, class indices, loss weights. */
export interface BatchArrays {
  x: Float32Array;
  labels: Int32Array;
  sampleWeights: Float32Array;
  /** Number of examples. */
  count: number;
}

/** Gradient of a shard's loss: `lossSum` is Σ weight·loss over the shard, gradients are of Σ weight·loss / `divisor`. */
export interface ShardGradients {
  /** One array per trainable weight, in `model.trainableWeights` order. */
  gradients: Float32Array[];
  lossSum: number;
  correct: number;
}

/** The variables behind a model's trainable weights, in order. */
export function trainableVariables(model: tfl.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => (w as unknown as { read(): tf.Variable }).read());
}

/** How a step's loss is formed, besides the batch itself. */
export interface StepOptions {
  /**
   * Label smoothing ε in [0, 1): targets become (1 − ε)·one-hot + ε/K (as PyTorch's `label_smoothing`); default 0.
   */
  labelSmoothing?: number;
}

/**
 * Gradients of Σ weight·cross-entropy / `divisor` over one shard, in training mode (dropout on,
 * batch-norm statistics from the shard, moving averages updated in the model). Dropout masks come
 * from `seed`. Shared by the single-thread loop's data-parallel mode and its worker threads.
 */
export function shardGradients(
  model: tfl.LayersModel,
  batch: BatchArrays,
  divisor: number,
  seed: number,
  options: StepOptions = {},
): ShardGradients {
  const smoothing = options.labelSmoothing ?? 0;
  const variables = trainableVariables(model);
  const numClasses = model.outputs[0]!.shape[model.outputs[0]!.shape.length - 1] as number;
  const inputShape = model.inputs[0]!.shape.slice(1) as number[];
  // Results leave tf.tidy through this closure: returning typed arrays from tidy makes it walk every element.
  const out: ShardGradients = { gradients: [], lossSum: 0, correct: 0 };
  withSeededMathRandom(createRandom(seed), () =>
    tf.tidy(() => {
      const xb = tf.tensor(batch.x, [batch.count, ...inputShape]);
      const oneHot = tf.oneHot(tf.tensor1d(batch.labels, 'int32'), numClasses);
      const yb =
        smoothing > 0 ? tf.add(tf.mul(tf.cast(oneHot, 'float32'), 1 - smoothing), smoothing / numClasses) : oneHot;
      const wb = tf.tensor1d(batch.sampleWeights);
      const { grads } = tf.variableGrads(() => {
        const p = model.apply(xb, { training: true }) as tf.Tensor;
        const weighted = tf.mul(tfl.metrics.categoricalCrossentropy(yb, p), wb);
        out.lossSum = tf.sum(weighted).dataSync()[0]!; // a scalar has one value
        out.correct = tf.sum(tf.cast(tf.equal(tf.argMax(p, -1), tf.argMax(yb, -1)), 'float32')).dataSync()[0]!;
        return tf.div(tf.sum(weighted), divisor) as tf.Scalar;
      }, variables);
      out.gradients = variables.map((v) => grads[v.name]!.dataSync() as Float32Array);
    }),
  );
  return out;
}

/** Applies gradients given as arrays (in `model.trainableWeights` order) with an optimizer. */
export function applyGradientArrays(model: tfl.LayersModel, optimizer: tf.Optimizer, gradients: Float32Array[]): void {
  const variables = trainableVariables(model);
  tf.tidy(() => {
    const named: Record<string, tf.Tensor> = {};
    variables.forEach((v, i) => {
      named[v.name] = tf.tensor(gradients[i]!, v.shape);
    });
    optimizer.applyGradients(named);
  });
}
