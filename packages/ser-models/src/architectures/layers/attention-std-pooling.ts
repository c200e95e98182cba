import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Options of {@link AttentionStdPooling}. */
export interface AttentionStdPoolingArgs {
  /** Seed of the score weights' Glorot-uniform initialiser. */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

/** Added to the variance before the square root: keeps the gradient finite where a channel is constant over time. */
export const STD_POOLING_EPSILON = 1e-5;

/**
 * Length-independent pooling over time of a `[batch, frames, channels]` sequence into `[batch, 2·channels]`:
 * attention pooling (a softmax over frames of a learned linear score per frame, then the weighted sum of the
 * frames) concatenated with the standard deviation of each channel over the frames (unbiased, as PyTorch's
 * `std`, with {@link STD_POOLING_EPSILON} under the root). Any number of frames ≥ 1 works, so a model ending
 * in it classifies 2-s chunks and whole utterances alike.
 *
 * Saved and loaded with a bundle like any tfl.layers layer (registered as `AttentionStdPooling`).
 *
 * @example
 * ```ts
 * model.add(new AttentionStdPooling({ seed: 7 })); // [b, t, 128] → [b, 256]
 * ```
 */
export class AttentionStdPooling extends tfl.layers.Layer {
  static className = 'AttentionStdPooling';
  private readonly seed: number | undefined;
  private kernel: tfl.LayerVariable | null = null;
  private bias: tfl.LayerVariable | null = null;

  constructor(args: AttentionStdPoolingArgs = {}) {
    super(args);
    this.seed = args.seed;
    this.inputSpec = [{ ndim: 3 }];
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const channels = shape[shape.length - 1];
    if (typeof channels !== 'number') throw new Error('AttentionStdPooling: the channel axis must have a known size');
    this.kernel = this.addWeight(
      'kernel',
      [channels, 1],
      'float32',
      tfl.initializers.glorotUniform({ seed: this.seed }),
    );
    this.bias = this.addWeight('bias', [1], 'float32', tfl.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const channels = shape[2];
    return [shape[0]!, typeof channels === 'number' ? 2 * channels : null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [batch, frames, channels] = x.shape;
      const scores = tf.add(
        tf.matMul(tf.reshape(x, [batch * frames, channels]), this.kernel!.read()),
        this.bias!.read(),
      );
      const weights = tf.reshape(tf.softmax(tf.reshape(scores, [batch, frames])), [batch, frames, 1]);
      const attended = tf.sum(tf.mul(weights, x), 1);
      const centered = tf.sub(x, tf.mean(x, 1, true));
      const variance = tf.div(tf.sum(tf.square(centered), 1), Math.max(1, frames - 1));
      const std = tf.sqrt(tf.add(variance, STD_POOLING_EPSILON));
      return tf.concat([attended, std], 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), seed: this.seed ?? null };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const { seed, ...rest } = config as { seed?: number | null };
    return new cls({ ...rest, seed: seed ?? undefined });
  }
}
