/**
 * Label sets: the class names a model predicts and how corpus emotions map onto them.
 */
import { EKMAN7_LABELS, EMOTIONS, type Emotion } from './labels.js';

/**
 * A label set: the class names a model predicts, in class-id order, and an explicit mapping from item emotions
 * to those classes. A mapping value `null` drops the item by design (e.g. `surprised` in `ser6`).
 *
 * Mapping keys are looked up in this order: `<dataset>:<sourceLabel>` (e.g. `tess:ps`, `cremad:FEA`,
 * `ravdess:08`), then the item's normalised {@link Emotion} (e.g. `surprised`). A key that matches neither is
 * an unknown label (an error, never a silent drop).
 */
export interface LabelSet {
  /** Name saved with a corpus (`ravdess8`, `ser6`, `ekman7`, or a custom name). */
  name: string;
  /** Class names in class-id order. */
  labels: readonly string[];
  /** Emotion (or `<dataset>:<sourceLabel>`) → class name, or `null` to drop. */
  mapping: Readonly<Record<string, string | null>>;
}

/** Names of the built-in label sets. */
export type LabelSetName = 'ravdess8' | 'ser6' | 'ekman7';

/** RAVDESS's eight emotions, unchanged. TESS `ps` and RAVDESS `08` are `surprised`; CREMA-D `FEA` is `fearful`. */
export const RAVDESS8: LabelSet = {
  name: 'ravdess8',
  labels: EMOTIONS,
  mapping: {
    neutral: 'neutral',
    calm: 'calm',
    happy: 'happy',
    sad: 'sad',
    angry: 'angry',
    fearful: 'fearful',
    disgust: 'disgust',
    surprised: 'surprised',
  } satisfies Record<Emotion, string>,
};

/**
 * The original speech-emotion project's six classes: calm is merged into neutral and surprise is dropped
 * (by design, so RAVDESS `08` and TESS `ps` items are reported as dropped, not unknown).
 */
export const SER6: LabelSet = {
  name: 'ser6',
  labels: ['neutral', 'happy', 'sad', 'angry', 'fear', 'disgust'],
  mapping: {
    neutral: 'neutral',
    calm: 'neutral',
    happy: 'happy',
    sad: 'sad',
    angry: 'angry',
    fearful: 'fear',
    disgust: 'disgust',
    surprised: null,
  } satisfies Record<Emotion, string | null>,
};

/**
 * Ekman's six basic emotions plus neutral. Calm → neutral; RAVDESS surprised and TESS `ps` (pleasant surprise)
 * → surprise. Its labels are {@link EKMAN7_LABELS}; text models' names for them (`anger`, `joy`, …) are matched
 * through `ekman7LabelOf`.
 */
export const EKMAN7: LabelSet = {
  name: 'ekman7',
  labels: EKMAN7_LABELS,
  mapping: {
    neutral: 'neutral',
    calm: 'neutral',
    happy: 'happy',
    sad: 'sad',
    angry: 'angry',
    fearful: 'fear',
    disgust: 'disgust',
    surprised: 'surprise',
  } satisfies Record<Emotion, string>,
};

/** The built-in label sets by name. */
export const LABEL_SETS: Readonly<Record<LabelSetName, LabelSet>> = { ravdess8: RAVDESS8, ser6: SER6, ekman7: EKMAN7 };
