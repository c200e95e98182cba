/**
 * Mapping of the label names other models use onto the seven canonical text-emotion labels (the names are
 * @ser/core's `EMOTION_SYNONYMS`).
 */
import { EMOTION_SYNONYMS, TEXT_EMOTION_LABELS, textLabelOf, type TextEmotionLabel } from '@ser/core';
import { TextEmotionError } from './errors.js';
import { sortScoresDescending, type TextEmotionScore } from './labels.js';

/** The canonical label for a model's label name; throws UNKNOWN_LABEL naming it and the accepted names. */
export function toCanonicalLabel(name: string): TextEmotionLabel {
  const label = textLabelOf(name);
  if (label === undefined) {
    throw new TextEmotionError(
      'UNKNOWN_LABEL',
      `model label "${name}" is not an emotion this package knows; expected one of ${Object.keys(EMOTION_SYNONYMS).join(', ')} ` +
        '(a model with labels like LABEL_0 needs an id2label table in its config.json)',
    );
  }
  return label;
}

/**
 * Maps a model's `{ label, score }` list onto all seven canonical labels: scores of names that map to the
 * same label are added, the result is renormalised to sum 1 and sorted (highest first). Throws
 * UNKNOWN_LABEL for a name it cannot map and INVALID_MODEL when a canonical label has no score or a
 * score is not a finite number ≥ 0.
 */
export function toCanonicalScores(modelScores: ReadonlyArray<{ label: string; score: number }>): TextEmotionScore[] {
  const totals = new Map<TextEmotionLabel, number>();
  for (const { label, score } of modelScores) {
    if (!Number.isFinite(score) || score < 0) {
      throw new TextEmotionError(
        'INVALID_MODEL',
        `model gave label "${label}" the score ${score}; expected a finite number ≥ 0`,
      );
    }
    const canonical = toCanonicalLabel(label);
    totals.set(canonical, (totals.get(canonical) ?? 0) + score);
  }
  const missing = TEXT_EMOTION_LABELS.filter((l) => !totals.has(l));
  if (missing.length > 0) {
    throw new TextEmotionError(
      'INVALID_MODEL',
      `model labels ${JSON.stringify(modelScores.map((s) => s.label))} do not cover ${missing.join(', ')}; a text-emotion model must score all of ${TEXT_EMOTION_LABELS.join(', ')}`,
    );
  }
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new TextEmotionError('INVALID_MODEL', 'model scores sum to 0');
  return sortScoresDescending(TEXT_EMOTION_LABELS.map((label) => ({ label, score: totals.get(label)! / sum })));
}
