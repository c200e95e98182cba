/**
 * A whole LSTM layer over a sequence as two kernels on the training-kernel module, for
 * {@link ../fused-layers/lstm}: `SerLstm` (forward over all time steps) and `SerLstmGrad` (backpropagation through
 * time). tfl.layers runs an LSTM as ~15 small kernels per time step forward and more backward; here the input
 * projection of every step is one matrix product, each step one product with the recurrent kernel plus the gate
 * arithmetic, and the weight gradients one product each.
 *
 * Gates in tfl.layers' order (z = x·W + h·R + b split into i, f, g, o): i, f, o = recurrentActivation(·) (hardSigmoid
 * = clip(0.2z + 0.5, 0, 1), or sigmoid), g = tanh, c = f·c₋₁ + i·g, h = o·tanh(c); zero initial state.
 */
import type { GradConfig, KernelConfig, KernelFunc, NamedAttrMap, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import {
  offsetOf,
  trainingKernelsFor,
  withScratch,
  type TrainingKernels,
  type WasmBackendInternals,
} from './training-kernel-module.js';

export const SER_LSTM = 'SerLstm';
export const SER_LSTM_GRAD = 'SerLstmGrad';

/** The recurrent activations the kernels compute. */
export type LstmGateActivation = 'hardSigmoid' | 'sigmoid';

interface LstmAttrs {
  units: number;
  recurrentActivation: LstmGateActivation;
}

function kernelsOf(backend: unknown, name: string): TrainingKernels {
  const k = trainingKernelsFor(backend);
  if (!k) throw new Error(`${name}: the training-kernel module is not available on this backend`);
  return k;
}

const gate = (activation: LstmGateActivation) =>
  activation === 'sigmoid'
    ? (z: number) => 1 / (1 + Math.exp(-z))
    : (z: number) => Math.min(1, Math.max(0, 0.2 * z + 0.5));
/** d gate / dz from the gate's value a (hardSigmoid: 0.2 inside (0, 1); sigmoid: a(1 − a)). */
const gateSlope = (activation: LstmGateActivation) =>
  activation === 'sigmoid' ? (a: number) => a * (1 - a) : (a: number) => (a > 0 && a < 1 ? 0.2 : 0);

/** B [rows × cols] packed into gemm_nn panels at `out` (cols a multiple of 8), optionally transposed first. */
function packed(
  k: TrainingKernels,
  backend: WasmBackendInternals,
  b: number,
  rows: number,
  cols: number,
  out: number,
  transposeFirst: number | null,
): { b: number; ldb: number; panelStride: number } {
  if (transposeFirst === null) {
    k.pack_panels(rows, cols, b, cols, out);
  } else {
    // B is stored as its transpose [cols × rows] at `b`: write the transpose into `transposeFirst`, then pack.
    const heap = backend.wasm.HEAPF32;
    const src = b >>> 2;
    const dst = transposeFirst >>> 2;
    for (let r = 0; r < cols; r++) for (let c = 0; c < rows; c++) heap[dst + c * cols + r] = heap[src + r * rows + c]!;
    k.pack_panels(rows, cols, transposeFirst, cols, out);
  }
  return { b: out, ldb: 32, panelStride: rows * 32 };
}

const lstmForward: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const backend = b as unknown as WasmBackendInternals;
  const k = kernelsOf(b, SER_LSTM);
  const { x, kernel, recurrentKernel, bias } = inputs as Record<
    'x' | 'kernel' | 'recurrentKernel' | 'bias',
    TensorInfo
  >;
  const { units: u, recurrentActivation } = attrs as unknown as LstmAttrs;
  const [batch, steps, features] = x.shape as [number, number, number];
  const g4 = 4 * u;
  const hAll = backend.makeOutput([batch, steps, u], 'float32');
  const cAll = backend.makeOutput([batch, steps, u], 'float32');
  const gates = backend.makeOutput([batch, steps, g4], 'float32');
  const act = gate(recurrentActivation);
  withScratch(backend, (features * g4 + u * g4 + batch * g4) * 4, (base) => {
    const wp = packed(k, backend, offsetOf(backend, kernel), features, g4, base, null);
    const rp = packed(k, backend, offsetOf(backend, recurrentKernel), u, g4, base + features * g4 * 4, null);
    const zStep = base + (features + u) * g4 * 4;
    // Input projections of every step at once, into `gates` (overwritten step by step with the activated gates).
    k.gemm_nn(
      batch * steps,
      g4,
      features,
      offsetOf(backend, x),
      features,
      wp.b,
      wp.ldb,
      wp.panelStride,
      offsetOf(backend, gates),
      g4,
      0,
    );
    const heap = backend.wasm.HEAPF32;
    const gt = offsetOf(backend, gates) >>> 2;
    const h = offsetOf(backend, hAll) >>> 2;
    const c = offsetOf(backend, cAll) >>> 2;
    const bs = offsetOf(backend, bias) >>> 2;
    const zs = zStep >>> 2;
    for (let t = 0; t < steps; t++) {
      if (t > 0) {
        k.gemm_nn(
          batch,
          g4,
          u,
          offsetOf(backend, hAll) + (t - 1) * u * 4,
          steps * u,
          rp.b,
          rp.ldb,
          rp.panelStride,
          zStep,
          g4,
          0,
        );
      }
      for (let n = 0; n < batch; n++) {
        const row = gt + (n * steps + t) * g4;
        const hRow = h + (n * steps + t) * u;
        const cRow = c + (n * steps + t) * u;
        const cPrev = c + (n * steps + t - 1) * u;
        for (let j = 0; j < u; j++) {
          const rec = (q: number) => (t > 0 ? heap[zs + n * g4 + q * u + j]! : 0);
          const i = act(heap[row + j]! + rec(0) + heap[bs + j]!);
          const f = act(heap[row + u + j]! + rec(1) + heap[bs + u + j]!);
          const gg = Math.tanh(heap[row + 2 * u + j]! + rec(2) + heap[bs + 2 * u + j]!);
          const o = act(heap[row + 3 * u + j]! + rec(3) + heap[bs + 3 * u + j]!);
          const cell = (t > 0 ? f * heap[cPrev + j]! : 0) + i * gg;
          heap[row + j] = i;
          heap[row + u + j] = f;
          heap[row + 2 * u + j] = gg;
          heap[row + 3 * u + j] = o;
          heap[cRow + j] = cell;
          heap[hRow + j] = o * Math.tanh(cell);
        }
      }
    }
  });
  return [hAll, cAll, gates];
};

const lstmBackward: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const backend = b as unknown as WasmBackendInternals;
  const k = kernelsOf(b, SER_LSTM_GRAD);
  const { dh, x, kernel, recurrentKernel, hAll, cAll, gates } = inputs as Record<
    'dh' | 'x' | 'kernel' | 'recurrentKernel' | 'hAll' | 'cAll' | 'gates',
    TensorInfo
  >;
  const { units: u, recurrentActivation } = attrs as unknown as LstmAttrs;
  const [batch, steps, features] = x.shape as [number, number, number];
  const g4 = 4 * u;
  const dx = backend.makeOutput([batch, steps, features], 'float32');
  const dKernel = backend.makeOutput([features, g4], 'float32');
  const dRecurrent = backend.makeOutput([u, g4], 'float32');
  const dBias = backend.makeOutput([g4], 'float32');
  const slope = gateSlope(recurrentActivation);
  const scratchFloats = batch * steps * g4 + g4 * u + u * g4 + g4 * features + features * g4 + 2 * batch * u;
  withScratch(backend, scratchFloats * 4, (base) => {
    const dz = base; // [batch, steps, 4u]
    const rtTmp = dz + batch * steps * g4 * 4;
    const rtPacked = rtTmp + g4 * u * 4;
    const wtTmp = rtPacked + u * g4 * 4;
    const wtPacked = wtTmp + g4 * features * 4;
    const dhNext = wtPacked + features * g4 * 4; // [batch, u]
    const dcNext = dhNext + batch * u * 4; // [batch, u]
    const rt = packed(k, backend, offsetOf(backend, recurrentKernel), g4, u, rtPacked, rtTmp); // Rᵀ [4u × u]
    const heap = backend.wasm.HEAPF32;
    heap.fill(0, dhNext >>> 2, (dcNext >>> 2) + batch * u);
    const gt = offsetOf(backend, gates) >>> 2;
    const cs = offsetOf(backend, cAll) >>> 2;
    const dhs = offsetOf(backend, dh) >>> 2;
    const dzs = dz >>> 2;
    const dhn = dhNext >>> 2;
    const dcn = dcNext >>> 2;
    for (let t = steps - 1; t >= 0; t--) {
      const hp = backend.wasm.HEAPF32;
      for (let n = 0; n < batch; n++) {
        const g = gt + (n * steps + t) * g4;
        const dzRow = dzs + (n * steps + t) * g4;
        for (let j = 0; j < u; j++) {
          const i = hp[g + j]!;
          const f = hp[g + u + j]!;
          const gg = hp[g + 2 * u + j]!;
          const o = hp[g + 3 * u + j]!;
          const cell = hp[cs + (n * steps + t) * u + j]!;
          const cPrev = t > 0 ? hp[cs + (n * steps + t - 1) * u + j]! : 0;
          const tc = Math.tanh(cell);
          const dhTotal = hp[dhs + (n * steps + t) * u + j]! + hp[dhn + n * u + j]!;
          const dc = dhTotal * o * (1 - tc * tc) + hp[dcn + n * u + j]!;
          hp[dzRow + j] = dc * gg * slope(i);
          hp[dzRow + u + j] = dc * cPrev * slope(f);
          hp[dzRow + 2 * u + j] = dc * i * (1 - gg * gg);
          hp[dzRow + 3 * u + j] = dhTotal * tc * slope(o);
          hp[dcn + n * u + j] = dc * f;
        }
      }
      if (t > 0) {
        // dh₋₁ = dz_t · Rᵀ; dR += h₋₁ᵀ · dz_t
        k.gemm_nn(batch, u, g4, dz + t * g4 * 4, steps * g4, rt.b, rt.ldb, rt.panelStride, dhNext, u, 0);
        k.gemm_tn(
          u,
          g4,
          batch,
          offsetOf(backend, hAll) + (t - 1) * u * 4,
          steps * u,
          dz + t * g4 * 4,
          steps * g4,
          offsetOf(backend, dRecurrent),
          g4,
          t < steps - 1 ? 1 : 0,
        );
      }
    }
    if (steps === 1)
      backend.wasm.HEAPF32.fill(0, offsetOf(backend, dRecurrent) >>> 2, (offsetOf(backend, dRecurrent) >>> 2) + u * g4);
    // dW = xᵀ · dz over every step, db = Σ dz, dx = dz · Wᵀ
    k.gemm_tn(features, g4, batch * steps, offsetOf(backend, x), features, dz, g4, offsetOf(backend, dKernel), g4, 0);
    k.sum_rows(1, batch * steps, g4, dz, offsetOf(backend, dBias), 1);
    const wt = packed(k, backend, offsetOf(backend, kernel), g4, features, wtPacked, wtTmp); // Wᵀ [4u × features]
    k.gemm_nn(batch * steps, features, g4, dz, g4, wt.b, wt.ldb, wt.panelStride, offsetOf(backend, dx), features, 0);
  });
  return [dx, dKernel, dRecurrent, dBias];
};

export const lstmSequenceConfigs: KernelConfig[] = [
  { kernelName: SER_LSTM, backendName: 'wasm', kernelFunc: lstmForward },
  { kernelName: SER_LSTM_GRAD, backendName: 'wasm', kernelFunc: lstmBackward },
];

/** The gradient of `SerLstm` with respect to its first output (all hidden states): one `SerLstmGrad` call. */
export const lstmSequenceGradConfig: GradConfig = {
  kernelName: SER_LSTM,
  inputsToSave: ['x', 'kernel', 'recurrentKernel'],
  outputsToSave: [true, true, true],
  gradFunc: (dys: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const [x, kernel, recurrentKernel, hAll, cAll, gates] = saved as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
    const dh = (Array.isArray(dys) ? dys[0] : dys) as Tensor;
    const [dx, dKernel, dRecurrent, dBias] = tf
      .engine()
      .runKernel(SER_LSTM_GRAD, { dh, x, kernel, recurrentKernel, hAll, cAll, gates }, attrs) as Tensor[];
    return { x: () => dx!, kernel: () => dKernel!, recurrentKernel: () => dRecurrent!, bias: () => dBias! };
  },
};
