import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { im2colNhwc, type Conv2DGeometry } from './im2col.js';
import { transposeInto, type WasmBackendLike } from './wasm-backend-types.js';

type Conv2DInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

/** The convolution geometry of a Conv2DBackpropFilter call (dilations default to 1, as tfjs passes none). */
function geometryOf(x: TensorInfo, attrs: NamedAttrMap): { info: Conv2DInfo; geometry: Conv2DGeometry } {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as {
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
  };
  const dilations = ((attrs as { dilations?: [number, number] | number }).dilations ?? 1) as [number, number] | number;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, strides, dilations, pad, dimRoundingMode, false,
    tf.backend_util.convertConv2DDataFormat(dataFormat));
  const geometry: Conv2DGeometry = {
    batchSize: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
  return { info, geometry };
}

/** NCHW → NHWC copy of one 4-D tensor's values. */
function nchwToNhwc(src: Float32Array, n: number, c: number, h: number, w: number): Float32Array {
  const dst = new Float32Array(src.length);
  const plane = h * w;
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      const srcOffset = (b * c + ch) * plane;
      for (let p = 0; p < plane; p++) dst[(b * plane + p) * c + ch] = src[srcOffset + p];
    }
  }
  return dst;
}

/**
 * Conv2DBackpropFilter for the wasm backend (tfjs-backend-wasm 4.x lacks it; Conv1D and Conv2D
 * gradients need it): dW = im2col(x)ᵀ · dy computed as ONE matrix product on the wasm backend's
 * own XNNPACK BatchMatMul. XNNPACK is fast only for untransposed operands, so we compute
 * dWᵀ[outC, K] = dyᵀ[outC, M] · cols[M, K] (M = output positions, K = fH·fW·inC) and transpose
 * the small result. Supports NHWC and NCHW, any strides/padding, and an optional `dilations` attr.
 */
export const conv2DBackpropFilterWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as unknown as WasmBackendLike;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new Error(`Conv2DBackpropFilter (wasm): expected float32 tensors, got ${x.dtype} and ${dy.dtype}`);
  }
  const { info, geometry: g } = geometryOf(x, attrs ?? {});
  const channelsFirst = info.dataFormat === 'channelsFirst';
  const rows = g.batchSize * g.outHeight * g.outWidth; // M
  const depth = g.filterHeight * g.filterWidth * g.inChannels; // K
  const outChannels = info.outChannels;

  // Allocate first: growing the wasm heap detaches earlier typed-array views.
  const dyT = wasm.makeOutput([1, outChannels, rows], 'float32');
  const cols = wasm.makeOutput([1, rows, depth], 'float32');
  const xValues = wasm.typedArrayFromHeap(x);
  const dyValues = wasm.typedArrayFromHeap(dy);
  const dyTValues = wasm.typedArrayFromHeap(dyT);
  const colsValues = wasm.typedArrayFromHeap(cols);

  if (channelsFirst) {
    im2colNhwc(nchwToNhwc(xValues, g.batchSize, g.inChannels, g.inHeight, g.inWidth), g, colsValues);
    const plane = g.outHeight * g.outWidth;
    for (let b = 0; b < g.batchSize; b++) {
      for (let c = 0; c < outChannels; c++) {
        const src = (b * outChannels + c) * plane;
        dyTValues.set(dyValues.subarray(src, src + plane), c * rows + b * plane);
      }
    }
  } else {
    im2colNhwc(xValues, g, colsValues);
    transposeInto(dyValues, rows, outChannels, dyTValues);
  }

  const matMul = tf.getKernel('BatchMatMul', 'wasm');
  if (!matMul) throw new Error('Conv2DBackpropFilter (wasm): the wasm BatchMatMul kernel is not registered');
  const product = matMul.kernelFunc({
    inputs: { a: dyT, b: cols },
    backend,
    attrs: { transposeA: false, transposeB: false },
  }) as TensorInfo;
  wasm.disposeData(dyT.dataId);
  wasm.disposeData(cols.dataId);

  const dW = wasm.makeOutput(info.filterShape.slice(), 'float32');
  transposeInto(wasm.typedArrayFromHeap(product), outChannels, depth, wasm.typedArrayFromHeap(dW));
  wasm.disposeData(product.dataId);
  return dW;
};

/** Kernel registration record of {@link conv2DBackpropFilterWasm}. */
export const conv2DBackpropFilterWasmConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilterWasm,
};
