/**
 * @ser/datasets/core: the browser-safe part of @ser/datasets (no Node built-ins): file-name parsers, label
 * sets, the `.npy` codec for bytes, merging and splits. Scanning directories, extraction and saving to disk
 * are in the main entry.
 */
export * from './errors.js';
export * from './types.js';
export { AUDIO_EXTENSIONS, hasAudioExtension, lowerCaseExtension } from './audio-extensions.js';
export { compareCodeUnits } from './sort.js';
export type { NameParseResult, ParsedName } from './naming/parsed-name.js';
export {
  parseRavdessName,
  RAVDESS_EMOTION_CODES,
  RAVDESS_STATEMENTS,
  type RavdessNameOptions,
} from './naming/ravdess.js';
export { parseTessName, TESS_EMOTION_WORDS } from './naming/tess.js';
export { parseCremaDName, CREMA_D_EMOTION_CODES, CREMA_D_SENTENCES, CREMA_D_LEVELS } from './naming/cremad.js';
export { CREMA_D_ACTORS, type CremaDActor } from './naming/cremad-demographics.js';
// The emotion vocabulary and the label sets are @ser/core's (one definition for every package).
export {
  EKMAN7,
  EMOTIONS,
  LABEL_SETS,
  RAVDESS8,
  SER6,
  type Emotion,
  type LabelSet,
  type LabelSetName,
} from '@ser/core';
export * from './apply-label-set.js';
export * from './npy/npy-codec.js';
export * from './npy/npy-dtypes.js';
export { parseHeaderDict, formatHeaderDict, formatShapeTuple, type NpyHeader } from './npy/npy-header.js';
export type { FeatureConfig } from './corpus/feature-config.js';
export * from './corpus/corpus.js';
export type { CorpusMeta } from './corpus/corpus-meta.js';
export * from './corpus/merge.js';
export * from './splits/split-types.js';
export { createRandom, seededShuffle, shuffled, type Random } from '@ser/core';
export * from './splits/speaker-split.js';
export * from './splits/stratified-split.js';
export * from './splits/default-validation-split.js';
export { LIBRARY_NAME, LIBRARY_VERSION } from './version.js';
