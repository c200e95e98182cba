/**
 * A Vite plugin that puts the model bundle and TensorFlow.js's wasm binaries next to the page:
 * `model/{model.json,weights.bin,ser-model.json}` and `tfjs-wasm/*.wasm` — served by the dev server and
 * copied into the build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const BUNDLE_FILES = ['model.json', 'weights.bin', 'ser-model.json'];
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

/** Options of {@link serModelAssets}. */
export interface SerModelAssetsOptions {
  /** The bundle directory (default: `$SER_MODEL_DIR`, else the pretrained default of @ser/models). */
  modelDir?: string;
}

/** The pretrained default bundle's directory inside the installed @ser/models. */
export function defaultModelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@ser/models/package.json')), 'pretrained', 'default');
}

function wasmDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

/** The bundle files missing from `modelDir`, as a message, or `null` when it is complete. */
function missingBundleFiles(modelDir: string): string | null {
  const missing = BUNDLE_FILES.filter((name) => !existsSync(join(modelDir, name)));
  return missing.length === 0 ? null : `${missing.join(', ')} missing in ${modelDir}`;
}

/** Maps each public path (`model/model.json`, …) to the file that serves it; the model's only when complete. */
function assetFiles(modelDir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (missingBundleFiles(modelDir) === null) for (const name of BUNDLE_FILES) files.set(`model/${name}`, join(modelDir, name));
  for (const name of WASM_FILES) files.set(`tfjs-wasm/${name}`, join(wasmDir(), name));
  return files;
}

const CONTENT_TYPES: Record<string, string> = { json: 'application/json', bin: 'application/octet-stream', wasm: 'application/wasm' };

/**
 * The plugin (see the module comment). A bundle directory given explicitly (option or `SER_MODEL_DIR`)
 * must be complete, else the build fails naming the missing files; when the pretrained default is not
 * installed the build warns and the page reports that the model could not be loaded.
 */
export function serModelAssets(options: SerModelAssetsOptions = {}): Plugin {
  const explicit = options.modelDir ?? process.env.SER_MODEL_DIR;
  const modelDir = () => explicit ?? defaultModelDir();
  const checkModel = (warn: (message: string) => void): void => {
    const missing = missingBundleFiles(modelDir());
    if (missing === null) return;
    const message = `ser-model-assets: model bundle incomplete (${missing})`;
    if (explicit !== undefined) throw new Error(`${message}: SER_MODEL_DIR / modelDir must be a bundle directory`);
    warn(`${message}: the page will not find its model — install @ser/models with pretrained/default or set SER_MODEL_DIR`);
  };
  return {
    name: 'ser-model-assets',
    configureServer(server) {
      checkModel((message) => server.config.logger.warn(message));
      const files = assetFiles(modelDir());
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').split('?')[0]!.replace(/^\/+/, '');
        const file = files.get(path);
        if (!file) { next(); return; }
        response.setHeader('Content-Type', CONTENT_TYPES[path.split('.').pop()!] ?? 'application/octet-stream');
        response.end(readFileSync(file));
      });
    },
    generateBundle() {
      checkModel((message) => this.warn(message));
      for (const [fileName, file] of assetFiles(modelDir())) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
      }
    },
  };
}
