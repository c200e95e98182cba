import type { LabelSet } from '@ser/core';
import type { DatasetItem } from '../types.js';
import type { ExtractionFailure } from './corpus.js';
import type { FeatureConfig } from './feature-config.js';

/** Contents of `<name>.meta.json`. */
export interface CorpusMeta {
  /** Always `ser-corpus`. */
  format: 'ser-corpus';
  /** Version of this metadata layout: 2 (1, written before the checksums, is still read). */
  formatVersion: 1 | 2;
  /** Corpus name (the `<name>` of the file names). */
  name: string;
  /** Library that wrote the corpus. */
  library: { name: string; version: string };
  /** Library that computed the features (@ser/audio-features) and its version. */
  featureLibrary: { name: string; version: string };
  /** ISO 8601 time of writing. */
  created: string;
  /** File name of the features, beside the metadata. */
  xFile: string;
  /** File name of the class ids, beside the metadata. */
  yFile: string;
  /** Shape of x: `[rows, ...featureShape]`. */
  shape: number[];
  /** Rows of x and y (format 2). */
  rows?: number;
  /**
   * What the metadata was written with (format 2): SHA-256 of x's float32 values and of y's class ids as int32,
   * both little-endian. `loadCorpus` refuses `.npy` files that do not match: they belong to another run.
   */
  checksums?: { algorithm: 'sha256'; x: string; y: string };
  /** Feature set name (`ser180`, `logmel`, `mfcc-frames`). */
  featureSet: string;
  /** Every feature parameter. */
  featureConfig: FeatureConfig;
  /** Sample rate the audio was resampled to before feature extraction. */
  sampleRate: number;
  /** Label set (name, labels in class-id order, mapping). */
  labelSet: LabelSet;
  /** Class name → class id. */
  labelMap: Record<string, number>;
  /** Rows per class. */
  labelCounts: Record<string, number>;
  /** Class name of every row. */
  labels: string[];
  /** Audio file of every row. */
  files: string[];
  /** Namespaced speaker of every row. */
  speakers: string[];
  /** Corpus of every row. */
  datasets: string[];
  /** Full item (all file-name fields) of every row. */
  items: DatasetItem[];
  /** Files that failed extraction. */
  failures: ExtractionFailure[];
}
