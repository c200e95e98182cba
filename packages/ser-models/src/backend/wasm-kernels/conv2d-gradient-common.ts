/**
 * What the two convolution-gradient kernels (Conv2DBackpropFilter, Conv2DBackpropInput) share: the geometry
 * of the call, dy as a row matrix, and the wasm backend's XNNPACK matrix product.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { Conv2DGeometry } from './im2col.js';
import { transposeInto, type WasmBackendLike } from './wasm-backend-types.js';

export type Conv2DInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

type Shape4 = [number, number, number, number];

/**
 * The convolution geometry of a gradient call from the forward input's and filter's shapes and the kernel
 * attrs (dilations default to 1, as tfjs passes none).
 */
export function conv2DGradientGeometry(
  inputShape: Shape4,
  filterShape: Shape4,
  attrs: NamedAttrMap,
): { info: Conv2DInfo; geometry: Conv2DGeometry } {
  const { strides, pad, dataFormat, dimRoundingMode } = attrs as unknown as {
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const dilations = (attrs as { dilations?: [number, number] | number }).dilations ?? 1;
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
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

/**
 * dy as the [M = output positions, outC] row matrix of the matrix product: dy itself for NHWC; for NCHW its
 * per-batch [outC, H·W] → [H·W, outC] transpose written into `dyRows` (allocated by the caller, before any
 * typed-array view is taken: growing the wasm heap detaches them).
 */
export function dyAsRowMatrix(
  wasm: WasmBackendLike,
  dy: TensorInfo,
  dyRows: TensorInfo | null,
  g: Conv2DGeometry,
  outChannels: number,
): TensorInfo {
  const rows = g.batchSize * g.outHeight * g.outWidth;
  if (!dyRows) return { dataId: dy.dataId, shape: [1, rows, outChannels], dtype: 'float32' };
  const src = wasm.typedArrayFromHeap(dy);
  const dst = wasm.typedArrayFromHeap(dyRows);
  const plane = g.outHeight * g.outWidth;
  const block = outChannels * plane;
  for (let b = 0; b < g.batchSize; b++) {
    transposeInto(
      src.subarray(b * block, (b + 1) * block),
      outChannels,
      plane,
      dst.subarray(b * block, (b + 1) * block),
    );
  }
  return dyRows;
}

/** a · b (both [1, rows, cols], untransposed) on the wasm backend's BatchMatMul kernel (XNNPACK). */
export function wasmMatMul(backend: unknown, a: TensorInfo, b: TensorInfo, caller: string): TensorInfo {
  const matMul = tf.getKernel('BatchMatMul', 'wasm');
  if (!matMul) throw new Error(`${caller} (wasm): the wasm BatchMatMul kernel is not registered`);
  return matMul.kernelFunc({
    inputs: { a, b },
    backend: backend as Parameters<typeof matMul.kernelFunc>[0]['backend'],
    attrs: { transposeA: false, transposeB: false },
  }) as TensorInfo;
}
