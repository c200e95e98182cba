import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';

type NumericArray = Float32Array | Int32Array | Uint8Array;

interface HeapBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): NumericArray;
}

/**
 * Tiles `src` (shape `shape`) by `reps` into `dst` with block copies: the innermost axis is copied
 * row by row, then every outer axis duplicates the block already written with `copyWithin`.
 */
export function tileInto(src: NumericArray, shape: number[], reps: number[], dst: NumericArray): void {
  const rank = shape.length;
  if (rank === 0) {
    dst[0] = src[0]!;
    return;
  }
  const outShape = shape.map((d, i) => d * reps[i]!);
  // blockSize[d] = number of output elements spanned by one index of axis d-1 (product of outShape[d..]).
  const outStride = new Array<number>(rank + 1).fill(1);
  const inStride = new Array<number>(rank + 1).fill(1);
  for (let d = rank - 1; d >= 0; d--) {
    outStride[d] = outStride[d + 1]! * outShape[d]!;
    inStride[d] = inStride[d + 1]! * shape[d]!;
  }
  const fill = (axis: number, srcOffset: number, dstOffset: number): void => {
    if (axis === rank - 1) {
      const n = shape[axis]!;
      dst.set(src.subarray(srcOffset, srcOffset + n), dstOffset);
    } else {
      for (let i = 0; i < shape[axis]!; i++) {
        fill(axis + 1, srcOffset + i * inStride[axis + 1]!, dstOffset + i * outStride[axis + 1]!);
      }
    }
    // Replicate the block for this axis reps[axis] - 1 more times.
    const block = shape[axis]! * outStride[axis + 1]!;
    for (let r = 1; r < reps[axis]!; r++) dst.copyWithin(dstOffset + r * block, dstOffset, dstOffset + block);
  };
  fill(0, 0, 0);
}

/**
 * Replaces tfjs-backend-wasm's Tile (a per-element index loop: 80 ms to broadcast a [256] vector
 * over a [32, 180, 256] batch-norm gradient) with block copies. Strings fall back to the stock kernel.
 */
export function makeFastTile(original: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string' || x.dtype === 'complex64') return original.kernelFunc(args);
    const { reps } = args.attrs as unknown as { reps: number[] };
    const backend = args.backend as unknown as HeapBackend;
    const out = backend.makeOutput(
      x.shape.map((d, i) => d * reps[i]!),
      x.dtype,
    );
    if (out.shape.reduce((a, b) => a * b, 1) > 0) {
      tileInto(backend.typedArrayFromHeap(x), x.shape, reps, backend.typedArrayFromHeap(out));
    }
    return out;
  };
  return { ...original, kernelFunc };
}
