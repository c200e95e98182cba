import * as tf from '@tensorflow/tfjs';
import { conv2DBackpropFilterWasmConfig } from './wasm-kernels/conv2d-backprop-filter.js';
import { makeFastBatchMatMul } from './wasm-kernels/batch-mat-mul-transposed.js';

const FAST_MATMUL_MARK = Symbol.for('@ser/models fast BatchMatMul');

/**
 * Registers, on the `wasm` backend, the kernels that training needs and tfjs-backend-wasm 4.22
 * lacks or runs slowly. Idempotent; call after `@tensorflow/tfjs-backend-wasm` is imported.
 *
 * - `Conv2DBackpropFilter` (missing; every Conv1D/Conv2D weight gradient uses it): im2col + one
 *   XNNPACK matrix product.
 * - `BatchMatMul` with transposed operands (present but naive; Dense and LSTM gradients use it):
 *   explicit transpose, then XNNPACK.
 *
 * Audited by training every architecture of this package on wasm: all other kernels used in
 * training (Conv2DBackpropInput, MaxPoolGrad, AvgPoolGrad, FusedBatchNorm, LSTM's
 * matMul/sigmoid/tanh/split/concat, dropout, softmax cross-entropy) exist in tfjs-backend-wasm 4.22.
 *
 * @returns the names of the kernels that were (re)registered by this call.
 */
export function registerWasmTrainingKernels(): string[] {
  const registered: string[] = [];
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) {
    tf.registerKernel(conv2DBackpropFilterWasmConfig);
    registered.push('Conv2DBackpropFilter');
  }
  const matMul = tf.getKernel('BatchMatMul', 'wasm');
  if (matMul && !(matMul as unknown as Record<symbol, boolean>)[FAST_MATMUL_MARK]) {
    const fast = makeFastBatchMatMul(matMul);
    (fast as unknown as Record<symbol, boolean>)[FAST_MATMUL_MARK] = true;
    tf.unregisterKernel('BatchMatMul', 'wasm');
    tf.registerKernel(fast);
    registered.push('BatchMatMul');
  }
  return registered;
}
