/**
 * The pretrained default models shipped with @ser/models (Node only): a 7-class `ekman7` bundle in the
 * package's `pretrained/default/` folder, and its speaker-calibrated variant in `pretrained/default-calibrated/`
 * (it takes a speaker calibration, see `calibrate`). Each folder's `MODEL_CARD.md` says what the model was trained
 * on, how it was validated and its limits.
 * @packageDocumentation
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelBundle } from './bundle/bundle-types.js';
import { loadBundle } from './node/bundle-dir.js';

/** Directory of the module file that runs this code (`src/` from sources, `dist/` when built; ESM or CJS). */
function moduleDirectory(): string {
  // The CJS build has __dirname; the ESM build and the TypeScript sources have import.meta.url.
  if (typeof __dirname === 'string') return __dirname;
  return dirname(fileURLToPath(import.meta.url));
}

/** Which shipped default model: the plain one, or (`calibrated: true`) the one that takes a speaker calibration. */
export interface DefaultModelOptions {
  /** The speaker-calibrated default model (`pretrained/default-calibrated`), for analyses with a calibration. */
  calibrated?: boolean;
}

/**
 * Absolute path of a shipped default model bundle, a directory holding `model.json`, `weights.bin`,
 * `ser-model.json` and `MODEL_CARD.md`: `<package>/pretrained/default`, or `<package>/pretrained/default-calibrated`
 * with `{ calibrated: true }`.
 *
 * @example
 * ```ts
 * import { defaultModelDir } from '@ser/models/node';
 * console.log(defaultModelDir()); // …/node_modules/@ser/models/pretrained/default
 * console.log(defaultModelDir({ calibrated: true })); // …/pretrained/default-calibrated
 * ```
 */
export function defaultModelDir(options: DefaultModelOptions = {}): string {
  return resolve(moduleDirectory(), '..', 'pretrained', options.calibrated === true ? 'default-calibrated' : 'default');
}

/**
 * Loads the shipped default model (labels angry, disgust, fear, happy, neutral, sad, surprise) with
 * `loadBundle`; with `{ calibrated: true }` its speaker-calibrated variant, which needs a calibration
 * (`calibrate`, `createRecognizer({ bundle, calibration })`). Call `initBackend()` first.
 *
 * @example
 * ```ts
 * import { initBackend, predict } from '@ser/models';
 * import { loadDefaultModel } from '@ser/models/node';
 * import { loadAudio } from '@ser/audio-features/node';
 * await initBackend();
 * const bundle = await loadDefaultModel();
 * const { samples, sampleRate } = await loadAudio('speech.wav', { sr: null });
 * console.log(predict(bundle, samples, sampleRate).ranking);
 * ```
 * @throws ModelError NOT_FOUND naming the missing file when the package was installed without its
 *   `pretrained` folder; the other errors of `loadBundle`.
 */
export function loadDefaultModel(options: DefaultModelOptions = {}): Promise<ModelBundle> {
  return loadBundle(defaultModelDir(options));
}
