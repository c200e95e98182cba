/**
 * Batch normalisation with batch statistics as two kernels on the training-kernel module, for
 * {@link ../fused-layers/batch-normalization}: `SerBatchNormTraining` (y, mean, variance from x, scale, offset:
 * three passes) and its gradient `SerBatchNormTrainingGrad` (dx, dscale, doffset: two passes). tfl.layers
 * otherwise runs moments and batchNorm as ~25 elementwise and reduction kernels per layer and step.
 *
 * Formulas (N = rows over batch and time, x̂ = (x − μ)/σ, σ = √(var + ε)): y = γ·x̂ + β; dβ = Σ dy; dγ = Σ dy·x̂;
 * dx = (γ/σ)·(dy − dβ/N − x̂·dγ/N), the gradient through the batch moments included.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, KernelConfig, KernelFunc, NamedAttrMap, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import {
  offsetOf,
  sizeOf,
  trainingKernelsFor,
  withScratch,
  writeFloats,
  type TrainingKernels,
  type WasmBackendInternals,
} from './training-kernel-module.js';

export const SER_BATCH_NORM_TRAINING = 'SerBatchNormTraining';
export const SER_BATCH_NORM_TRAINING_GRAD = 'SerBatchNormTrainingGrad';

function kernelsOf(backend: unknown, name: string): TrainingKernels {
  const k = trainingKernelsFor(backend);
  if (!k) throw new Error(`${name}: the training-kernel module is not available on this backend`);
  return k;
}

function channelsOf(x: TensorInfo): { rows: number; cols: number } {
  const cols = x.shape[x.shape.length - 1] ?? 0;
  return { rows: sizeOf(x.shape) / cols, cols };
}

const batchNormTraining: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const backend = b as unknown as WasmBackendInternals;
  const k = kernelsOf(b, SER_BATCH_NORM_TRAINING);
  const { x, scale, offset } = inputs as { x: TensorInfo; scale: TensorInfo; offset: TensorInfo };
  const epsilon = Number((attrs as { epsilon: number }).epsilon);
  const { rows, cols } = channelsOf(x);
  const y = backend.makeOutput(x.shape.slice(), 'float32');
  const mean = backend.makeOutput([cols], 'float32');
  const variance = backend.makeOutput([cols], 'float32');
  k.sum_rows(1, rows, cols, offsetOf(backend, x), offsetOf(backend, mean), 1 / rows);
  k.bn_centered_square_mean(rows, cols, offsetOf(backend, x), offsetOf(backend, mean), offsetOf(backend, variance));
  const heap = backend.wasm.HEAPF32;
  const factor = new Float32Array(cols);
  const v = offsetOf(backend, variance) >>> 2;
  const s = offsetOf(backend, scale) >>> 2;
  for (let c = 0; c < cols; c++) factor[c] = heap[s + c]! / Math.sqrt(heap[v + c]! + epsilon);
  withScratch(backend, cols * 4, (pointer) => {
    writeFloats(backend, pointer, factor);
    k.batchnorm_rows(
      rows,
      cols,
      offsetOf(backend, x),
      offsetOf(backend, mean),
      pointer,
      offsetOf(backend, offset),
      offsetOf(backend, y),
    );
  });
  return [y, mean, variance];
};

const batchNormTrainingGrad: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const backend = b as unknown as WasmBackendInternals;
  const k = kernelsOf(b, SER_BATCH_NORM_TRAINING_GRAD);
  const { dy, x, scale, mean, variance } = inputs as Record<'dy' | 'x' | 'scale' | 'mean' | 'variance', TensorInfo>;
  const epsilon = Number((attrs as { epsilon: number }).epsilon);
  const { rows, cols } = channelsOf(x);
  const dx = backend.makeOutput(x.shape.slice(), 'float32');
  const dScale = backend.makeOutput([cols], 'float32');
  const dOffset = backend.makeOutput([cols], 'float32');
  withScratch(backend, 4 * cols * 4, (base) => {
    const sumDyCentered = base;
    k.bn_grad_sums(
      rows,
      cols,
      offsetOf(backend, x),
      offsetOf(backend, dy),
      offsetOf(backend, mean),
      offsetOf(backend, dOffset),
      sumDyCentered,
    );
    const heap = backend.wasm.HEAPF32;
    const k1 = new Float32Array(cols);
    const k2 = new Float32Array(cols);
    const k3 = new Float32Array(cols);
    const sums = offsetOf(backend, dOffset) >>> 2;
    const centered = sumDyCentered >>> 2;
    const v = offsetOf(backend, variance) >>> 2;
    const s = offsetOf(backend, scale) >>> 2;
    const ds = offsetOf(backend, dScale) >>> 2;
    for (let c = 0; c < cols; c++) {
      const inverseStd = 1 / Math.sqrt(heap[v + c]! + epsilon);
      heap[ds + c] = heap[centered + c]! * inverseStd;
      k1[c] = heap[s + c]! * inverseStd;
      k2[c] = heap[sums + c]! / rows;
      k3[c] = (heap[centered + c]! * inverseStd * inverseStd) / rows;
    }
    writeFloats(backend, base + cols * 4, k1);
    writeFloats(backend, base + 2 * cols * 4, k2);
    writeFloats(backend, base + 3 * cols * 4, k3);
    k.bn_grad_dx(
      rows,
      cols,
      offsetOf(backend, x),
      offsetOf(backend, dy),
      offsetOf(backend, mean),
      base + cols * 4,
      base + 2 * cols * 4,
      base + 3 * cols * 4,
      offsetOf(backend, dx),
    );
  });
  return [dx, dScale, dOffset];
};

export const batchNormTrainingConfigs: KernelConfig[] = [
  { kernelName: SER_BATCH_NORM_TRAINING, backendName: 'wasm', kernelFunc: batchNormTraining },
  { kernelName: SER_BATCH_NORM_TRAINING_GRAD, backendName: 'wasm', kernelFunc: batchNormTrainingGrad },
];

/**
 * The gradient of `SerBatchNormTraining`: one `SerBatchNormTrainingGrad` call for all three inputs, run when
 * the gradient function is called (outside the per-input tidy scopes the tape runs each thunk in, which would
 * dispose the other two outputs).
 */
export const batchNormTrainingGradConfig: GradConfig = {
  kernelName: SER_BATCH_NORM_TRAINING,
  inputsToSave: ['x', 'scale'],
  outputsToSave: [false, true, true],
  gradFunc: (dys: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [x, scale, mean, variance] = saved as [Tensor, Tensor, Tensor, Tensor];
    const dy = (Array.isArray(dys) ? dys[0] : dys) as Tensor;
    const [dx, dScale, dOffset] = tf
      .engine()
      .runKernel(
        SER_BATCH_NORM_TRAINING_GRAD,
        { dy, x, scale, mean, variance },
        { epsilon: (attrs as { epsilon: number }).epsilon },
      ) as [Tensor, Tensor, Tensor];
    return { x: () => dx, scale: () => dScale, offset: () => dOffset };
  },
};
