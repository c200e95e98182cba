/**
 * How a kernel on the training-kernel module is declared: a fast path that may decline (returns null) for cases it
 * does not cover, in which case the kernel registered before it (tfjs-backend-wasm's, or an earlier one of ours)
 * runs unchanged.
 */
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { trainingKernelsFor, type TrainingKernels, type WasmBackendInternals } from './training-kernel-module.js';

/** The arguments of a kernel call with the module's exports and the backend's internals. */
export interface ModuleKernelCall {
  inputs: Record<string, TensorInfo | undefined>;
  attrs: NamedAttrMap;
  backend: WasmBackendInternals;
  k: TrainingKernels;
}

/** A fast path: its outputs, or null to leave the call to the previous kernel. */
export type FastPath = (call: ModuleKernelCall) => TensorInfo | TensorInfo[] | null;

/**
 * A wasm kernel config named `kernelName` that runs `fast` when the module is available on the backend and it
 * accepts the call, else `previous` (which must exist: the stock kernel or one registered earlier).
 */
export function moduleKernel(kernelName: string, fast: FastPath, previous: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const k = trainingKernelsFor(args.backend);
    if (k) {
      const out = fast({
        inputs: args.inputs,
        attrs: args.attrs ?? {},
        backend: args.backend as unknown as WasmBackendInternals,
        k,
      });
      if (out !== null) return out;
    }
    return previous.kernelFunc(args);
  };
  // Keep the previous kernel's setupFunc/disposeFunc: stock wasm kernels bind their C++ entry points there.
  return { ...previous, kernelName, backendName: 'wasm', kernelFunc };
}

/** The input `name` of a call, which the kernel's contract guarantees. */
export function input(call: ModuleKernelCall, name: string): TensorInfo {
  const tensor = call.inputs[name];
  if (!tensor) throw new Error(`wasm kernel: missing input '${name}'`);
  return tensor;
}
