/**
 * The names models and corpora give the seven Ekman emotions, and the conversions between the speech spelling
 * (`angry`, `happy`, `sad`) and the text spelling (`anger`, `joy`, `sadness`).
 */
import { EKMAN7_LABELS, TEXT_EMOTION_LABELS, type Ekman7Label, type TextEmotionLabel } from './labels.js';

/**
 * Every name (lower case) in use for one of the seven Ekman emotions → its speech label. `calm` is not a
 * synonym of `neutral` (it is its own RAVDESS emotion; the `ekman7` and `ser6` label sets merge it on purpose).
 */
export const EMOTION_SYNONYMS: Readonly<Record<string, Ekman7Label>> = Object.freeze({
  angry: 'angry',
  anger: 'angry',
  disgust: 'disgust',
  disgusted: 'disgust',
  fear: 'fear',
  fearful: 'fear',
  afraid: 'fear',
  happy: 'happy',
  joy: 'happy',
  happiness: 'happy',
  neutral: 'neutral',
  sad: 'sad',
  sadness: 'sad',
  surprise: 'surprise',
  surprised: 'surprise',
});

/**
 * The speech label (`angry`, `fear`, `happy`, …) of any name for an Ekman emotion (`anger`, `fearful`, `joy`,
 * `Sadness `, …; case and surrounding spaces ignored).
 * @param name - a model's or corpus's label
 * @returns the {@link EKMAN7_LABELS} entry, or `undefined` for a name that is none of the seven (e.g. `calm`)
 * @example
 * ```ts
 * ekman7LabelOf('Joy'); // 'happy'
 * ekman7LabelOf('calm'); // undefined
 * ```
 */
export function ekman7LabelOf(name: string): Ekman7Label | undefined {
  const key = name.trim().toLowerCase();
  // own keys only: `constructor` or `toString` are no emotions
  return Object.hasOwn(EMOTION_SYNONYMS, key) ? EMOTION_SYNONYMS[key] : undefined;
}

/**
 * The text label (`anger`, `joy`, `sadness`, …) of any name for an Ekman emotion (`angry`, `happy`, `sad`,
 * `fearful`, …).
 * @param name - a model's or corpus's label
 * @returns the {@link TEXT_EMOTION_LABELS} entry, or `undefined` for a name that is none of the seven
 * @example
 * ```ts
 * textLabelOf('angry'); // 'anger'
 * ```
 */
export function textLabelOf(name: string): TextEmotionLabel | undefined {
  const speech = ekman7LabelOf(name);
  return speech === undefined ? undefined : TEXT_EMOTION_LABELS[EKMAN7_LABELS.indexOf(speech)];
}
