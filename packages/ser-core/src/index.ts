/**
 * @ser/core: what every ser package shares, browser-safe (no Node built-ins): the error base class, the emotion
 * labels, label sets and synonyms, and the seeded random generator. Node-only helpers (finding a built worker
 * script, starting worker threads) are in `@ser/core/node`.
 */
export { SerError, type SerErrorOptions } from './ser-error.js';
export {
  EMOTIONS,
  EKMAN7_LABELS,
  TEXT_EMOTION_LABELS,
  type Emotion,
  type Ekman7Label,
  type TextEmotionLabel,
} from './emotions/labels.js';
export { EKMAN7, LABEL_SETS, RAVDESS8, SER6, type LabelSet, type LabelSetName } from './emotions/label-sets.js';
export { EMOTION_SYNONYMS, ekman7LabelOf, textLabelOf } from './emotions/synonyms.js';
export { createRandom, seededShuffle, shuffled, type Random } from './random.js';
