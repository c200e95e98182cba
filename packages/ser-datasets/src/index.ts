/**
 * @ser/datasets: RAVDESS, CREMA-D and TESS scanners, label sets, corpus feature extraction on worker threads,
 * `.npy` export, merging and speaker-independent splits. Node only (it reads directories and files).
 */
export * from './errors.js';
export * from './types.js';
export { AUDIO_EXTENSIONS, hasAudioExtension } from './audio-extensions.js';
export { listFilesRecursive } from './list-files.js';
export { compareCodeUnits } from './sort.js';
export type { NameParseResult, ParsedName } from './naming/parsed-name.js';
export { parseRavdessName, RAVDESS_EMOTION_CODES, RAVDESS_STATEMENTS, type RavdessNameOptions } from './naming/ravdess.js';
export { parseTessName, TESS_EMOTION_WORDS } from './naming/tess.js';
export { parseCremaDName, CREMA_D_EMOTION_CODES, CREMA_D_SENTENCES, CREMA_D_LEVELS } from './naming/cremad.js';
export { CREMA_D_ACTORS, type CremaDActor } from './naming/cremad-demographics.js';
export {
  scanRavdess,
  scanCremaD,
  scanTess,
  scanDataset,
  datasetsForName,
  type ScanOptions,
  type ScanDatasetName,
} from './scan.js';
export * from './label-sets.js';
export * from './apply-label-set.js';
export * from './npy/npy-codec.js';
export * from './npy/npy-dtypes.js';
export { parseHeaderDict, formatHeaderDict, formatShapeTuple, type NpyHeader } from './npy/npy-header.js';
export * from './npy/npy-file.js';
export type { FeatureConfig } from './corpus/feature-config.js';
export * from './corpus/corpus.js';
export * from './corpus/corpus-files.js';
export type { CorpusMeta } from './corpus/corpus-meta.js';
export * from './corpus/corpus-io.js';
export * from './corpus/merge.js';
export * from './splits/split-types.js';
export * from './splits/prng.js';
export * from './splits/speaker-split.js';
export * from './splits/stratified-split.js';
export * from './splits/default-validation-split.js';
export { LIBRARY_NAME, LIBRARY_VERSION } from './version.js';
export { extractFeatures, type ExtractFeaturesOptions, type ExtractionProgress } from './extract/extract-features.js';
export { resolveFeatureConfig, type FeatureSelection, type FeatureSetName } from './extract/feature-options.js';
export { extractFileFeatures } from './extract/extract-file.js';
export { workerScriptPath } from './extract/worker-script.js';
export * from './cli-hooks.js';
