/**
 * Loading the models in the page: TensorFlow.js on the wasm backend (cpu fallback), the bundle the build copied
 * next to the page, and (on demand) its speaker-calibrated variant.
 */
import { initBackend, loadBundleFromUrl, type BackendInfo, type ModelBundle } from '@ser/models';

/** The loaded bundle and the backend it runs on. */
export interface PageModel {
  bundle: ModelBundle;
  backend: BackendInfo;
}

/**
 * Starts TensorFlow.js (wasm with the `.wasm` files under `tfjs-wasm/`, else cpu) and loads the bundle
 * under `model/` — both relative to the page, as `vite-plugin-ser-model.ts` lays them out.
 */
export async function loadPageModel(pageUrl: string = document.baseURI): Promise<PageModel> {
  const backend = await initBackend({ prefer: 'wasm', wasmPaths: new URL('tfjs-wasm/', pageUrl).href });
  const bundle = await loadBundleFromUrl(new URL('model/', pageUrl).href);
  return { bundle, backend };
}

/**
 * Loads the speaker-calibrated bundle under `model-calibrated/` (relative to the page); call after
 * {@link loadPageModel} has started the backend.
 */
export function loadCalibratedBundle(pageUrl: string = document.baseURI): Promise<ModelBundle> {
  return loadBundleFromUrl(new URL('model-calibrated/', pageUrl).href);
}
