import * as tf from '@tensorflow/tfjs-core';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelError } from '../errors.js';
import { artifactsToFiles, filesToArtifacts, MODEL_JSON, WEIGHTS_BIN } from '../io/model-files.js';

/** Reads one file, turning "not found" into a {@link ModelError} that names the file and its directory. */
export async function readRequiredFile(dir: string, name: string): Promise<Buffer> {
  try {
    return await readFile(join(dir, name));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ModelError('NOT_FOUND', `file not found (a model bundle's ${name})`, { file: join(dir, name), cause });
    }
    throw new ModelError('FILE_NOT_READABLE', `cannot be read: ${(cause as Error).message}`, {
      file: join(dir, name),
      cause,
    });
  }
}

/** Turns `file:///a/b`, `file://a/b` or a plain path into an absolute directory path. */
function directoryOf(urlOrPath: string): string {
  if (urlOrPath.startsWith('file:///')) return fileURLToPath(urlOrPath);
  if (urlOrPath.startsWith('file://')) return resolve(urlOrPath.slice('file://'.length));
  return resolve(urlOrPath);
}

/**
 * A TensorFlow.js IO handler that saves a layers model to, and loads it from, a directory:
 * `<dir>/model.json` + `<dir>/weights.bin`.
 *
 * @param dirOrUrl - a directory path or a `file://` URL of the directory (for loading, a URL or
 *   path ending in `model.json` is also accepted).
 */
export function fileSystemHandler(dirOrUrl: string): tf.io.IOHandler {
  let dir = directoryOf(dirOrUrl);
  if (dir.endsWith(MODEL_JSON)) dir = dir.slice(0, -MODEL_JSON.length);
  return {
    async save(artifacts) {
      const files = artifactsToFiles(artifacts);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, MODEL_JSON), files['model.json']);
      await writeFile(join(dir, WEIGHTS_BIN), files['weights.bin']);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: files['model.json'].length,
          weightDataBytes: files['weights.bin'].byteLength,
        },
      };
    },
    async load() {
      const modelJson = (await readRequiredFile(dir, MODEL_JSON)).toString('utf8');
      const weights = await readRequiredFile(dir, WEIGHTS_BIN);
      return filesToArtifacts({ 'model.json': modelJson, 'weights.bin': new Uint8Array(weights) }, dir);
    },
  };
}

let registered = false;

/**
 * Registers {@link fileSystemHandler} for `file://` URLs so that `model.save('file://dir')` and
 * `tfl.loadLayersModel('file://dir/model.json')` work in Node. Idempotent, and a no-op when another
 * handler (for example tfjs-node's) already serves `file://`.
 */
export function registerFileSystemRouter(): void {
  if (registered) return;
  registered = true;
  const probe = 'file:///__ser_models_probe__';
  const router = ((url: string | string[]) => {
    const u = Array.isArray(url) ? url[0] : url;
    return typeof u === 'string' && u.startsWith('file://') ? fileSystemHandler(u) : null;
  }) as unknown as Parameters<typeof tf.io.registerSaveRouter>[0];
  if (tf.io.getSaveHandlers(probe).length === 0) tf.io.registerSaveRouter(router);
  if (tf.io.getLoadHandlers(probe).length === 0) tf.io.registerLoadRouter(router);
}
