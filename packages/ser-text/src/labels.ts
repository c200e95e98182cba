/**
 * The text-emotion labels and their scores. The seven labels themselves (Ekman's six + neutral, in the order of
 * GoEmotions' Ekman mapping) and their speech-side names are @ser/core's, re-exported here.
 */
import { TEXT_EMOTION_LABELS, type TextEmotionLabel } from '@ser/core';

export {
  EKMAN7_LABELS,
  EMOTION_SYNONYMS,
  TEXT_EMOTION_LABELS,
  ekman7LabelOf,
  textLabelOf,
  type Ekman7Label,
  type TextEmotionLabel,
} from '@ser/core';

/** A label with its probability. */
export interface TextEmotionScore {
  label: TextEmotionLabel;
  score: number;
}

/**
 * Sorts label scores by descending score (ties broken by canonical label order, so the output is
 * deterministic) and returns a new array.
 */
export function sortScoresDescending(scores: readonly TextEmotionScore[]): TextEmotionScore[] {
  const order = (label: TextEmotionLabel): number => TEXT_EMOTION_LABELS.indexOf(label);
  return [...scores].sort((a, b) => b.score - a.score || order(a.label) - order(b.label));
}

/** True when `value` is one of the seven canonical text-emotion labels. */
export function isTextEmotionLabel(value: string): value is TextEmotionLabel {
  return (TEXT_EMOTION_LABELS as readonly string[]).includes(value);
}
