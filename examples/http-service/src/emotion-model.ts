/**
 * Loading the emotion model: a bundle directory given by the caller, or the pretrained default bundle
 * shipped with @ser/models.
 */
import { initBackend, type BackendInfo, type ModelBundle } from '@ser/models';
import { defaultModelDir, loadBundle } from '@ser/models/node';

/** A loaded bundle and the TensorFlow.js backend it runs on. */
export interface LoadedEmotionModel {
  bundle: ModelBundle;
  backend: BackendInfo;
  /** The directory the bundle was read from. */
  dir: string;
}

/**
 * Starts the TensorFlow.js backend (tfjs-node when installed, else wasm, else cpu) and loads the bundle
 * in `dir` (default: the pretrained default model, `defaultModelDir()` of `@ser/models/node`).
 * @throws ModelError naming the missing file and directory when the bundle is incomplete
 */
export async function loadEmotionModel(dir: string = defaultModelDir()): Promise<LoadedEmotionModel> {
  const backend = await initBackend();
  const bundle = await loadBundle(dir);
  return { bundle, backend, dir };
}
