/**
 * The seven canonical text-emotion labels (Ekman's six + neutral), in the order of GoEmotions' Ekman
 * mapping and of `j-hartmann/emotion-english-distilroberta-base`.
 */
export const TEXT_EMOTION_LABELS = ['anger', 'disgust', 'fear', 'joy', 'neutral', 'sadness', 'surprise'] as const;

/** One of the seven canonical text-emotion labels. */
export type TextEmotionLabel = (typeof TEXT_EMOTION_LABELS)[number];

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
