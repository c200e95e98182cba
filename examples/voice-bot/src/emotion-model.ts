/**
 * Loading the emotion model the bot uses: a bundle directory given by the caller, or the pretrained
 * default bundle shipped with @ser/models.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initBackend, type BackendInfo, type ModelBundle } from '@ser/models';
import * as modelsNode from '@ser/models/node';

/** A loaded bundle and the TensorFlow.js backend it runs on. */
export interface LoadedEmotionModel {
  bundle: ModelBundle;
  backend: BackendInfo;
  /** The directory the bundle was read from. */
  dir: string;
}

/** The directory of the pretrained default bundle of the installed @ser/models. */
export function defaultBundleDir(): string {
  const exported = (modelsNode as Record<string, unknown>).defaultModelDir;
  if (typeof exported === 'function') return String((exported as () => string)());
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@ser/models/package.json')), 'pretrained', 'default');
}

/**
 * Starts the TensorFlow.js backend (tfjs-node when installed, else wasm, else cpu) and loads the bundle
 * in `dir` (default: {@link defaultBundleDir}).
 * @throws ModelError naming the missing file and directory when the bundle is incomplete
 */
export async function loadEmotionModel(dir: string = defaultBundleDir()): Promise<LoadedEmotionModel> {
  const backend = await initBackend();
  const bundle = await modelsNode.loadBundle(dir);
  return { bundle, backend, dir };
}
