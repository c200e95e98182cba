import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { conv2DGradientGeometry, dyAsRowMatrix, wasmMatMul } from './conv2d-gradient-common.js';
import { col2imNhwc } from './im2col.js';
import { transposeInto, type WasmBackendLike } from './wasm-backend-types.js';

/**
 * Conv2DBackpropInput for the wasm backend, replacing tfjs-backend-wasm's naive loop (100× slower
 * on Conv1D layers with 256 channels): patch gradients dcols[M, K] = dy[M, outC] · Wᵀ[outC, K] as
 * ONE XNNPACK matrix product, then col2im scatters them back into the input's shape.
 * Supports NHWC and NCHW, any strides/padding, and an optional `dilations` attr.
 */
export const conv2DBackpropInputWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as unknown as WasmBackendLike;
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  if (dy.dtype !== 'float32' || filter.dtype !== 'float32') {
    throw new Error(`Conv2DBackpropInput (wasm): expected float32 tensors, got ${dy.dtype} and ${filter.dtype}`);
  }
  const { inputShape: forwardInputShape } = attrs as unknown as { inputShape: [number, number, number, number] };
  const { info, geometry: g } = conv2DGradientGeometry(
    forwardInputShape,
    filter.shape as [number, number, number, number],
    attrs ?? {},
  );
  const channelsFirst = info.dataFormat === 'channelsFirst';
  const rows = g.batchSize * g.outHeight * g.outWidth; // M
  const depth = g.filterHeight * g.filterWidth * g.inChannels; // K
  const outChannels = info.outChannels;

  const dyMatrix = channelsFirst ? wasm.makeOutput([1, rows, outChannels], 'float32') : null;
  const filterT = wasm.makeOutput([1, outChannels, depth], 'float32');
  transposeInto(wasm.typedArrayFromHeap(filter), depth, outChannels, wasm.typedArrayFromHeap(filterT));
  const a = dyAsRowMatrix(wasm, dy, dyMatrix, g, outChannels);
  const dcols = wasmMatMul(backend, a, filterT, 'Conv2DBackpropInput');
  wasm.disposeData(filterT.dataId);
  if (dyMatrix) wasm.disposeData(dyMatrix.dataId);

  const inputShape = info.inShape.slice();
  const dx = wasm.makeOutput(inputShape, 'float32');
  const dcolsValues = wasm.typedArrayFromHeap(dcols);
  if (channelsFirst) {
    const nhwc = new Float32Array(g.batchSize * g.inHeight * g.inWidth * g.inChannels);
    col2imNhwc(dcolsValues, g, nhwc);
    const out = wasm.typedArrayFromHeap(dx);
    const plane = g.inHeight * g.inWidth;
    for (let b = 0; b < g.batchSize; b++) {
      transposeInto(
        nhwc.subarray(b * plane * g.inChannels, (b + 1) * plane * g.inChannels),
        plane,
        g.inChannels,
        out.subarray(b * plane * g.inChannels, (b + 1) * plane * g.inChannels),
      );
    }
  } else {
    col2imNhwc(dcolsValues, g, wasm.typedArrayFromHeap(dx));
  }
  wasm.disposeData(dcols.dataId);
  return dx;
};

/** Kernel registration record of {@link conv2DBackpropInputWasm}. */
export const conv2DBackpropInputWasmConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInputWasm,
};
