/**
 * Creates (and caches) transformers.js pipelines from the local models folder, with downloads off unless
 * asked for, turning "file not found" into one {@link ModelNotFoundError} that names the folder and files.
 */
import { ModelNotFoundError } from '../errors.js';
import { loadTransformers } from './load-transformers.js';
import {
  resolveModelLocation,
  type ModelDtype,
  type ModelLocation,
  type ModelLocationOptions,
} from './model-location.js';

/**
 * Lists which of `files` (relative to `modelDir`) do not exist. The Node entry supplies one based on
 * the file system; without it, missing files are detected from transformers.js' own error.
 */
export type MissingFilesCheck = (modelDir: string, files: readonly string[]) => Promise<string[]>;

/** Options of {@link loadPipeline}. */
export interface LoadPipelineOptions extends ModelLocationOptions {
  /** File-existence check run before loading (see {@link MissingFilesCheck}). */
  listMissingFiles?: MissingFilesCheck;
}

/** A loaded pipeline and where it came from. */
export interface LoadedPipeline<P> {
  pipeline: P;
  location: ModelLocation;
  dtype: ModelDtype;
}

const cache = new Map<string, Promise<unknown>>();

function isFileNotFound(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | undefined;
  return (
    e?.name === 'ModelFileNotFoundError' ||
    /allowRemoteModels=false|local_files_only|file was not found locally|Could not locate file/u.test(
      String(e?.message),
    )
  );
}

function missingFileFromMessage(error: unknown, modelDir: string): string[] {
  const match = /found locally at "([^"]+)"/u.exec(String((error as Error | undefined)?.message));
  if (!match) return [];
  const file = match[1]!.replace(/\\/gu, '/');
  const dir = modelDir.replace(/\\/gu, '/').replace(/^\.\//u, '');
  const at = file.indexOf(dir);
  return [at >= 0 ? file.slice(at + dir.length).replace(/^\/+/u, '') : file];
}

/**
 * Loads a transformers.js pipeline for `task` from `model` (Hub id resolved in the models folder, or a
 * folder path). Sets `env.localModelPath` and `env.cacheDir` to the models folder and
 * `env.allowRemoteModels` to `allowDownload` (default false). Pipelines are cached per
 * task + folder + dtype.
 */
export async function loadPipeline<P>(
  task: string,
  model: string,
  requiredFiles: (dtype: ModelDtype) => string[],
  options: LoadPipelineOptions = {},
): Promise<LoadedPipeline<P>> {
  const location = resolveModelLocation(model, options);
  const dtype = options.dtype ?? 'fp32';
  const files = requiredFiles(dtype);
  const allowDownload = options.allowDownload === true;
  if (options.listMissingFiles && !allowDownload) {
    const missing = await options.listMissingFiles(location.modelDir, files);
    if (missing.length > 0) {
      throw new ModelNotFoundError({ model, modelDir: location.modelDir, requiredFiles: files, missingFiles: missing });
    }
  }
  const key = `${task}\u0000${location.modelDir}\u0000${dtype}\u0000${allowDownload}`;
  let pending = cache.get(key) as Promise<P> | undefined;
  if (!pending) {
    pending = (async () => {
      const transformers = await loadTransformers();
      const { env } = transformers;
      env.allowLocalModels = true;
      env.localModelPath = `${location.modelsDir}/`;
      env.allowRemoteModels = allowDownload;
      if (allowDownload) env.cacheDir = `${location.modelsDir}/`;
      try {
        const create = transformers.pipeline as unknown as (t: string, m: string, o: object) => Promise<P>;
        return await create(task, location.modelId, { dtype });
      } catch (cause) {
        if (!allowDownload && isFileNotFound(cause)) {
          throw new ModelNotFoundError({
            model,
            modelDir: location.modelDir,
            requiredFiles: files,
            missingFiles: missingFileFromMessage(cause, location.modelDir),
            cause,
          });
        }
        throw cause;
      }
    })();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return { pipeline: await pending, location, dtype };
}

/** Forgets every cached pipeline (they are garbage-collected when no longer referenced). */
export function clearPipelineCache(): void {
  cache.clear();
}
