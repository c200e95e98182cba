import type { LabelSet } from '@ser/core';
import type { DatasetItem } from '../types.js';
import type { FeatureConfig } from './feature-config.js';

/** A file whose features could not be computed, and why. */
export interface ExtractionFailure {
  /** Path of the file. */
  path: string;
  /** The error message (it names the file and what was wrong). */
  error: string;
  /** The error's code when it had one (e.g. @ser/audio-features' `CORRUPT_AUDIO`, `UNSUPPORTED_FORMAT`). */
  code?: string;
}

/**
 * A feature corpus: one row of features per recording, with its label and provenance.
 * Rows are in the order of the input items (failed files removed).
 */
export interface Corpus {
  /** Features, `shape[0]` rows of `shape[1] × shape[2] × …` values, C order. */
  x: Float32Array;
  /** `[rows, ...featureShape]`, e.g. `[1200, 180]` or `[1200, 128, 128]`. */
  shape: number[];
  /** Class name of every row. */
  labels: string[];
  /** Class id of every row (index into `labelSet.labels`). */
  y: Int32Array;
  /** The label set the ids refer to. */
  labelSet: LabelSet;
  /** The recording of every row. */
  items: DatasetItem[];
  /** Files that failed, with their errors (not rows of `x`). */
  failures: ExtractionFailure[];
  /** Every parameter of the features (feature set, sample rate, nFft, …). */
  featureConfig: FeatureConfig;
}

/** The number of values per row (product of `shape` after the first entry). */
export function rowSize(shape: readonly number[]): number {
  return shape.slice(1).reduce((a, b) => a * b, 1);
}

/** Counts of rows per value of `key` (label, speaker, dataset, …), keys sorted. */
export function countBy(values: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
