import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterWasmConfig } from './wasm-kernels/conv2d-backprop-filter.js';
import { conv2DBackpropInputWasmConfig } from './wasm-kernels/conv2d-backprop-input.js';
import { makeFastBatchMatMul } from './wasm-kernels/batch-mat-mul-transposed.js';
import { makeFastTile } from './wasm-kernels/tile.js';
import { maxPoolGradWasmConfig } from './wasm-kernels/max-pool-grad.js';
import { moduleKernel, type FastPath } from './wasm-kernels/module-kernel.js';
import { binaryFast, castFast, identityFast, unaryFast } from './wasm-kernels/elementwise.js';
import { reductionFast } from './wasm-kernels/reductions.js';
import { maxPoolFast, maxPoolGradFast } from './wasm-kernels/pooling.js';
import { fusedBatchNormFast } from './wasm-kernels/batch-norm.js';
import { conv2DBackpropFilterFast, conv2DBackpropInputFast, conv2DFast } from './wasm-kernels/convolution.js';
import { trainingKernelsCompiled } from './wasm-kernels/training-kernel-module.js';
import { batchNormTrainingConfigs, batchNormTrainingGradConfig } from './wasm-kernels/batch-norm-training.js';
import { installFusedBatchNormalization } from './fused-layers/batch-normalization.js';
import { adamUpdateConfig } from './wasm-kernels/adam-update.js';
import { lstmSequenceConfigs, lstmSequenceGradConfig } from './wasm-kernels/lstm-sequence.js';
import { installFusedLstm } from './fused-layers/lstm.js';

const OURS = Symbol.for('@ser/models wasm kernel');
const OURS_MODULE = Symbol.for('@ser/models wasm module kernel');

/** Kernels that run on the training-kernel module when it is compiled, each falling back to the previous one. */
const MODULE_KERNELS: Array<[string, FastPath]> = [
  ['Identity', identityFast],
  ['Cast', castFast],
  ['Add', binaryFast('add')],
  ['Sub', binaryFast('sub')],
  ['Multiply', binaryFast('mul')],
  ['RealDiv', binaryFast('div')],
  ['Maximum', binaryFast('max')],
  ['Minimum', binaryFast('min')],
  ['Relu', unaryFast('relu')],
  ['Step', unaryFast('step')],
  ['Neg', unaryFast('neg')],
  ['Square', unaryFast('square')],
  ['Sqrt', unaryFast('sqrt')],
  ['Sum', reductionFast(false)],
  ['Mean', reductionFast(true)],
  ['MaxPool', maxPoolFast],
  ['MaxPoolGrad', maxPoolGradFast],
  ['FusedBatchNorm', fusedBatchNormFast],
  ['Conv2D', conv2DFast],
  ['Conv2DBackpropInput', conv2DBackpropInputFast],
  ['Conv2DBackpropFilter', conv2DBackpropFilterFast],
];

function marked(config: KernelConfig | undefined, mark: symbol): boolean {
  return Boolean(config && (config as unknown as Record<symbol, boolean>)[mark]);
}

/** Wraps the registered kernel `name` with the module fast path; returns whether anything changed. */
function installModuleKernel(name: string, fast: FastPath): boolean {
  const previous = tf.getKernel(name, 'wasm');
  if (!previous || marked(previous, OURS_MODULE)) return false;
  const config = moduleKernel(name, fast, previous);
  (config as unknown as Record<symbol, boolean>)[OURS] = true;
  (config as unknown as Record<symbol, boolean>)[OURS_MODULE] = true;
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel(config);
  return true;
}

function isOurs(config: KernelConfig | undefined): boolean {
  return Boolean(config && (config as unknown as Record<symbol, boolean>)[OURS]);
}

/** Registers `config`, replacing a stock kernel of the same name; returns whether anything changed. */
function install(config: KernelConfig): boolean {
  const existing = tf.getKernel(config.kernelName, config.backendName);
  if (isOurs(existing)) return false;
  if (existing) tf.unregisterKernel(config.kernelName, config.backendName);
  const marked = { ...config };
  (marked as unknown as Record<symbol, boolean>)[OURS] = true;
  tf.registerKernel(marked);
  return true;
}

/**
 * Registers, on the `wasm` backend, the kernels that training needs and tfjs-backend-wasm 4.22
 * lacks or runs slowly. Idempotent; call after `@tensorflow/tfjs-backend-wasm` is imported
 * ({@link initBackend} does).
 *
 * - `Conv2DBackpropFilter` (missing; every Conv1D/Conv2D weight gradient needs it):
 *   im2col + one XNNPACK matrix product.
 * - `Conv2DBackpropInput` (present but a naive loop, ~75 % of an ogCnn training step):
 *   one XNNPACK matrix product + col2im.
 * - `MaxPoolGrad` (present but a generic loop, ~10 % of an ogCnn step): one channel-contiguous pass.
 * - `Tile` (present but a per-element loop; batch-norm gradients broadcast with it): block copies.
 * - `BatchMatMul` with transposed operands (present but naive; Dense and LSTM gradients use it):
 *   explicit transpose, then XNNPACK.
 *
 * Audited by training every architecture of this package on wasm: all other kernels used in
 * training (AvgPoolGrad, FusedBatchNorm, LSTM's matMul/sigmoid/tanh/split/concat,
 * dropout, softmax cross-entropy) exist in tfjs-backend-wasm 4.22.
 *
 * @returns the names of the kernels that were (re)registered by this call.
 */
export function registerWasmTrainingKernels(): string[] {
  const registered: string[] = [];
  if (install(conv2DBackpropFilterWasmConfig)) registered.push('Conv2DBackpropFilter');
  if (install(conv2DBackpropInputWasmConfig)) registered.push('Conv2DBackpropInput');
  if (install(maxPoolGradWasmConfig)) registered.push('MaxPoolGrad');
  const matMul = tf.getKernel('BatchMatMul', 'wasm');
  if (matMul && !isOurs(matMul) && install(makeFastBatchMatMul(matMul))) registered.push('BatchMatMul');
  const tile = tf.getKernel('Tile', 'wasm');
  if (tile && !isOurs(tile) && install(makeFastTile(tile))) registered.push('Tile');
  if (trainingKernelsCompiled()) {
    for (const [name, fast] of MODULE_KERNELS) if (installModuleKernel(name, fast)) registered.push(name);
    for (const config of [...batchNormTrainingConfigs, adamUpdateConfig, ...lstmSequenceConfigs]) {
      if (!tf.getKernel(config.kernelName, 'wasm')) {
        tf.registerKernel(config);
        registered.push(config.kernelName);
      }
    }
    for (const gradient of [batchNormTrainingGradConfig, lstmSequenceGradConfig]) {
      if (!tf.getGradient(gradient.kernelName)) tf.registerGradient(gradient);
    }
    installFusedBatchNormalization();
    installFusedLstm();
  }
  return registered;
}
