import * as tf from '@tensorflow/tfjs-core';

/**
 * TensorFlow.js' "chained ops": the tensor methods (`x.reshape(…)`, `x.flatten()`, `x.square()`, …) that
 * call the op of the same name with the tensor first. The `@tensorflow/tfjs` umbrella registers them; with
 * tfjs-core alone nothing does in Node (its Node build leaves them out, and its ES-module files cannot load
 * there), yet tfjs-layers calls them (the Orthogonal initializer of every LSTM: `rMat.flatten()`), and so
 * do some of tfjs-core's gradients (Prod, GatherV2 with batchDims). Only the methods, no new ops.
 */
const FORWARDED = [
  'abs',
  'acos',
  'acosh',
  'add',
  'all',
  'any',
  'argMax',
  'argMin',
  'asin',
  'asinh',
  'atan',
  'atan2',
  'atanh',
  'batchNorm',
  'batchToSpaceND',
  'broadcastTo',
  'cast',
  'ceil',
  'clipByValue',
  'conv1d',
  'conv2d',
  'cos',
  'cosh',
  'cumprod',
  'cumsum',
  'depthToSpace',
  'div',
  'divNoNan',
  'dot',
  'elu',
  'equal',
  'erf',
  'euclideanNorm',
  'exp',
  'expandDims',
  'expm1',
  'fft',
  'floor',
  'floorDiv',
  'gather',
  'greater',
  'greaterEqual',
  'ifft',
  'irfft',
  'isFinite',
  'isInf',
  'isNaN',
  'leakyRelu',
  'less',
  'lessEqual',
  'log',
  'log1p',
  'logSigmoid',
  'logSoftmax',
  'logSumExp',
  'logicalAnd',
  'logicalNot',
  'logicalOr',
  'logicalXor',
  'matMul',
  'max',
  'maximum',
  'mean',
  'min',
  'minimum',
  'mirrorPad',
  'mod',
  'mul',
  'neg',
  'norm',
  'notEqual',
  'oneHot',
  'onesLike',
  'pad',
  'pool',
  'pow',
  'prelu',
  'prod',
  'reciprocal',
  'relu',
  'relu6',
  'reshape',
  'reverse',
  'rfft',
  'round',
  'rsqrt',
  'selu',
  'sigmoid',
  'sign',
  'sin',
  'sinh',
  'slice',
  'softmax',
  'softplus',
  'spaceToBatchND',
  'split',
  'sqrt',
  'square',
  'squaredDifference',
  'squeeze',
  'step',
  'stridedSlice',
  'sub',
  'sum',
  'tan',
  'tanh',
  'tile',
  'topk',
  'transpose',
  'unique',
  'unstack',
  'zerosLike',
] as const;

type Method = (this: tf.Tensor, ...args: never[]) => unknown;

/** The methods that are not `op(this, ...args)`. */
const ADAPTED: Record<string, Method> = {
  asScalar(this: tf.Tensor) {
    if (this.size !== 1) throw new Error('asScalar: the tensor must have exactly 1 element');
    return tf.reshape(this, []);
  },
  as1D(this: tf.Tensor) {
    return tf.reshape(this, [this.size]);
  },
  as2D(this: tf.Tensor, ...shape: number[]) {
    return tf.reshape(this, shape.slice(0, 2));
  },
  as3D(this: tf.Tensor, ...shape: number[]) {
    return tf.reshape(this, shape.slice(0, 3));
  },
  as4D(this: tf.Tensor, ...shape: number[]) {
    return tf.reshape(this, shape.slice(0, 4));
  },
  as5D(this: tf.Tensor, ...shape: number[]) {
    return tf.reshape(this, shape.slice(0, 5));
  },
  flatten(this: tf.Tensor) {
    return tf.reshape(this, [this.size]);
  },
  reshapeAs(this: tf.Tensor, other: tf.Tensor) {
    return tf.reshape(this, other.shape);
  },
  asType(this: tf.Tensor, dtype: tf.DataType) {
    return tf.cast(this, dtype);
  },
  toBool(this: tf.Tensor) {
    return tf.cast(this, 'bool');
  },
  toFloat(this: tf.Tensor) {
    return tf.cast(this, 'float32');
  },
  toInt(this: tf.Tensor) {
    return tf.cast(this, 'int32');
  },
  where(this: tf.Tensor, condition: tf.Tensor, other: tf.Tensor) {
    return tf.where(condition, this, other);
  },
  concat(this: tf.Tensor, others: tf.Tensor | tf.Tensor[], axis?: number) {
    return tf.concat([this, ...(others instanceof tf.Tensor ? [others] : others)], axis);
  },
  stack(this: tf.Tensor, others: tf.Tensor | tf.Tensor[], axis?: number) {
    return tf.stack([this, ...(others instanceof tf.Tensor ? [others] : others)], axis);
  },
};

/**
 * Adds the chained-op methods (see above) that tfjs-core's `Tensor` lacks; methods already present
 * (registered by the umbrella, e.g. through a user's `@tensorflow/tfjs-node`) are kept. Idempotent.
 */
export function registerTensorMethods(): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const ops = tf as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>;
  const define = (name: string, method: (this: tf.Tensor, ...args: unknown[]) => unknown): void => {
    if (typeof proto[name] === 'function') return;
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value(this: tf.Tensor, ...args: unknown[]) {
        (this as unknown as { throwIfDisposed(): void }).throwIfDisposed();
        return method.apply(this, args);
      },
    });
  };
  for (const name of FORWARDED) {
    const op = ops[name];
    if (op)
      define(name, function (this: tf.Tensor, ...args: unknown[]) {
        return op(this, ...args);
      });
  }
  for (const [name, method] of Object.entries(ADAPTED))
    define(name, method as (this: tf.Tensor, ...args: unknown[]) => unknown);
}
