/** Projecting a speech model's distribution onto the seven Ekman labels the text model and fusion use (pure). */

/** The acoustic Ekman labels, as `fuseEmotions` of @ser/text expects them. */
export const EKMAN7_ACOUSTIC = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'] as const;

/** Model label → Ekman label, for the names used by the ravdess8, ser6 and ekman7 label sets. */
const TO_EKMAN: Readonly<Record<string, (typeof EKMAN7_ACOUSTIC)[number]>> = {
  angry: 'angry',
  anger: 'angry',
  disgust: 'disgust',
  fear: 'fear',
  fearful: 'fear',
  happy: 'happy',
  joy: 'happy',
  neutral: 'neutral',
  calm: 'neutral',
  sad: 'sad',
  sadness: 'sad',
  surprise: 'surprise',
  surprised: 'surprise',
};

/**
 * Sums a model's probabilities into the seven Ekman labels (calm counts as neutral, fearful as fear, …),
 * renormalised to 1; labels the model lacks get 0.
 * @returns the distribution and the model labels that have no Ekman counterpart (their mass is left out).
 */
export function toEkman7(labels: readonly string[], probabilities: readonly number[]): { distribution: Record<string, number>; unmapped: string[] } {
  const distribution: Record<string, number> = Object.fromEntries(EKMAN7_ACOUSTIC.map((l) => [l, 0]));
  const unmapped: string[] = [];
  labels.forEach((label, i) => {
    const target = TO_EKMAN[label.toLowerCase()];
    if (target) distribution[target]! += probabilities[i] ?? 0;
    else unmapped.push(label);
  });
  const sum = Object.values(distribution).reduce((a, b) => a + b, 0);
  if (sum > 0) for (const key of Object.keys(distribution)) distribution[key]! /= sum;
  return { distribution, unmapped };
}
