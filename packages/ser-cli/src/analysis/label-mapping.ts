/** Mapping corpus emotions onto a model's labels (pure). */
import { ekman7LabelOf } from '@ser/core';

/** A label set as bundles record it: class names and emotion → class (null drops). */
export interface LabelSetLike {
  name: string;
  labels: readonly string[];
  mapping: Readonly<Record<string, string | null>>;
}

/** What a corpus item contributes to the mapping. */
export interface EmotionItem {
  /** Normalised emotion (RAVDESS vocabulary: neutral, calm, happy, sad, angry, fearful, disgust, surprised). */
  emotion: string;
  /** Corpus name (`ravdess`, `tess`, `cremad`). */
  dataset: string;
  /** The label as the corpus codes it. */
  sourceLabel: string;
}

/**
 * The model class of an item, or `null` when the model does not have it. With the model's label set, its
 * mapping decides (`<dataset>:<sourceLabel>` first, then the emotion); otherwise the emotion's own name or a
 * synonym (fearful → fear, surprised → surprise, … : @ser/core's `EMOTION_SYNONYMS`) must be one of the model's labels.
 */
export function modelLabelFor(item: EmotionItem, labels: readonly string[], labelSet?: LabelSetLike): string | null {
  if (labelSet) {
    const bySource = labelSet.mapping[`${item.dataset}:${item.sourceLabel}`];
    const mapped = bySource !== undefined ? bySource : labelSet.mapping[item.emotion];
    if (mapped !== undefined) return mapped !== null && labels.includes(mapped) ? mapped : null;
  }
  if (labels.includes(item.emotion)) return item.emotion;
  const emotion = ekman7LabelOf(item.emotion);
  return emotion === undefined ? null : (labels.find((label) => ekman7LabelOf(label) === emotion) ?? null);
}

/** Items split into those the model can be scored on (with their class id) and dropped counts per emotion. */
export interface MappedItems<T extends EmotionItem> {
  kept: { item: T; labelId: number }[];
  dropped: Record<string, number>;
  droppedCount: number;
}

/** Applies {@link modelLabelFor} to every item. */
export function mapItemsToModel<T extends EmotionItem>(
  items: readonly T[],
  labels: readonly string[],
  labelSet?: LabelSetLike,
): MappedItems<T> {
  const kept: { item: T; labelId: number }[] = [];
  const dropped: Record<string, number> = {};
  for (const item of items) {
    const label = modelLabelFor(item, labels, labelSet);
    if (label === null) dropped[item.emotion] = (dropped[item.emotion] ?? 0) + 1;
    else kept.push({ item, labelId: labels.indexOf(label) });
  }
  return { kept, dropped, droppedCount: items.length - kept.length };
}
