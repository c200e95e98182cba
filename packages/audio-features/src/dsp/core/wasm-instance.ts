/**
 * Instantiating the package's small hand-written WebAssembly kernels (`wasm/*.wat`, embedded as base64 by
 * `npm run build:wasm`). Synchronous: the modules are a few hundred bytes to a few kB.
 */

/** The part of the WebAssembly API used here (the package compiles without the DOM typings). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

/** A WebAssembly.Memory, as the kernels export it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The exports of the module in `base64`, or null when this engine cannot run it: no WebAssembly, no SIMD
 * (the module does not validate), or a Content-Security-Policy without 'wasm-unsafe-eval'.
 */
function instantiateEmbeddedWasm<T>(base64: string): T | null {
  try {
    const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    if (typeof wasm !== 'object' || typeof atob !== 'function') return null;
    const bytes = base64ToBytes(base64);
    if (!wasm.validate(bytes)) return null;
    return new wasm.Instance(new wasm.Module(bytes), {}).exports as T;
  } catch {
    return null;
  }
}

/** An embedded kernel, instantiated on first use. */
export interface EmbeddedKernel<T extends { memory: WasmMemory }> {
  /** Its exports, or null when this engine cannot run it (then the caller runs its TypeScript fallback). */
  get(): T | null;
  /** Size of its memory in bytes (0 before first use); for tests that check it never had to grow. */
  memoryBytes(): number;
}

/** The kernel whose module is `base64` (from `src/generated`), instantiated when first asked for. */
export function embeddedKernel<T extends { memory: WasmMemory }>(base64: string): EmbeddedKernel<T> {
  let instance: T | null | undefined;
  return {
    get: () => (instance === undefined ? (instance = instantiateEmbeddedWasm<T>(base64)) : instance),
    memoryBytes: () => (instance ? instance.memory.buffer.byteLength : 0),
  };
}

/**
 * Bytes of a kernel's memory its blocks of work should fit in: the modules start with 4 MiB, and growing
 * a memory detaches its old ArrayBuffer, after which V8 runs typed-array code in the whole thread more slowly
 * (its "no detached buffers" assumption is gone), so the runners size their blocks to avoid growing.
 */
export const WASM_BLOCK_BUDGET_BYTES = 3 * 1024 * 1024;

/** Grows `memory` to at least `bytes` (rarely: see WASM_BLOCK_BUDGET_BYTES); returns true when it grew. */
export function ensureMemory(memory: WasmMemory, bytes: number): boolean {
  const available = memory.buffer.byteLength;
  if (bytes <= available) return false;
  memory.grow(Math.ceil((bytes - available) / 65536));
  return true;
}

/** Lays out arrays one after another in a kernel's memory, each at a 16-byte-aligned byte address. */
export class MemoryLayout {
  /** Bytes used so far (the end of the last placed array, aligned). */
  size = 0;

  /** Reserves `bytes` and returns their start address. */
  place(bytes: number): number {
    const start = this.size;
    this.size = (this.size + bytes + 15) & ~15;
    return start;
  }
}
