/**
 * The other @ser packages, loaded on first use. Keeping them out of the static import graph makes
 * `ser --help`, `--version` and usage errors fast (no TensorFlow.js, no wasm decoders at start-up).
 */

/** @ser/audio-features (decoding, resampling, features). */
export const loadAudioFeatures = () => import('@ser/audio-features');
/** @ser/audio-features/node (`loadAudio`). */
export const loadAudioFeaturesNode = () => import('@ser/audio-features/node');
/** @ser/datasets (scanners, corpora, splits). */
export const loadDatasets = () => import('@ser/datasets');
/** @ser/models (architectures, training, evaluation, prediction). */
export const loadModels = () => import('@ser/models');
/** @ser/models/node (bundle folders, file:// IO). */
export const loadModelsNode = () => import('@ser/models/node');
/** @ser/text (transcription, text emotion, fusion). */
export const loadText = () => import('@ser/text');
/** @ser/text/node (microphone). */
export const loadTextNode = () => import('@ser/text/node');
