/**
 * The emotion labels of ser, each list once: the corpora's vocabulary, Ekman's seven in speech spelling (the
 * shipped models' labels) and in text spelling (the text models' labels).
 */

/**
 * The emotion vocabulary every corpus item is normalised to (RAVDESS's names, the richest of the three
 * corpora), in RAVDESS's code order (01 … 08). TESS `fear` → `fearful`, `ps` (pleasant surprise) →
 * `surprised`; CREMA-D `ANG` → `angry`, `FEA` → `fearful`, ….
 */
export const EMOTIONS = ['neutral', 'calm', 'happy', 'sad', 'angry', 'fearful', 'disgust', 'surprised'] as const;

/** One of the corpus emotions ({@link EMOTIONS}). */
export type Emotion = (typeof EMOTIONS)[number];

/**
 * Ekman's six basic emotions plus neutral, as the speech models name them (the `ekman7` label set; the shipped
 * default model's labels), in alphabetical order.
 */
export const EKMAN7_LABELS = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'] as const;

/** One of the seven speech labels ({@link EKMAN7_LABELS}). */
export type Ekman7Label = (typeof EKMAN7_LABELS)[number];

/**
 * The same seven emotions as text-emotion models name them (GoEmotions' Ekman mapping,
 * `j-hartmann/emotion-english-distilroberta-base`), in the same order as {@link EKMAN7_LABELS}.
 */
export const TEXT_EMOTION_LABELS = ['anger', 'disgust', 'fear', 'joy', 'neutral', 'sadness', 'surprise'] as const;

/** One of the seven text labels ({@link TEXT_EMOTION_LABELS}). */
export type TextEmotionLabel = (typeof TEXT_EMOTION_LABELS)[number];
