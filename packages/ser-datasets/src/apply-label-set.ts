import { DatasetError } from './errors.js';
import { LABEL_SETS, type LabelSet, type LabelSetName } from '@ser/core';
import type { DatasetItem } from './types.js';

/** An item with its class under a label set. */
export interface LabeledItem extends DatasetItem {
  /** Class name under the label set. */
  label: string;
  /** Index of `label` in the label set's `labels`. */
  labelId: number;
}

/** An item a label set drops by design (mapping value `null`). */
export interface DroppedItem {
  /** The item. */
  item: DatasetItem;
  /** The mapping key that dropped it (`surprised`, `tess:ps`, …). */
  reason: string;
}

/** Result of {@link applyLabelSet}. */
export interface LabeledItems {
  /** The label set applied (validated; a built-in name resolved to its definition). */
  labelSet: LabelSet;
  /** Kept items, in input order, with `label` and `labelId`. */
  items: LabeledItem[];
  /** Items dropped by design, in input order. */
  dropped: DroppedItem[];
  /** Kept items per class, for every class (zero included), in class order. */
  counts: Record<string, number>;
  /** Dropped items per mapping key. */
  droppedCounts: Record<string, number>;
}

/** A bare custom mapping: emotion (or `<dataset>:<sourceLabel>`) → class name or `null` (drop). */
export type CustomLabelMapping = Readonly<Record<string, string | null>>;

/**
 * Accepts a full {@link LabelSet}, a partial one (`labels` omitted: the mapping's values in first-seen order;
 * `name` omitted: `custom`), or a bare {@link CustomLabelMapping}.
 */
function normalizeCustomLabelSet(value: LabelSet | Partial<LabelSet> | CustomLabelMapping): LabelSet {
  const isDefinition = 'mapping' in value && typeof value.mapping === 'object' && value.mapping !== null;
  const mapping = (isDefinition ? (value as Partial<LabelSet>).mapping! : value) as Record<string, string | null>;
  const name = isDefinition && 'name' in value && value.name !== undefined ? (value.name as string) : 'custom';
  const labels =
    isDefinition && 'labels' in value && value.labels !== undefined
      ? (value.labels as readonly string[])
      : [...new Set(Object.values(mapping).filter((label): label is string => typeof label === 'string'))];
  return { name, labels, mapping };
}

/**
 * Returns the label set a name or definition denotes, checking a custom one: non-empty unique labels, and
 * every mapping value either `null` or one of the labels.
 *
 * @throws DatasetError INVALID_ARGUMENT naming the unknown set or the bad mapping entry
 */
export function resolveLabelSet(labelSet: LabelSetName | LabelSet | CustomLabelMapping | string): LabelSet {
  if (typeof labelSet === 'string') {
    const found = (LABEL_SETS as Record<string, LabelSet>)[labelSet.toLowerCase()];
    if (!found) {
      throw new DatasetError(
        'INVALID_ARGUMENT',
        `unknown label set "${labelSet}": expected ${Object.keys(LABEL_SETS).join(', ')} or a { name, labels, mapping } object`,
      );
    }
    return found;
  }
  if (!labelSet || typeof labelSet !== 'object') {
    throw new DatasetError(
      'INVALID_ARGUMENT',
      'a custom label set must be { name, labels: string[], mapping } or a mapping',
    );
  }
  const definition = normalizeCustomLabelSet(labelSet);
  const { name, labels, mapping } = definition;
  if (!Array.isArray(labels)) throw new DatasetError('INVALID_ARGUMENT', 'label set labels must be an array');
  if (typeof name !== 'string' || name === '') throw new DatasetError('INVALID_ARGUMENT', 'a label set needs a name');
  if (labels.length === 0) throw new DatasetError('INVALID_ARGUMENT', `label set "${name}" has no labels`);
  if (new Set(labels).size !== labels.length) {
    throw new DatasetError('INVALID_ARGUMENT', `label set "${name}" has duplicate labels: ${labels.join(', ')}`);
  }
  for (const [key, value] of Object.entries(mapping)) {
    if (value !== null && !labels.includes(value)) {
      throw new DatasetError(
        'INVALID_ARGUMENT',
        `label set "${name}" maps "${key}" to "${String(value)}", which is not one of its labels (${labels.join(', ')})`,
      );
    }
  }
  return { name, labels: [...(labels as readonly string[])], mapping: { ...mapping } }; // isArray() narrows to any[]
}

/**
 * Assigns every item its class under a label set.
 *
 * @param items - scanned items
 * @param labelSet - `ravdess8`, `ser6`, `ekman7`, a custom {@link LabelSet} or a bare {@link CustomLabelMapping}
 * @returns kept items with `label`/`labelId`, items dropped by design, and counts
 * @throws DatasetError UNKNOWN_LABEL naming the label and the file when an item's emotion is not in the mapping
 */
export function applyLabelSet(
  items: readonly DatasetItem[],
  labelSet: LabelSetName | LabelSet | CustomLabelMapping | string,
): LabeledItems {
  const resolved = resolveLabelSet(labelSet);
  const kept: LabeledItem[] = [];
  const dropped: DroppedItem[] = [];
  const counts: Record<string, number> = Object.fromEntries(resolved.labels.map((label) => [label, 0]));
  const droppedCounts: Record<string, number> = {};
  for (const item of items) {
    const specificKey = `${item.dataset}:${item.sourceLabel}`;
    const key = Object.hasOwn(resolved.mapping, specificKey) ? specificKey : item.emotion;
    if (!Object.hasOwn(resolved.mapping, key)) {
      throw new DatasetError(
        'UNKNOWN_LABEL',
        `label "${item.emotion}" (source label ${specificKey}) is not in label set "${resolved.name}"; ` +
          `its mapping covers: ${Object.keys(resolved.mapping).join(', ')}`,
        { file: item.path },
      );
    }
    const label = resolved.mapping[key];
    if (label === null || label === undefined) {
      dropped.push({ item, reason: key });
      droppedCounts[key] = (droppedCounts[key] ?? 0) + 1;
      continue;
    }
    kept.push({ ...item, label, labelId: resolved.labels.indexOf(label) });
    counts[label]! += 1;
  }
  return { labelSet: resolved, items: kept, dropped, counts, droppedCounts };
}
