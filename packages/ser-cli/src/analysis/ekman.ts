/** Projecting a speech model's distribution onto the seven Ekman labels the text model and fusion use (pure). */
import { EKMAN7, EKMAN7_LABELS, ekman7LabelOf, type Ekman7Label } from '@ser/core';

/** The Ekman label of a model label: the `ekman7` label set's mapping first (calm → neutral), then the synonyms. */
function ekman7Of(label: string): Ekman7Label | undefined {
  const key = label.toLowerCase();
  const mapped = Object.hasOwn(EKMAN7.mapping, key) ? EKMAN7.mapping[key] : undefined;
  return ekman7LabelOf(mapped ?? label);
}

/**
 * Sums a model's probabilities into the seven Ekman labels (calm counts as neutral, fearful as fear, …),
 * renormalised to 1; labels the model lacks get 0.
 * @returns the distribution and the model labels that have no Ekman counterpart (their mass is left out).
 */
export function toEkman7(
  labels: readonly string[],
  probabilities: readonly number[],
): { distribution: Record<string, number>; unmapped: string[] } {
  const distribution: Record<string, number> = Object.fromEntries(EKMAN7_LABELS.map((l) => [l, 0]));
  const unmapped: string[] = [];
  labels.forEach((label, i) => {
    const target = ekman7Of(label);
    if (target) distribution[target]! += probabilities[i] ?? 0;
    else unmapped.push(label);
  });
  const sum = Object.values(distribution).reduce((a, b) => a + b, 0);
  if (sum > 0) for (const key of Object.keys(distribution)) distribution[key]! /= sum;
  return { distribution, unmapped };
}
