import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { col2imNhwc, type Conv2DGeometry } from './im2col.js';
import { transposeInto, type WasmBackendLike } from './wasm-backend-types.js';

function geometryOf(filter: TensorInfo, attrs: NamedAttrMap) {
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as {
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    inputShape: [number, number, number, number];
  };
  const dilations = ((attrs as { dilations?: [number, number] | number }).dilations ?? 1) as [number, number] | number;
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number],
    strides, dilations, pad, dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(dataFormat));
  const geometry: Conv2DGeometry = {
    batchSize: info.batchSize, inHeight: info.inHeight, inWidth: info.inWidth, inChannels: info.inChannels,
    outHeight: info.outHeight, outWidth: info.outWidth, filterHeight: info.filterHeight, filterWidth: info.filterWidth,
    strideHeight: info.strideHeight, strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight, dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top, padLeft: info.padInfo.left,
  };
  return { info, geometry };
}

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
  const { info, geometry: g } = geometryOf(filter, attrs ?? {});
  const channelsFirst = info.dataFormat === 'channelsFirst';
  const rows = g.batchSize * g.outHeight * g.outWidth; // M
  const depth = g.filterHeight * g.filterWidth * g.inChannels; // K
  const outChannels = info.outChannels;

  const dyMatrix = channelsFirst ? wasm.makeOutput([1, rows, outChannels], 'float32') : null;
  const filterT = wasm.makeOutput([1, outChannels, depth], 'float32');
  transposeInto(wasm.typedArrayFromHeap(filter), depth, outChannels, wasm.typedArrayFromHeap(filterT));
  if (dyMatrix) {
    // NCHW dy [b, c, p] → [b·p, c]
    const src = wasm.typedArrayFromHeap(dy);
    const dst = wasm.typedArrayFromHeap(dyMatrix);
    const plane = g.outHeight * g.outWidth;
    for (let b = 0; b < g.batchSize; b++) {
      transposeInto(src.subarray(b * outChannels * plane, (b + 1) * outChannels * plane), outChannels, plane,
        dst.subarray(b * plane * outChannels, (b + 1) * plane * outChannels));
    }
  }
  const a: TensorInfo = dyMatrix ?? { dataId: dy.dataId, shape: [1, rows, outChannels], dtype: 'float32' };
  const matMul = tf.getKernel('BatchMatMul', 'wasm');
  if (!matMul) throw new Error('Conv2DBackpropInput (wasm): the wasm BatchMatMul kernel is not registered');
  const dcols = matMul.kernelFunc({ inputs: { a, b: filterT }, backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo;
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
      transposeInto(nhwc.subarray(b * plane * g.inChannels, (b + 1) * plane * g.inChannels), plane, g.inChannels,
        out.subarray(b * plane * g.inChannels, (b + 1) * plane * g.inChannels));
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
