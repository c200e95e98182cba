import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { conv2DGradientGeometry, dyAsRowMatrix, wasmMatMul } from './conv2d-gradient-common.js';
import { im2colTransposedFromChw } from './im2col.js';
import { transposeInto, type WasmBackendLike } from './wasm-backend-types.js';

/** NHWC → NCHW copy of one 4-D tensor's values (per batch, a [H·W, C] → [C, H·W] transpose). */
function nhwcToNchw(src: Float32Array, n: number, h: number, w: number, c: number): Float32Array {
  const dst = new Float32Array(src.length);
  const block = h * w * c;
  for (let b = 0; b < n; b++) {
    transposeInto(src.subarray(b * block, (b + 1) * block), h * w, c, dst.subarray(b * block, (b + 1) * block));
  }
  return dst;
}

/**
 * Conv2DBackpropFilter for the wasm backend (tfjs-backend-wasm 4.x lacks it; Conv1D and Conv2D
 * gradients need it): dW[K, outC] = colsᵀ[K, M] · dy[M, outC] as ONE matrix product on the wasm
 * backend's own XNNPACK BatchMatMul (M = output positions, K = fH·fW·inC). XNNPACK is fast only for
 * untransposed operands and packs the right operand on every call, so the transposed patch matrix
 * is built directly (from a channels-first copy of x, in contiguous runs) and the small dy is the
 * packed operand; the product is already in [fH, fW, inC, outC] order. Supports NHWC and NCHW, any
 * strides/padding, and an optional `dilations` attr.
 */
export const conv2DBackpropFilterWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as unknown as WasmBackendLike;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new Error(`Conv2DBackpropFilter (wasm): expected float32 tensors, got ${x.dtype} and ${dy.dtype}`);
  }
  const { filterShape } = attrs as unknown as { filterShape: [number, number, number, number] };
  const { info, geometry: g } = conv2DGradientGeometry(
    x.shape as [number, number, number, number],
    filterShape,
    attrs ?? {},
  );
  const channelsFirst = info.dataFormat === 'channelsFirst';
  const rows = g.batchSize * g.outHeight * g.outWidth; // M
  const depth = g.filterHeight * g.filterWidth * g.inChannels; // K
  const outChannels = info.outChannels;

  // Allocate first: growing the wasm heap detaches earlier typed-array views.
  const colsT = wasm.makeOutput([1, depth, rows], 'float32');
  const dyMatrix = channelsFirst ? wasm.makeOutput([1, rows, outChannels], 'float32') : null;
  const xValues = wasm.typedArrayFromHeap(x);
  const xChw = channelsFirst ? xValues : nhwcToNchw(xValues, g.batchSize, g.inHeight, g.inWidth, g.inChannels);
  im2colTransposedFromChw(xChw, g, wasm.typedArrayFromHeap(colsT));
  const b = dyAsRowMatrix(wasm, dy, dyMatrix, g, outChannels);
  const dW = wasmMatMul(backend, colsT, b, 'Conv2DBackpropFilter');
  wasm.disposeData(colsT.dataId);
  if (dyMatrix) wasm.disposeData(dyMatrix.dataId);
  dW.shape = info.filterShape.slice();
  return dW;
};

/** Kernel registration record of {@link conv2DBackpropFilterWasm}. */
export const conv2DBackpropFilterWasmConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilterWasm,
};
