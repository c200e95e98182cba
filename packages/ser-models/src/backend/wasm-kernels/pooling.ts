/**
 * MaxPool and MaxPoolGrad of 1-D poolings (tfl.layers MaxPooling1D: a [batch, length, 1, channels] pooling with a
 * [pool, 1] window, 'valid') on the training-kernel module, four channels at a time. The gradient goes to the
 * first maximum of each window, as on the cpu backend. Other poolings keep the previous kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { input, type FastPath } from './module-kernel.js';
import { offsetOf } from './training-kernel-module.js';

/** A pooling along one axis: `outer` independent signals of `length` rows of `cols` contiguous values. */
interface Pool1D {
  outer: number;
  length: number;
  cols: number;
  pool: number;
  stride: number;
  outLength: number;
  outShape: number[];
}

function pool1D(x: TensorInfo, attrs: Record<string, unknown>): Pool1D | null {
  if (x.dtype !== 'float32' || x.shape.length !== 4) return null;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as {
    filterSize: [number, number] | number;
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const info = tf.backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const p = info.padInfo;
  if (p.top !== 0 || p.bottom !== 0 || p.left !== 0 || p.right !== 0) return null;
  const outShape = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  let plan: Pool1D | null = null;
  if (info.filterWidth === 1 && info.strideWidth === 1) {
    plan = {
      outer: info.batchSize,
      length: info.inHeight,
      cols: info.inWidth * info.inChannels,
      pool: info.filterHeight,
      stride: info.strideHeight,
      outLength: info.outHeight,
      outShape,
    };
  } else if (info.inHeight === 1 && info.filterHeight === 1) {
    plan = {
      outer: info.batchSize,
      length: info.inWidth,
      cols: info.inChannels,
      pool: info.filterWidth,
      stride: info.strideWidth,
      outLength: info.outWidth,
      outShape,
    };
  }
  return plan && plan.cols % 4 === 0 && plan.pool >= 1 ? plan : null;
}

export const maxPoolFast: FastPath = (call) => {
  const x = input(call, 'x');
  const plan = pool1D(x, call.attrs);
  if (!plan) return null;
  const out = call.backend.makeOutput(plan.outShape, 'float32');
  call.k.maxpool_1d(
    plan.outer,
    plan.length,
    plan.cols,
    plan.pool,
    plan.stride,
    plan.outLength,
    offsetOf(call.backend, x),
    offsetOf(call.backend, out),
  );
  return out;
};

export const maxPoolGradFast: FastPath = (call) => {
  const x = input(call, 'input');
  const dy = input(call, 'dy');
  const plan = pool1D(x, call.attrs);
  if (!plan || dy.dtype !== 'float32') return null;
  const dx = call.backend.makeOutput(x.shape.slice(), 'float32');
  call.k.maxpool_1d_grad(
    plan.outer,
    plan.length,
    plan.cols,
    plan.pool,
    plan.stride,
    plan.outLength,
    offsetOf(call.backend, x),
    offsetOf(call.backend, dy),
    offsetOf(call.backend, dx),
  );
  return dx;
};
