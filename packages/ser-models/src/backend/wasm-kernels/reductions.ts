/**
 * Sum and Mean of float32 tensors over a contiguous run of axes on the training-kernel module: the tensor read as
 * [outer, reduced, inner], summed over the middle axis in one sequential pass (vectorised over `inner`), or along
 * the last axis when nothing follows the reduced axes. tfjs-backend-wasm transposes the reduced axes last first,
 * which made batch-norm and bias gradients (sums over batch and time) the largest cost of a training step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { input, type FastPath } from './module-kernel.js';
import { offsetOf, sizeOf } from './training-kernel-module.js';

/** The fast path of `Sum` (mean = false) or `Mean` (mean = true). */
export function reductionFast(mean: boolean): FastPath {
  return (call) => {
    const x = input(call, 'x');
    if (x.dtype !== 'float32') return null;
    const { axis, keepDims } = call.attrs as { axis: number | number[]; keepDims?: boolean };
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((p, q) => p - q);
    if (axes.length === 0 || axes.some((a, i) => i > 0 && a !== axes[i - 1]! + 1)) return null;
    const first = axes[0]!;
    const last = axes[axes.length - 1]!;
    const outer = sizeOf(x.shape.slice(0, first));
    const reduced = sizeOf(x.shape.slice(first, last + 1));
    const inner = sizeOf(x.shape.slice(last + 1));
    if (reduced === 0) return null;
    const outShape = keepDims
      ? x.shape.map((d, i) => (i >= first && i <= last ? 1 : d))
      : x.shape.filter((_, i) => i < first || i > last);
    const out = call.backend.makeOutput(outShape, 'float32');
    const scale = mean ? 1 / reduced : 1;
    if (inner === 1) call.k.sum_last(outer, reduced, offsetOf(call.backend, x), offsetOf(call.backend, out), scale);
    else call.k.sum_rows(outer, reduced, inner, offsetOf(call.backend, x), offsetOf(call.backend, out), scale);
    return out;
  };
}
