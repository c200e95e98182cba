/**
 * Elementwise kernels on the training-kernel module: Identity and same-dtype Cast without a copy (as the cpu
 * backend), float32 binary operations with any broadcasting that reduces to row/column patterns, and the unary
 * operations that training chains through (Relu, Step, Neg, Square, Sqrt).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { input, type FastPath, type ModuleKernelCall } from './module-kernel.js';
import { offsetOf, sizeOf } from './training-kernel-module.js';

/** A new reference to x's values: tensors are immutable, so sharing the buffer is what the cpu backend does. */
function sameValues(call: ModuleKernelCall, x: TensorInfo): TensorInfo {
  call.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape.slice(), dtype: x.dtype };
}

export const identityFast: FastPath = (call) => {
  const x = input(call, 'x');
  return x.dtype === 'string' ? null : sameValues(call, x);
};

export const castFast: FastPath = (call) => {
  const x = input(call, 'x');
  const { dtype } = call.attrs as { dtype: string };
  return x.dtype === dtype && x.dtype !== 'string' ? sameValues(call, x) : null;
};

/** One side's layout in a broadcast: the stride of each merged dimension (0 where it is broadcast). */
interface BroadcastPlan {
  outShape: number[];
  /** Merged dimensions, outermost first; the last two are handled inside one kernel call. */
  sizes: number[];
  aStrides: number[];
  bStrides: number[];
}

/**
 * Merges the dimensions of a broadcast a ∘ b into runs with the same pattern (each side full or broadcast), with
 * each side's element strides. Returns null when there is nothing to do (empty output).
 */
export function broadcastPlan(aShape: readonly number[], bShape: readonly number[]): BroadcastPlan | null {
  const outShape = tf.backend_util.assertAndGetBroadcastShape(aShape as number[], bShape as number[]);
  if (sizeOf(outShape) === 0) return null;
  const n = outShape.length;
  const pad = (s: readonly number[]) => [...Array<number>(n - s.length).fill(1), ...s];
  const a = pad(aShape);
  const b = pad(bShape);
  const runs: Array<{ size: number; aFull: boolean; bFull: boolean }> = [];
  for (let d = 0; d < n; d++) {
    const size = outShape[d]!;
    if (size === 1) continue;
    const aFull = a[d] === size;
    const bFull = b[d] === size;
    const last = runs[runs.length - 1];
    if (last && last.aFull === aFull && last.bFull === bFull) last.size *= size;
    else runs.push({ size, aFull, bFull });
  }
  if (runs.length === 0) runs.push({ size: 1, aFull: true, bFull: true });
  const aStrides = new Array<number>(runs.length);
  const bStrides = new Array<number>(runs.length);
  let aStep = 1;
  let bStep = 1;
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!;
    aStrides[i] = run.aFull ? aStep : 0;
    bStrides[i] = run.bFull ? bStep : 0;
    if (run.aFull) aStep *= run.size;
    if (run.bFull) bStep *= run.size;
  }
  return { outShape, sizes: runs.map((r) => r.size), aStrides, bStrides };
}

/** A float32 binary kernel's fast path: the module's `bin_<op>_2d` over the plan's last two merged dimensions. */
export function binaryFast(op: 'add' | 'sub' | 'mul' | 'div' | 'max' | 'min'): FastPath {
  const name = `bin_${op}_2d` as const;
  return (call) => {
    const a = input(call, 'a');
    const b = input(call, 'b');
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
    const plan = broadcastPlan(a.shape, b.shape);
    if (!plan) return null;
    const out = call.backend.makeOutput(plan.outShape, 'float32');
    const fn = call.k[name]!;
    const aBase = offsetOf(call.backend, a);
    const bBase = offsetOf(call.backend, b);
    let outAt = offsetOf(call.backend, out);
    const d = plan.sizes.length;
    const cols = plan.sizes[d - 1]!;
    const aCol = plan.aStrides[d - 1]! === 0 ? 0 : 1;
    const bCol = plan.bStrides[d - 1]! === 0 ? 0 : 1;
    const rows = d >= 2 ? plan.sizes[d - 2]! : 1;
    const aRow = d >= 2 ? plan.aStrides[d - 2]! : 0;
    const bRow = d >= 2 ? plan.bStrides[d - 2]! : 0;
    const outer = plan.sizes.slice(0, Math.max(0, d - 2));
    const index = new Array<number>(outer.length).fill(0);
    const block = rows * cols * 4;
    for (;;) {
      let aOff = 0;
      let bOff = 0;
      for (let i = 0; i < outer.length; i++) {
        aOff += index[i]! * plan.aStrides[i]!;
        bOff += index[i]! * plan.bStrides[i]!;
      }
      fn(rows, cols, aBase + aOff * 4, aRow, aCol, bBase + bOff * 4, bRow, bCol, outAt);
      outAt += block;
      let i = outer.length - 1;
      while (i >= 0 && ++index[i]! === outer[i]) index[i--] = 0;
      if (i < 0) break;
    }
    return out;
  };
}

/** A float32 unary kernel's fast path on the module's `un_<op>` (`alpha` read from the attrs for Step). */
export function unaryFast(op: 'relu' | 'step' | 'neg' | 'square' | 'sqrt'): FastPath {
  const name = `un_${op}` as const;
  return (call) => {
    const x = input(call, 'x');
    if (x.dtype !== 'float32') return null;
    const out = call.backend.makeOutput(x.shape.slice(), 'float32');
    const alpha = op === 'step' ? Number((call.attrs as { alpha?: number }).alpha ?? 0) : 0;
    call.k[name]!(sizeOf(x.shape), offsetOf(call.backend, x), offsetOf(call.backend, out), alpha);
    return out;
  };
}
