/**
 * `SerAdamUpdate`: one Adam/AdamW step of one variable as a single pass on the training-kernel module (new w, m
 * and v from w, g, m, v), for {@link ../../training/optimizers/adamw}. tf.train.adam runs ~12 kernels per variable.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { offsetOf, sizeOf, trainingKernelsFor, type WasmBackendInternals } from './training-kernel-module.js';

export const SER_ADAM_UPDATE = 'SerAdamUpdate';

/** Attributes of {@link SER_ADAM_UPDATE}: c1 = 1 − β1^t and c2 = 1 − β2^t are the bias corrections of step t. */
export interface AdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
  c1: number;
  c2: number;
}

const adamUpdate: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const backend = b as unknown as WasmBackendInternals;
  const k = trainingKernelsFor(b);
  if (!k) throw new Error(`${SER_ADAM_UPDATE}: the training-kernel module is not available on this backend`);
  const { w, g, m, v } = inputs as Record<'w' | 'g' | 'm' | 'v', TensorInfo>;
  const a = attrs as unknown as AdamUpdateAttrs;
  const n = sizeOf(w.shape);
  const outputs = [w, m, v].map((t) => backend.makeOutput(t.shape.slice(), 'float32'));
  const [wOut, mOut, vOut] = outputs as [TensorInfo, TensorInfo, TensorInfo];
  k.adam_update(
    n,
    offsetOf(backend, w),
    offsetOf(backend, g),
    offsetOf(backend, m),
    offsetOf(backend, v),
    offsetOf(backend, wOut),
    offsetOf(backend, mOut),
    offsetOf(backend, vOut),
    a.learningRate,
    a.beta1,
    a.beta2,
    a.epsilon,
    a.weightDecay,
    a.c1,
    a.c2,
  );
  return outputs;
};

export const adamUpdateConfig: KernelConfig = {
  kernelName: SER_ADAM_UPDATE,
  backendName: 'wasm',
  kernelFunc: adamUpdate,
};
