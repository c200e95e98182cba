/**
 * The training-kernel WebAssembly module (`wasm/training-kernels.mjs`, embedded by `npm run build:wasm`), run
 * on the tfjs wasm backend's own memory: kernels read and write tensors in place, by heap offset.
 *
 * Compiling is asynchronous ({@link compileTrainingKernels}, awaited by `initBackend`): browsers refuse to
 * compile modules of this size synchronously on the main thread. Instances are made per backend on first use.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { trainingKernelsWasmBase64 } from '../../generated/training-kernels-wasm.js';

type I = number;
type F = number;

/** The part of the WebAssembly API used here (the package compiles without the DOM typings). */
interface WasmModuleHandle {
  readonly __wasmModule?: never;
}
interface WasmMemoryHandle {
  readonly buffer: ArrayBuffer;
}
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  compile(bytes: Uint8Array): Promise<WasmModuleHandle>;
  Instance: new (module: WasmModuleHandle, imports: object) => { exports: unknown };
  Memory: abstract new (...args: never[]) => WasmMemoryHandle;
}
const webAssembly = (): WebAssemblyApi | undefined => (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;

/** The module's exports (see `wasm/training-kernels.mjs` for each function's contract). */
export interface TrainingKernels {
  gemm_nn(m: I, n: I, k: I, a: I, lda: I, b: I, ldb: I, panelStride: I, c: I, ldc: I, acc: I): void;
  gemm_tn(m: I, n: I, k: I, a: I, lda: I, b: I, ldb: I, c: I, ldc: I, acc: I): void;
  pack_panels(k: I, n: I, b: I, ldb: I, out: I): void;
  [transform: `xform_${number}_${number}`]: (
    tiles: I,
    nvec: I,
    coef: I,
    input: I,
    inTile: I,
    inJ: I,
    inFirst: I,
    inStep: I,
    inCount: I,
    out: I,
    outTile: I,
    outI: I,
    outFirst: I,
    outStep: I,
    outCount: I,
  ) => void;
  [binary: `bin_${string}_2d`]: (rows: I, cols: I, a: I, aRow: I, aCol: I, b: I, bRow: I, bCol: I, out: I) => void;
  [unary: `un_${string}`]: (n: I, x: I, out: I, alpha: F) => void;
  sum_rows(outer: I, rows: I, cols: I, x: I, out: I, scale: F): void;
  sum_last(outer: I, n: I, x: I, out: I, scale: F): void;
  maxpool_1d(outer: I, length: I, cols: I, pool: I, stride: I, outLength: I, x: I, out: I): void;
  maxpool_1d_grad(outer: I, length: I, cols: I, pool: I, stride: I, outLength: I, x: I, dy: I, dx: I): void;
  batchnorm_rows(rows: I, cols: I, x: I, mean: I, factor: I, offset: I, out: I): void;
  bn_centered_square_mean(rows: I, cols: I, x: I, mean: I, out: I): void;
  bn_grad_sums(rows: I, cols: I, x: I, dy: I, mean: I, sumDy: I, sumDyCentered: I): void;
  bn_grad_dx(rows: I, cols: I, x: I, dy: I, mean: I, k1: I, k2: I, k3: I, dx: I): void;
  adam_update(
    n: I,
    w: I,
    g: I,
    m: I,
    v: I,
    wOut: I,
    mOut: I,
    vOut: I,
    lr: F,
    beta1: F,
    beta2: F,
    epsilon: F,
    decay: F,
    c1: F,
    c2: F,
  ): void;
}

/** What of tfjs-backend-wasm's `BackendWasm` the module-based kernels use (internal, but stable across 4.x). */
export interface WasmBackendInternals {
  wasm: {
    asm?: { memory?: WasmMemoryHandle };
    HEAPF32: Float32Array;
    _malloc(bytes: number): number;
    _free(pointer: number): void;
  };
  makeOutput(shape: number[], dtype: 'float32' | 'int32' | 'bool'): TensorInfo;
  getMemoryOffset(dataId: object): number;
  incRef(dataId: object): void;
  disposeData(dataId: object, force?: boolean): boolean;
}

let compiled: Promise<WasmModuleHandle | null> | undefined;
let compiledModule: WasmModuleHandle | null = null;
const instances = new WeakMap<object, TrainingKernels | null>();

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Compiles the module once (later calls share the promise). Resolves to null where it cannot run: no
 * WebAssembly SIMD, or a Content-Security-Policy without 'wasm-unsafe-eval'; the stock kernels then stay.
 */
export function compileTrainingKernels(): Promise<WasmModuleHandle | null> {
  compiled ??= (async () => {
    try {
      const wasm = webAssembly();
      const bytes = base64ToBytes(trainingKernelsWasmBase64);
      if (!wasm || !wasm.validate(bytes)) return null;
      compiledModule = await wasm.compile(bytes);
      return compiledModule;
    } catch {
      return null;
    }
  })();
  return compiled;
}

/** True once {@link compileTrainingKernels} has produced a module. */
export function trainingKernelsCompiled(): boolean {
  return compiledModule !== null;
}

/**
 * The module instantiated on `backend`'s memory (made on first call per backend), or null when the module is
 * not compiled or the backend does not expose its memory.
 */
export function trainingKernelsFor(backend: unknown): TrainingKernels | null {
  const key = backend as object;
  const cached = instances.get(key);
  if (cached !== undefined) return cached;
  let kernels: TrainingKernels | null = null;
  const memory = (backend as Partial<WasmBackendInternals>).wasm?.asm?.memory;
  const wasm = webAssembly();
  if (compiledModule && wasm && memory instanceof wasm.Memory) {
    try {
      kernels = new wasm.Instance(compiledModule, { env: { memory } }).exports as TrainingKernels;
    } catch {
      kernels = null;
    }
  }
  instances.set(key, kernels);
  return kernels;
}

/** Heap byte offset of a tensor's values. */
export function offsetOf(backend: WasmBackendInternals, tensor: TensorInfo): number {
  return backend.getMemoryOffset(tensor.dataId);
}

/**
 * Runs `body` with `bytes` of 16-byte-aligned scratch memory on the backend's heap (freed afterwards, also on a
 * throw). Allocate scratch BEFORE taking any typed-array view of the heap: allocation may grow the memory.
 */
export function withScratch<T>(backend: WasmBackendInternals, bytes: number, body: (pointer: number) => T): T {
  const raw = backend.wasm._malloc(bytes + 16) >>> 0;
  if (raw === 0) throw new Error(`wasm training kernels: could not allocate ${bytes} bytes of scratch memory`);
  try {
    return body((raw + 15) & ~15);
  } finally {
    backend.wasm._free(raw);
  }
}

/** Copies `values` into the backend's heap at `pointer` (a fresh view: the heap may have grown). */
export function writeFloats(backend: WasmBackendInternals, pointer: number, values: ArrayLike<number>): void {
  backend.wasm.HEAPF32.set(values, pointer >>> 2);
}

/** Product of a shape's dimensions. */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}
