import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Options of {@link FrameCmvn}. */
export interface FrameCmvnArgs {
  /**
   * Added to each channel's standard deviation (one value for all channels, or one per channel; default 1e-5, as
   * @ser/audio-features' `normalize: 'cmvn'`).
   */
  epsilon?: number | number[];
  /** Applied after the normalisation: (y − mean[c]) / std[c] (e.g. the standardisation a model was trained with). */
  mean?: number[];
  std?: number[];
  name?: string;
}

/**
 * Per-example mean and variance normalisation of each channel over time of a `[batch, frames, channels]` input —
 * the same numbers as @ser/audio-features' `normalize: 'cmvn'` (population std, + epsilon), inside the model —
 * optionally followed by a fixed per-channel standardisation. It lets a model trained on CMVN features run on
 * features that were not normalised (or that were offset by a calibration: CMVN removes any per-channel offset).
 * No weights; everything is in the config, so it saves and loads with the model.
 */
export class FrameCmvn extends tfl.layers.Layer {
  static className = 'FrameCmvn';
  private readonly epsilon: number | number[];
  private readonly mean: number[] | undefined;
  private readonly std: number[] | undefined;

  constructor(args: FrameCmvnArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? 1e-5;
    this.mean = args.mean;
    this.std = args.std;
    if ((this.mean === undefined) !== (this.std === undefined))
      throw new Error('FrameCmvn: give both mean and std, or neither');
    this.inputSpec = [{ ndim: 3 }];
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const { mean, variance } = tf.moments(x, 1, true);
      let y = tf.div(
        tf.sub(x, mean),
        tf.add(tf.sqrt(variance), tf.tensor1d(Array.isArray(this.epsilon) ? this.epsilon : [this.epsilon])),
      );
      if (this.mean && this.std) y = tf.div(tf.sub(y, tf.tensor1d(this.mean)), tf.tensor1d(this.std));
      return y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon, mean: this.mean ?? null, std: this.std ?? null };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const { mean, std, ...rest } = config as { mean?: number[] | null; std?: number[] | null };
    return new cls({ ...rest, mean: mean ?? undefined, std: std ?? undefined });
  }
}
