/**
 * 1-D convolutions (tfjs' `conv1d`, hence every tfl.layers Conv1D: a Conv2D over [batch, 1, length, channels]
 * with a [1, taps, in, out] filter) forward, input gradient and weight gradient on the training-kernel module.
 *
 * Filters of 2 to 7 taps use Winograd F(9 − r, r) (α = 8 products per tile of 9 − r outputs instead of (9 − r)·r:
 * 2.5× fewer multiply-adds for 5 taps), longer ones (the original project's 8 taps) the sum of Winograd chunks
 * (two F(5, 4): 2.5× fewer), computed block by block so that the transformed tiles stay in cache: transform a
 * block of input tiles, 8 matrix products (one per point) against the transformed filter, transform back. 1-tap
 * filters, and channel counts that are not multiples of 4, use one matrix product whose rows are overlapping
 * windows of a zero-padded input.
 * Numerically both differ from a direct sum only by float32 rounding (checked against the cpu backend in tests).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import {
  offsetOf,
  withScratch,
  writeFloats,
  type TrainingKernels,
  type WasmBackendInternals,
} from './training-kernel-module.js';
import {
  WINOGRAD_POINTS,
  winogradChunking,
  winogradMatrices,
  type WinogradChunking,
  type WinogradMatrices,
} from './winograd.js';

const ALPHA = WINOGRAD_POINTS;
/** Tiles transformed and multiplied per block (the block's transformed tiles then fit in L2 cache). */
const TILES_PER_BLOCK = 64;

/** A 1-D convolution's geometry (stride 1, no dilation, channels last). */
export interface Conv1DGeometry {
  batch: number;
  /** Input length. */
  length: number;
  inChannels: number;
  outChannels: number;
  taps: number;
  /** Zeros added before the input. */
  padLeft: number;
  outLength: number;
}

const roundUp = (n: number, multiple: number): number => Math.ceil(n / multiple) * multiple;

/**
 * The geometry of a Conv2D call when it is a 1-D convolution these kernels run ([b, 1, length, c] NHWC input,
 * [1, taps, c, out] filter, stride 1, dilation 1), else null (the caller keeps the general kernel).
 */
export function conv1DGeometry(
  xShape: readonly number[],
  filterShape: readonly number[],
  attrs: NamedAttrMap,
): Conv1DGeometry | null {
  const a = attrs as unknown as {
    strides: number | [number, number];
    pad: unknown;
    dataFormat?: string;
    dilations?: number | [number, number];
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  if ((a.dataFormat ?? 'NHWC') !== 'NHWC' || xShape.length !== 4 || filterShape.length !== 4) return null;
  if (xShape[1] !== 1 || filterShape[0] !== 1) return null;
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    a.strides,
    a.dilations ?? 1,
    a.pad as 'same',
    a.dimRoundingMode,
    false,
    'channelsLast',
  );
  if (info.strideHeight !== 1 || info.strideWidth !== 1 || info.dilationHeight !== 1 || info.dilationWidth !== 1)
    return null;
  if (info.outHeight !== 1 || info.padInfo.top !== 0) return null;
  return {
    batch: info.batchSize,
    length: info.inWidth,
    inChannels: info.inChannels,
    outChannels: info.outChannels,
    taps: info.filterWidth,
    padLeft: info.padInfo.left,
    outLength: info.outWidth,
  };
}

/** Whether the module's kernels can run this geometry (channel counts the 4-lane transforms need). */
export function conv1DSupported(g: Conv1DGeometry, pass: 'forward' | 'input' | 'filter'): boolean {
  if (g.batch < 1 || g.outLength < 1 || g.length < 1) return false;
  if (winogradChunking(g.taps)) return g.inChannels % 4 === 0 && g.outChannels % 4 === 0;
  // Direct path: the filter gradient's product needs taps·in rows in fours; outputs are written through padded rows.
  if (pass === 'filter') return (g.taps * g.inChannels) % 4 === 0 && g.outChannels % 4 === 0;
  return true;
}

interface Context {
  k: TrainingKernels;
  backend: WasmBackendInternals;
}

/** The right operand of gemm_nn: where its 8-column panels start, their row stride and the panel stride (bytes). */
interface RightOperand {
  b: number;
  ldb: number;
  panelStride: number;
}

/** Products with at least this many rows read their right operand from packed panels (packing pays off there). */
const PACK_FROM_ROWS = 512;
/** Right operands deeper than this are packed whatever the product: strided panels that deep thrash the L1 cache. */
const PACK_FROM_DEPTH = 640;

/**
 * B [rows × cols] (row-major at `pointer`) as gemm_nn's right operand: B itself when its columns come in eights and
 * the product is small and shallow (no packing pass: what single-clip prediction needs), else packed into
 * `scratch` (rows · roundUp(cols, 8) floats).
 */
function rightOperand(
  k: TrainingKernels,
  pointer: number,
  rows: number,
  cols: number,
  productRows: number,
  scratch: number,
): RightOperand {
  if (cols % 8 === 0 && productRows < PACK_FROM_ROWS && rows <= PACK_FROM_DEPTH)
    return { b: pointer, ldb: cols * 4, panelStride: 32 };
  k.pack_panels(rows, cols, pointer, cols, scratch);
  return { b: scratch, ldb: 32, panelStride: rows * 32 };
}

/** Bytes of scratch for the coefficient matrices, written once per call. */
function writeMatrices(
  backend: WasmBackendInternals,
  pointer: number,
  w: WinogradMatrices,
): {
  inputTransform: number;
  outputTransform: number;
  outputTransformTransposed: number;
  filterTransform: number;
  filterTransformTransposed: number;
} {
  const parts = [
    w.inputTransform,
    w.outputTransform,
    w.outputTransformTransposed,
    w.filterTransform,
    w.filterTransformTransposed,
  ];
  const offsets: number[] = [];
  let at = pointer;
  for (const part of parts) {
    writeFloats(backend, at, part);
    offsets.push(at);
    at += roundUp(part.length * 4, 16);
  }
  const [inputTransform, outputTransform, outputTransformTransposed, filterTransform, filterTransformTransposed] =
    offsets as [number, number, number, number, number];
  return { inputTransform, outputTransform, outputTransformTransposed, filterTransform, filterTransformTransposed };
}
const MATRIX_BYTES = 5 * roundUp(ALPHA * ALPHA * 4, 16);

/**
 * The tiles [q0, q1) (numbered over the whole batch, `tilesPerSample` per sample) split by sample: calls
 * `run(sample, firstLocalTile, count, offsetInBlock)` for each sample they cover.
 */
function forEachSampleRun(
  q0: number,
  q1: number,
  tilesPerSample: number,
  run: (b: number, local: number, count: number, inBlock: number) => void,
): void {
  for (let b = Math.floor(q0 / tilesPerSample); b * tilesPerSample < q1; b++) {
    const qa = Math.max(q0, b * tilesPerSample);
    const qb = Math.min(q1, (b + 1) * tilesPerSample);
    run(b, qa - b * tilesPerSample, qb - qa, qa - q0);
  }
}

/**
 * The filter at `filter` ([taps][in][out]) as `chunks` chunks of `chunkTaps` taps: in place when they tile it exactly,
 * else copied into `scratch` with zero taps after the last real one. Returns where the chunks start.
 */
function chunkedFilter(
  backend: WasmBackendInternals,
  filter: number,
  g: Conv1DGeometry,
  plan: WinogradChunking,
  scratch: number,
): number {
  const padded = plan.chunks * plan.chunkTaps;
  if (padded === g.taps) return filter;
  const tapFloats = g.inChannels * g.outChannels;
  const heap = backend.wasm.HEAPF32;
  heap.copyWithin(scratch >>> 2, filter >>> 2, (filter >>> 2) + g.taps * tapFloats);
  heap.fill(0, (scratch >>> 2) + g.taps * tapFloats, (scratch >>> 2) + padded * tapFloats);
  return scratch;
}

/** Scratch bytes {@link chunkedFilter} needs (0 when the chunks tile the filter). */
function chunkedFilterBytes(g: Conv1DGeometry, plan: WinogradChunking): number {
  const padded = plan.chunks * plan.chunkTaps;
  return padded === g.taps ? 0 : padded * g.inChannels * g.outChannels * 4;
}

/** How a Winograd pass over a geometry is cut: the chunking, its matrices, and the output tiles over the batch. */
interface WinogradTiling {
  plan: WinogradChunking;
  matrices: WinogradMatrices;
  /** Output positions per tile. */
  m: number;
  tilesPerSample: number;
  tiles: number;
  /** Output channels rounded up to the products' 8 columns. */
  coutP: number;
}

function winogradTiling(g: Conv1DGeometry): WinogradTiling {
  const plan = winogradChunking(g.taps)!;
  const m = plan.outputsPerTile;
  const tilesPerSample = Math.ceil(g.outLength / m);
  return {
    plan,
    matrices: winogradMatrices(plan.chunkTaps),
    m,
    tilesPerSample,
    tiles: g.batch * tilesPerSample,
    coutP: roundUp(g.outChannels, 8),
  };
}

/**
 * Bᵀ·d of the input tiles [q0, q1) of chunk `chunk` (input shifted by its first tap) into `u` ([8][tb][in]): each
 * tile reads 8 input positions from (tile · m − padLeft + chunk · chunkTaps), zero outside the input.
 */
function transformInputTiles(
  k: TrainingKernels,
  t: WinogradTiling,
  g: Conv1DGeometry,
  inputTransform: number,
  x: number,
  q0: number,
  q1: number,
  chunk: number,
  u: number,
): void {
  const cin = g.inChannels;
  const tb = TILES_PER_BLOCK;
  forEachSampleRun(q0, q1, t.tilesPerSample, (b, local, count, inBlock) => {
    const first = local * t.m - g.padLeft + chunk * t.plan.chunkTaps;
    k.xform_8_8!(
      count,
      cin / 4,
      inputTransform,
      x + (b * g.length + first) * cin * 4,
      t.m * cin * 4,
      cin * 4,
      first,
      t.m,
      g.length,
      u + inBlock * cin * 4,
      cin * 4,
      tb * cin * 4,
      0,
      0,
      ALPHA,
    );
  });
}

/**
 * y[b, t, o] = Σ_{k, c} x[b, t + k − padLeft, c] · w[k, c, o] by Winograd, where `filter` points at w laid out
 * [taps][in][out]. Filters longer than 7 taps are summed chunk by chunk in the transformed domain (each chunk a
 * correlation of the input shifted by its first tap). Writes `y` ([batch, outLength, out]).
 */
function winogradCorrelate(ctx: Context, g: Conv1DGeometry, x: number, filter: number, y: number): void {
  const { k, backend } = ctx;
  const tiling = winogradTiling(g);
  const { plan, m, tilesPerSample, tiles, coutP } = tiling;
  const { chunkTaps: r, chunks } = plan;
  const cin = g.inChannels;
  const cout = g.outChannels;
  const tb = TILES_PER_BLOCK;
  const transformed = chunks * ALPHA * cin * cout * 4;
  const panels = chunks * ALPHA * cin * coutP * 4;
  const u = ALPHA * tb * cin * 4;
  const prod = ALPHA * tb * coutP * 4;
  const padBytes = chunkedFilterBytes(g, plan);
  withScratch(backend, MATRIX_BYTES + transformed + panels + u + prod + padBytes, (base) => {
    const mat = writeMatrices(backend, base, tiling.matrices);
    const wt = base + MATRIX_BYTES;
    const wp = wt + transformed;
    const ub = wp + panels;
    const mb = ub + u;
    const taps = chunkedFilter(backend, filter, g, plan, mb + prod);
    // G·w per chunk and input channel (a "tile" is one input channel's taps × out values), then one product
    // operand per chunk and point.
    const operands: RightOperand[][] = [];
    for (let s = 0; s < chunks; s++) {
      const chunkOut = wt + s * ALPHA * cin * cout * 4;
      k[`xform_8_${r}`]!(
        cin,
        cout / 4,
        mat.filterTransform,
        taps + s * r * cin * cout * 4,
        cout * 4,
        cin * cout * 4,
        0,
        0,
        r,
        chunkOut,
        cout * 4,
        cin * cout * 4,
        0,
        0,
        ALPHA,
      );
      operands.push(
        Array.from({ length: ALPHA }, (_, i) =>
          rightOperand(k, chunkOut + i * cin * cout * 4, cin, cout, tiles, wp + (s * ALPHA + i) * cin * coutP * 4),
        ),
      );
    }
    for (let q0 = 0; q0 < tiles; q0 += tb) {
      const q1 = Math.min(tiles, q0 + tb);
      for (let s = 0; s < chunks; s++) {
        transformInputTiles(k, tiling, g, mat.inputTransform, x, q0, q1, s, ub);
        for (let i = 0; i < ALPHA; i++) {
          const op = operands[s]![i]!;
          k.gemm_nn(
            q1 - q0,
            coutP,
            cin,
            ub + i * tb * cin * 4,
            cin,
            op.b,
            op.ldb,
            op.panelStride,
            mb + i * tb * coutP * 4,
            coutP,
            s > 0 ? 1 : 0,
          );
        }
      }
      forEachSampleRun(q0, q1, tilesPerSample, (b, local, count, inBlock) => {
        k[`xform_${m}_8`]!(
          count,
          cout / 4,
          mat.outputTransform,
          mb + inBlock * coutP * 4,
          coutP * 4,
          tb * coutP * 4,
          0,
          0,
          ALPHA,
          y + (b * g.outLength + local * m) * cout * 4,
          m * cout * 4,
          cout * 4,
          local * m,
          m,
          g.outLength,
        );
      });
    }
  });
}

/**
 * dW[k, c, o] = Σ_{b, t} x[b, t + k − padLeft, c] · dy[b, t, o] by Winograd (F(r, m) with the forward pass's
 * points): Gᵀ Σ_tiles [(A·dy tile) ⊙ (Bᵀ·x tile)], the sum over tiles being 8 products Uᵀ·V per block; one such
 * sum per chunk of taps, with the input shifted by the chunk's first tap.
 */
function winogradFilterGradient(ctx: Context, g: Conv1DGeometry, x: number, dy: number, dw: number): void {
  const { k, backend } = ctx;
  const tiling = winogradTiling(g);
  const { plan, m, tilesPerSample, tiles, coutP } = tiling;
  const { chunkTaps: r, chunks } = plan;
  const cin = g.inChannels;
  const cout = g.outChannels;
  const tb = TILES_PER_BLOCK;
  const u = ALPHA * tb * cin * 4;
  const v = ALPHA * tb * coutP * 4;
  const acc = chunks * ALPHA * cin * coutP * 4;
  withScratch(backend, MATRIX_BYTES + u + v + acc, (base) => {
    const mat = writeMatrices(backend, base, tiling.matrices);
    const ub = base + MATRIX_BYTES;
    const vb = ub + u;
    const ab = vb + v;
    // Columns past `cout` of V are never written by the transform: they must read as zero in the products.
    if (coutP !== cout) backend.wasm.HEAPF32.fill(0, vb >>> 2, (vb + v) >>> 2);
    for (let q0 = 0, block = 0; q0 < tiles; q0 += tb, block++) {
      const q1 = Math.min(tiles, q0 + tb);
      forEachSampleRun(q0, q1, tilesPerSample, (b, local, count, inBlock) => {
        k[`xform_8_${m}`]!(
          count,
          cout / 4,
          mat.outputTransformTransposed,
          dy + (b * g.outLength + local * m) * cout * 4,
          m * cout * 4,
          cout * 4,
          local * m,
          m,
          g.outLength,
          vb + inBlock * coutP * 4,
          coutP * 4,
          tb * coutP * 4,
          0,
          0,
          ALPHA,
        );
      });
      for (let s = 0; s < chunks; s++) {
        transformInputTiles(k, tiling, g, mat.inputTransform, x, q0, q1, s, ub);
        for (let i = 0; i < ALPHA; i++) {
          k.gemm_tn(
            cin,
            coutP,
            q1 - q0,
            ub + i * tb * cin * 4,
            cin,
            vb + i * tb * coutP * 4,
            coutP,
            ab + (s * ALPHA + i) * cin * coutP * 4,
            coutP,
            block > 0 ? 1 : 0,
          );
        }
      }
    }
    for (let s = 0; s < chunks; s++) {
      k[`xform_${r}_8`]!(
        cin,
        cout / 4,
        mat.filterTransformTransposed,
        ab + s * ALPHA * cin * coutP * 4,
        coutP * 4,
        cin * coutP * 4,
        0,
        0,
        ALPHA,
        dw + s * r * cin * cout * 4,
        cout * 4,
        cin * cout * 4,
        0,
        0,
        Math.min(r, g.taps - s * r),
      );
    }
  });
}

/** w'[k, o, c] = w[taps − 1 − k, c, o]: the filter of the input gradient (flipped taps, channels swapped). */
function flippedTransposedFilter(backend: WasmBackendInternals, filter: number, g: Conv1DGeometry, out: number): void {
  const heap = backend.wasm.HEAPF32;
  const src = filter >>> 2;
  const dst = out >>> 2;
  const { taps, inChannels: cin, outChannels: cout } = g;
  for (let kk = 0; kk < taps; kk++) {
    const s = src + (taps - 1 - kk) * cin * cout;
    const d = dst + kk * cout * cin;
    for (let c = 0; c < cin; c++) for (let o = 0; o < cout; o++) heap[d + o * cin + c] = heap[s + c * cout + o]!;
  }
}

/**
 * Sample b of x ([batch, length, in] at `x`) as `paddedRows` rows at `xp`: padLeft zero rows, the sample's rows, zeros
 * after — the rows the direct products read as overlapping windows.
 */
function copyPaddedSample(
  backend: WasmBackendInternals,
  g: Conv1DGeometry,
  x: number,
  b: number,
  paddedRows: number,
  xp: number,
): void {
  const cin = g.inChannels;
  const heap = backend.wasm.HEAPF32;
  const rows = heap.subarray(xp >>> 2, (xp >>> 2) + paddedRows * cin);
  rows.fill(0);
  const from = Math.max(0, -g.padLeft);
  const to = Math.min(g.length, paddedRows - g.padLeft);
  if (to > from)
    rows.set(
      heap.subarray((x >>> 2) + (b * g.length + from) * cin, (x >>> 2) + (b * g.length + to) * cin),
      (from + g.padLeft) * cin,
    );
}

/**
 * Direct 1-D correlation for tap counts without a Winograd transform: per sample, one product whose rows are the
 * overlapping windows (taps·in values, stride in) of a zero-padded copy of x, against w as a [taps·in, out] matrix.
 */
function directCorrelate(ctx: Context, g: Conv1DGeometry, x: number, filter: number, y: number): void {
  const { k, backend } = ctx;
  const cin = g.inChannels;
  const cout = g.outChannels;
  const coutP = roundUp(cout, 8);
  const depth = g.taps * cin;
  const paddedRows = g.outLength + g.taps - 1;
  const panels = depth * coutP * 4;
  const padded = paddedRows * cin * 4;
  const out = g.outLength * coutP * 4;
  withScratch(backend, panels + padded + out, (base) => {
    const wp = base;
    const xp = wp + panels;
    const yp = xp + padded;
    const w = rightOperand(k, filter, depth, cout, g.batch * g.outLength, wp);
    for (let b = 0; b < g.batch; b++) {
      copyPaddedSample(backend, g, x, b, paddedRows, xp);
      const target = coutP === cout ? y + b * g.outLength * cout * 4 : yp;
      k.gemm_nn(g.outLength, coutP, depth, xp, cin, w.b, w.ldb, w.panelStride, target, coutP, 0);
      if (target === yp) {
        const h = backend.wasm.HEAPF32;
        for (let t = 0; t < g.outLength; t++) {
          h.copyWithin((y >>> 2) + (b * g.outLength + t) * cout, (yp >>> 2) + t * coutP, (yp >>> 2) + t * coutP + cout);
        }
      }
    }
  });
}

/** Direct weight gradient: dW[k·in + c, o] = Σ_{b, t} xpad[b, t + k, c] · dy[b, t, o], one Aᵀ·B product per sample. */
function directFilterGradient(ctx: Context, g: Conv1DGeometry, x: number, dy: number, dw: number): void {
  const { k, backend } = ctx;
  const cin = g.inChannels;
  const cout = g.outChannels;
  const coutP = roundUp(cout, 8);
  const depth = g.taps * cin;
  const paddedRows = g.outLength + g.taps - 1;
  withScratch(backend, paddedRows * cin * 4 + g.outLength * coutP * 4 + depth * coutP * 4, (base) => {
    const xp = base;
    const dyp = xp + paddedRows * cin * 4;
    const acc = dyp + g.outLength * coutP * 4;
    for (let b = 0; b < g.batch; b++) {
      copyPaddedSample(backend, g, x, b, paddedRows, xp);
      const heap = backend.wasm.HEAPF32;
      let source = dy + b * g.outLength * cout * 4;
      if (coutP !== cout) {
        const padRows = heap.subarray(dyp >>> 2, (dyp >>> 2) + g.outLength * coutP);
        padRows.fill(0);
        for (let t = 0; t < g.outLength; t++) {
          padRows.set(heap.subarray((source >>> 2) + t * cout, (source >>> 2) + (t + 1) * cout), t * coutP);
        }
        source = dyp;
      }
      k.gemm_tn(depth, coutP, g.outLength, xp, cin, source, coutP, acc, coutP, b > 0 ? 1 : 0);
    }
    const h = backend.wasm.HEAPF32;
    for (let r = 0; r < depth; r++)
      h.copyWithin((dw >>> 2) + r * cout, (acc >>> 2) + r * coutP, (acc >>> 2) + r * coutP + cout);
  });
}

function contextOf(k: TrainingKernels, backend: unknown): Context {
  return { k, backend: backend as WasmBackendInternals };
}

/** Conv2D forward of a 1-D convolution: y [batch, 1, outLength, out]. */
export function conv1DForward(
  k: TrainingKernels,
  backendArg: unknown,
  x: TensorInfo,
  filter: TensorInfo,
  g: Conv1DGeometry,
): TensorInfo {
  const ctx = contextOf(k, backendArg);
  const y = ctx.backend.makeOutput([g.batch, 1, g.outLength, g.outChannels], 'float32');
  const args = [offsetOf(ctx.backend, x), offsetOf(ctx.backend, filter), offsetOf(ctx.backend, y)] as const;
  if (winogradChunking(g.taps) !== null) winogradCorrelate(ctx, g, ...args);
  else directCorrelate(ctx, g, ...args);
  return y;
}

/** Conv2DBackpropInput of a 1-D convolution: dx [batch, 1, length, in] from dy and the filter. */
export function conv1DInputGradient(
  k: TrainingKernels,
  backendArg: unknown,
  dy: TensorInfo,
  filter: TensorInfo,
  g: Conv1DGeometry,
): TensorInfo {
  const ctx = contextOf(k, backendArg);
  const dx = ctx.backend.makeOutput([g.batch, 1, g.length, g.inChannels], 'float32');
  // dx[s, c] = Σ_{k', o} dy[s + k' − (taps − 1 − padLeft), o] · w[taps − 1 − k', c, o]: a correlation of dy.
  const swapped: Conv1DGeometry = {
    batch: g.batch,
    length: g.outLength,
    inChannels: g.outChannels,
    outChannels: g.inChannels,
    taps: g.taps,
    padLeft: g.taps - 1 - g.padLeft,
    outLength: g.length,
  };
  withScratch(ctx.backend, g.taps * g.inChannels * g.outChannels * 4, (flipped) => {
    flippedTransposedFilter(ctx.backend, offsetOf(ctx.backend, filter), g, flipped);
    const args = [offsetOf(ctx.backend, dy), flipped, offsetOf(ctx.backend, dx)] as const;
    if (winogradChunking(g.taps) !== null) winogradCorrelate(ctx, swapped, ...args);
    else directCorrelate(ctx, swapped, ...args);
  });
  return dx;
}

/** Conv2DBackpropFilter of a 1-D convolution: dW [1, taps, in, out] from x and dy. */
export function conv1DFilterGradient(
  k: TrainingKernels,
  backendArg: unknown,
  x: TensorInfo,
  dy: TensorInfo,
  g: Conv1DGeometry,
): TensorInfo {
  const ctx = contextOf(k, backendArg);
  const dw = ctx.backend.makeOutput([1, g.taps, g.inChannels, g.outChannels], 'float32');
  const args = [offsetOf(ctx.backend, x), offsetOf(ctx.backend, dy), offsetOf(ctx.backend, dw)] as const;
  if (winogradChunking(g.taps) !== null) winogradFilterGradient(ctx, g, ...args);
  else directFilterGradient(ctx, g, ...args);
  return dw;
}
