import * as tf from '@tensorflow/tfjs-core';
// What the @tensorflow/tfjs umbrella registered on import: the plain-JavaScript cpu backend (the last
// fallback), the gradients of tfjs-core's ops (tfjs-layers' entry registers them) and the tensor methods.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ModelError } from '../errors.js';
import { registerWasmTrainingKernels } from './register-wasm-kernels.js';
import { registerTensorMethods } from './tensor-methods.js';
import { compileTrainingKernels } from './wasm-kernels/training-kernel-module.js';

registerTensorMethods();

/** A TensorFlow.js backend this package can run on, fastest first. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** Try this backend first; the others follow in the default order tensorflow → wasm → cpu. */
  prefer?: BackendName;
  /** Only try `prefer` and fail with a {@link ModelError} if it cannot start. */
  strict?: boolean;
  /** Where the tfjs-backend-wasm `.wasm` binaries are served from (browsers with a bundler). */
  wasmPaths?: string;
}

/** What {@link initBackend} started. */
export interface BackendInfo {
  /** The backend that now runs every op. */
  name: BackendName;
  /** Whether WebAssembly SIMD is used (wasm only). */
  simd: boolean;
  /** Threads used by the backend's kernels. */
  threads: number;
}

const TFJS_NODE = '@tensorflow/tfjs-node';

async function tryTensorflow(): Promise<boolean> {
  try {
    // Optional peer: present only when the user installed it (its install downloads libtensorflow).
    await import(/* @vite-ignore */ TFJS_NODE);
    return await tf.setBackend('tensorflow');
  } catch {
    return false;
  }
}

/**
 * In Node, the directory of the installed tfjs-backend-wasm binaries (`…/dist/`), so that the backend
 * finds them even when this code was bundled away from node_modules; undefined elsewhere.
 * Node modules are imported through non-literal specifiers so browser bundlers leave them alone.
 */
async function nodeWasmDirectory(): Promise<string | undefined> {
  const nodeProcess = (globalThis as { process?: { versions?: { node?: string }; cwd(): string } }).process;
  if (!nodeProcess?.versions?.node) return undefined;
  try {
    const [moduleSpecifier, pathSpecifier, fsSpecifier] = ['node:module', 'node:path', 'node:fs'];
    const { createRequire } = (await import(/* @vite-ignore */ moduleSpecifier)) as typeof import('node:module');
    const { dirname, join } = (await import(/* @vite-ignore */ pathSpecifier)) as typeof import('node:path');
    const { existsSync } = (await import(/* @vite-ignore */ fsSpecifier)) as typeof import('node:fs');
    const bases: string[] = [];
    try {
      if (import.meta.url) bases.push(import.meta.url);
    } catch {
      // CJS build: no import.meta
    }
    bases.push(join(nodeProcess.cwd(), 'index.js'));
    for (const base of bases) {
      try {
        const directory = dirname(createRequire(base).resolve('@tensorflow/tfjs-backend-wasm'));
        if (existsSync(join(directory, 'tfjs-backend-wasm-simd.wasm'))) return `${directory}/`;
      } catch {
        // not resolvable from this base
      }
    }
    return undefined;
  } catch {
    return undefined;
  }
}

async function tryWasm(wasmPaths?: string): Promise<boolean> {
  try {
    // Single-threaded: the threaded build needs cross-origin isolation / worker files we do not ship.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    // Not tf.findBackend: it starts initialising a registered backend as a side effect.
    const initialised = Boolean((tf.engine() as unknown as { registry: Record<string, unknown> }).registry.wasm);
    if (!initialised) {
      // setWasmPaths must precede the backend's first initialisation.
      const paths = wasmPaths ?? (await nodeWasmDirectory());
      if (paths !== undefined) setWasmPaths(paths);
    }
    await compileTrainingKernels();
    registerWasmTrainingKernels();
    const ok = await tf.setBackend('wasm');
    if (ok) registerWasmTrainingKernels();
    return ok;
  } catch {
    return false;
  }
}

async function hostThreads(): Promise<number> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (nav?.hardwareConcurrency) return nav.hardwareConcurrency;
  try {
    const specifier = 'node:os'; // not a literal: browser bundlers must not try to resolve it
    const os = (await import(/* @vite-ignore */ specifier)) as typeof import('node:os');
    return os.availableParallelism?.() ?? os.cpus().length;
  } catch {
    return 1;
  }
}

/**
 * Starts the fastest available TensorFlow.js backend and reports which one runs:
 * `tensorflow` (tfjs-node, when the user installed it), else `wasm` (SIMD, one thread, with the
 * training kernels tfjs-backend-wasm lacks registered), else `cpu` (plain JavaScript).
 *
 * @example
 * ```ts
 * const backend = await initBackend();            // { name: 'wasm', simd: true, threads: 1 }
 * await initBackend({ prefer: 'cpu', strict: true });
 * ```
 * @throws {@link ModelError} `BACKEND_UNAVAILABLE` when `strict` and the preferred backend cannot start.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  registerTensorMethods(); // again here: a bundler may drop the module-level call (sideEffects: false)
  const order: BackendName[] = ['tensorflow', 'wasm', 'cpu'];
  const candidates = options.prefer
    ? options.strict
      ? [options.prefer]
      : [options.prefer, ...order.filter((n) => n !== options.prefer)]
    : order;
  for (const name of candidates) {
    let ok = false;
    if (name === 'tensorflow') ok = await tryTensorflow();
    else if (name === 'wasm') ok = await tryWasm(options.wasmPaths);
    else ok = await tf.setBackend('cpu');
    if (!ok) continue;
    await tf.ready();
    return {
      name,
      simd: name === 'wasm' && Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
      threads: name === 'tensorflow' ? await hostThreads() : 1,
    };
  }
  throw new ModelError(
    'BACKEND_UNAVAILABLE',
    `initBackend: no TensorFlow.js backend could start (tried ${candidates.join(', ')})`,
  );
}

/** The default start shared by concurrent {@link ensureBackend} calls. */
let defaultStart: Promise<BackendInfo> | undefined;

/**
 * Makes sure a backend runs before tensors are made: waits for one being started, and when none was chosen
 * starts the default one, as `initBackend()` would. Loading a model calls it, so `loadBundle`,
 * `loadDefaultModel` and `loadBundleFromUrl` work without an explicit {@link initBackend}; a backend chosen
 * earlier (by `initBackend` or `tf.setBackend`) is kept.
 */
export async function ensureBackend(): Promise<void> {
  registerTensorMethods();
  // tfjs-core's Engine keeps these private; reading them does not start a backend (tf.getBackend() would).
  const engine = tf.engine() as unknown as { backendInstance?: unknown; pendingBackendInit?: Promise<boolean> };
  if (engine.pendingBackendInit) await engine.pendingBackendInit;
  if (engine.backendInstance) return;
  defaultStart ??= initBackend().finally(() => (defaultStart = undefined));
  await defaultStart;
}
