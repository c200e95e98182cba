/**
 * A Vite plugin that puts the model bundles and TensorFlow.js's wasm binaries next to the page:
 * `model/{model.json,weights.bin,ser-model.json}` (the model the page listens with),
 * `model-calibrated/…` (the same files of the speaker-calibrated model, fetched only when the user calibrates)
 * and `tfjs-wasm/*.wasm` — served by the dev server and copied into the build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defaultModelDir } from '@ser/models/node';
import type { Plugin } from 'vite';

const BUNDLE_FILES = ['model.json', 'weights.bin', 'ser-model.json'];
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

/** Options of {@link serModelAssets}. */
export interface SerModelAssetsOptions {
  /** The bundle directory (default: `$SER_MODEL_DIR`, else the pretrained default of @ser/models). */
  modelDir?: string;
  /**
   * The speaker-calibrated bundle directory (default: `$SER_CALIBRATED_MODEL_DIR`, else the pretrained
   * calibrated default of @ser/models, `defaultModelDir({ calibrated: true })`).
   */
  calibratedModelDir?: string;
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

/** One bundle the page loads: the folder it is served under, where it comes from, and whether that was given. */
interface PageBundle {
  /** `model` or `model-calibrated`. */
  folder: string;
  dir: string;
  explicit: boolean;
  /** The option and variable that set it, for messages. */
  setting: string;
}

/** Maps each public path (`model/model.json`, …) to the file that serves it; a model's only when complete. */
function assetFiles(bundles: readonly PageBundle[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const { folder, dir } of bundles) {
    if (missingBundleFiles(dir) === null)
      for (const name of BUNDLE_FILES) files.set(`${folder}/${name}`, join(dir, name));
  }
  for (const name of WASM_FILES) files.set(`tfjs-wasm/${name}`, join(wasmDir(), name));
  return files;
}

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  bin: 'application/octet-stream',
  wasm: 'application/wasm',
};

/**
 * The plugin (see the module comment). A bundle directory given explicitly (option, `SER_MODEL_DIR` or
 * `SER_CALIBRATED_MODEL_DIR`) must be complete, else the build fails naming the missing files; when a pretrained
 * default is not installed the build warns and the page reports that the model could not be loaded (for the
 * calibrated one: when the user calibrates).
 */
export function serModelAssets(options: SerModelAssetsOptions = {}): Plugin {
  const given = options.modelDir ?? process.env.SER_MODEL_DIR;
  const givenCalibrated = options.calibratedModelDir ?? process.env.SER_CALIBRATED_MODEL_DIR;
  const bundles = (): PageBundle[] => [
    {
      folder: 'model',
      dir: given ?? defaultModelDir(),
      explicit: given !== undefined,
      setting: 'SER_MODEL_DIR / modelDir',
    },
    {
      folder: 'model-calibrated',
      dir: givenCalibrated ?? defaultModelDir({ calibrated: true }),
      explicit: givenCalibrated !== undefined,
      setting: 'SER_CALIBRATED_MODEL_DIR / calibratedModelDir',
    },
  ];
  const checkModels = (warn: (message: string) => void): void => {
    for (const { folder, dir, explicit, setting } of bundles()) {
      const missing = missingBundleFiles(dir);
      if (missing === null) continue;
      const message = `ser-model-assets: ${folder} bundle incomplete (${missing})`;
      if (explicit) throw new Error(`${message}: ${setting} must be a bundle directory`);
      warn(
        `${message}: the page will not find it — install @ser/models with its pretrained folder or set ${setting.split(' ')[0]}`,
      );
    }
  };
  return {
    name: 'ser-model-assets',
    configureServer(server) {
      checkModels((message) => server.config.logger.warn(message));
      const files = assetFiles(bundles());
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').split('?')[0]!.replace(/^\/+/, '');
        const file = files.get(path);
        if (!file) {
          next();
          return;
        }
        response.setHeader('Content-Type', CONTENT_TYPES[path.split('.').pop()!] ?? 'application/octet-stream');
        response.end(readFileSync(file));
      });
    },
    generateBundle() {
      checkModels((message) => this.warn(message));
      for (const [fileName, file] of assetFiles(bundles())) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
      }
    },
  };
}
