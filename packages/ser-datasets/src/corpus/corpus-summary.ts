/** A corpus summarised for printing: counts per label, speaker and corpus, failures, files written. */
import { countBy, type Corpus, type ExtractionFailure } from './corpus.js';
import type { CorpusFiles } from './corpus-files.js';

/** Where a corpus is saved: `<dir>/x_<name>.npy`, `<dir>/y_<name>.npy`, `<dir>/<name>.meta.json`. */
export interface CorpusLocation {
  /** Directory. */
  dir: string;
  /** Corpus name. */
  name: string;
}

/** What a program prints after building or merging a corpus. */
export interface CorpusSummary {
  /** Rows in the corpus. */
  rows: number;
  /** Shape of x. */
  shape: number[];
  /** Feature set name. */
  featureSet: string;
  /** Label set name and labels. */
  labelSet: { name: string; labels: string[] };
  /** Rows per class (every class, zero included, in class order). */
  perLabel: Record<string, number>;
  /** Rows per speaker, sorted by speaker. */
  perSpeaker: Record<string, number>;
  /** Rows per corpus. */
  perDataset: Record<string, number>;
  /** Files that failed extraction. */
  failures: ExtractionFailure[];
  /** Files written, when the corpus was saved. */
  files?: CorpusFiles;
}

/**
 * Counts per label (every class, in class order), speaker and corpus, for printing.
 *
 * @param corpus the corpus to summarise
 * @param files the files it was saved to, when it was
 * @returns the summary (`files` only when given)
 * @example
 * ```ts
 * const summary = summarizeCorpus(await loadCorpus('data', 'ravdess-ser180'));
 * summary.perLabel; // { neutral: 96, calm: 192, … }
 * ```
 */
export function summarizeCorpus(corpus: Corpus, files?: CorpusFiles): CorpusSummary {
  const perLabel = Object.fromEntries(corpus.labelSet.labels.map((label) => [label, 0]));
  for (const label of corpus.labels) perLabel[label] = (perLabel[label] ?? 0) + 1;
  return {
    rows: corpus.shape[0] ?? 0,
    shape: corpus.shape,
    featureSet: corpus.featureConfig.featureSet,
    labelSet: { name: corpus.labelSet.name, labels: [...corpus.labelSet.labels] },
    perLabel,
    perSpeaker: countBy(corpus.items.map((item) => item.speaker)),
    perDataset: countBy(corpus.items.map((item) => item.dataset)),
    failures: corpus.failures,
    ...(files ? { files } : {}),
  };
}
