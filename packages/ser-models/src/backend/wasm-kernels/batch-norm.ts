/**
 * FusedBatchNorm (inference form, y = (x − mean)·scale/√(variance + ε) + offset, also what tf.layers runs in
 * training with the batch's moments) on the training-kernel module: per-channel factors computed once in float64,
 * then one pass over x.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { type FastPath } from './module-kernel.js';
import { offsetOf, sizeOf, withScratch, writeFloats } from './training-kernel-module.js';

export const fusedBatchNormFast: FastPath = (call) => {
  const { x, mean, variance, offset, scale } = call.inputs;
  if (!x || !mean || !variance || x.dtype !== 'float32') return null;
  const channels = x.shape[x.shape.length - 1] ?? 0;
  if (channels === 0 || channels % 4 !== 0) return null;
  const perChannel = [mean, variance, offset, scale].filter((t): t is TensorInfo => t !== undefined);
  if (perChannel.some((t) => t.dtype !== 'float32' || sizeOf(t.shape) !== channels)) return null;
  const epsilon = Number((call.attrs as { varianceEpsilon?: number }).varianceEpsilon ?? 0.001);
  const heap = call.backend.wasm.HEAPF32;
  const read = (t: TensorInfo | undefined, fallback: number) => (i: number) =>
    t ? heap[(offsetOf(call.backend, t) >>> 2) + i]! : fallback;
  const varianceAt = read(variance, 1);
  const scaleAt = read(scale, 1);
  const factor = new Float32Array(channels);
  for (let c = 0; c < channels; c++) factor[c] = scaleAt(c) / Math.sqrt(varianceAt(c) + epsilon);
  const out = call.backend.makeOutput(x.shape.slice(), 'float32');
  const bytes = channels * 4;
  withScratch(call.backend, 2 * bytes, (scratch) => {
    writeFloats(call.backend, scratch, factor);
    const offsetPointer = scratch + bytes;
    if (offset)
      call.backend.wasm.HEAPF32.copyWithin(
        offsetPointer >>> 2,
        offsetOf(call.backend, offset) >>> 2,
        (offsetOf(call.backend, offset) >>> 2) + channels,
      );
    else call.backend.wasm.HEAPF32.fill(0, offsetPointer >>> 2, (offsetPointer >>> 2) + channels);
    call.k.batchnorm_rows(
      sizeOf(x.shape) / channels,
      channels,
      offsetOf(call.backend, x),
      offsetOf(call.backend, mean),
      scratch,
      offsetPointer,
      offsetOf(call.backend, out),
    );
  });
  return out;
};
