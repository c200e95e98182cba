import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { transposeInto, type WasmBackendLike } from './wasm-backend-types.js';

/** Materialises the per-batch transpose of the last two axes of a float32 tensor on the wasm heap. */
function transposeLastTwo(wasm: WasmBackendLike, t: TensorInfo): TensorInfo {
  const rank = t.shape.length;
  const rows = t.shape[rank - 2]!; // batchMatMul operands have rank ≥ 2
  const cols = t.shape[rank - 1]!;
  const shape = [...t.shape.slice(0, -2), cols, rows];
  const out = wasm.makeOutput(shape, 'float32');
  const src = wasm.typedArrayFromHeap(t);
  const dst = wasm.typedArrayFromHeap(out);
  const block = rows * cols;
  for (let offset = 0; offset < src.length; offset += block) {
    transposeInto(src.subarray(offset, offset + block), rows, cols, dst.subarray(offset, offset + block));
  }
  return out;
}

/**
 * Wraps tfjs-backend-wasm's BatchMatMul so that transposed operands are transposed explicitly
 * (a cheap O(n²) copy) and the product always runs on XNNPACK's untransposed fast path: the
 * stock kernel falls back to a naive loop for `transposeA`/`transposeB` that is 10–40× slower,
 * and every Dense/LSTM gradient asks for a transpose.
 *
 * @param original - the stock wasm BatchMatMul kernel, which this one delegates to.
 */
export function makeFastBatchMatMul(original: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const { transposeA, transposeB } = (attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    if ((!transposeA && !transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32') {
      return original.kernelFunc(args);
    }
    const wasm = backend as unknown as WasmBackendLike;
    const aPlain = transposeA ? transposeLastTwo(wasm, a) : a;
    const bPlain = transposeB ? transposeLastTwo(wasm, b) : b;
    const out = original.kernelFunc({
      inputs: { a: aPlain, b: bPlain },
      backend,
      attrs: { ...attrs, transposeA: false, transposeB: false },
    }) as TensorInfo;
    if (transposeA) wasm.disposeData(aPlain.dataId);
    if (transposeB) wasm.disposeData(bPlain.dataId);
    return out;
  };
  return { ...original, kernelName: tf.BatchMatMul, backendName: 'wasm', kernelFunc };
}
