import { basename, dirname } from 'node:path';
import { applyLabelSet } from './apply-label-set.js';
import { countBy, type Corpus, type ExtractionFailure } from './corpus/corpus.js';
import type { CorpusFiles } from './corpus/corpus-files.js';
import { loadCorpus, saveCorpus } from './corpus/corpus-io.js';
import { mergeCorpora } from './corpus/merge.js';
import { DatasetError } from './errors.js';
import { extractFeatures, type ExtractionProgress } from './extract/extract-features.js';
import type { FeatureSelection } from './extract/feature-options.js';
import type { LabelSet, LabelSetName } from '@ser/core';
import { scanDataset, type ScanDatasetName } from './scan.js';
import type { SkippedFile } from './types.js';

/** Where a corpus is saved: `<dir>/x_<name>.npy`, `<dir>/y_<name>.npy`, `<dir>/<name>.meta.json`. */
export interface CorpusLocation {
  /** Directory. */
  dir: string;
  /** Corpus name. */
  name: string;
}

/** What a CLI prints after building or merging a corpus. */
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

/** Summary of {@link extractCorpus}: the corpus summary plus what scanning and labelling left out. */
export interface ExtractCorpusSummary extends CorpusSummary {
  /** Files found but not recognised by the scanner, with reasons. */
  skipped: SkippedFile[];
  /** Items the label set dropped by design, per mapping key (e.g. `{ surprised: 320 }` for ser6). */
  dropped: Record<string, number>;
  /** Wall time of the feature extraction in milliseconds. */
  extractionMs: number;
}

/** Options of {@link extractCorpus}. */
export interface ExtractCorpusOptions extends FeatureSelection {
  /** Directories to scan (all with the same `dataset`). */
  dirs: string[];
  /** Corpus name or `auto` (recognise each file by its name). Default `auto`. */
  dataset?: ScanDatasetName | string;
  /** Label set (default `ravdess8`). */
  labelSet?: LabelSetName | LabelSet | string;
  /** Save the corpus here; omitted = not saved. */
  out?: CorpusLocation;
  /** Worker threads (default all cores). */
  workers?: number;
  /** Progress after every file. */
  onProgress?: (progress: ExtractionProgress) => void;
  /** Cancels the run. */
  signal?: AbortSignal;
  /** Files longer than this many seconds are listed as failed (default `DEFAULT_EXTRACT_MAX_SECONDS`, ten minutes). */
  maxSeconds?: number;
}

/**
 * The `extract` command: scan `dirs`, apply the label set, extract features on all cores, optionally save,
 * and summarise. Prints nothing.
 *
 * @returns the corpus and its summary
 */
export async function extractCorpus(options: ExtractCorpusOptions): Promise<{ corpus: Corpus; summary: ExtractCorpusSummary }> {
  if (!Array.isArray(options.dirs) || options.dirs.length === 0) {
    throw new DatasetError('INVALID_ARGUMENT', 'extractCorpus needs at least one directory in dirs');
  }
  const items = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  for (const dir of options.dirs) {
    const scan = await scanDataset(dir, options.dataset ?? 'auto');
    skipped.push(...scan.skipped);
    for (const item of scan.items) {
      if (seen.has(item.path)) continue; // the same file reached through two of the given directories
      seen.add(item.path);
      items.push(item);
    }
  }
  const labelled = applyLabelSet(items, options.labelSet ?? 'ravdess8');
  const started = performance.now();
  const corpus = await extractFeatures(labelled, {
    ...(options.featureSet !== undefined ? { featureSet: options.featureSet } : {}),
    ...(options.featureConfig !== undefined ? { featureConfig: options.featureConfig } : {}),
    ...(options.sr !== undefined ? { sr: options.sr } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxSeconds !== undefined ? { maxSeconds: options.maxSeconds } : {}),
  });
  const extractionMs = performance.now() - started;
  const files = options.out ? await saveCorpus(options.out.dir, options.out.name, corpus) : undefined;
  return {
    corpus,
    summary: { ...summarizeCorpus(corpus, files), skipped, dropped: labelled.droppedCounts, extractionMs },
  };
}

/**
 * The `merge` command: load saved corpora, merge them (refusing incompatible ones), optionally save.
 *
 * @param inputs - saved corpora as `{ dir, name }`, or paths `dir/name` / `dir/name.meta.json`
 * @param out - where to save the merged corpus; omitted = not saved
 */
export async function mergeCorpusFiles(
  inputs: ReadonlyArray<CorpusLocation | string>,
  out?: CorpusLocation,
): Promise<{ corpus: Corpus; summary: CorpusSummary }> {
  if (inputs.length === 0) throw new DatasetError('INVALID_ARGUMENT', 'mergeCorpusFiles needs at least one corpus');
  const corpora = [];
  for (const input of inputs) {
    const location = typeof input === 'string' ? parseCorpusLocation(input) : input;
    corpora.push(await loadCorpus(location.dir, location.name));
  }
  const corpus = mergeCorpora(...corpora);
  const files = out ? await saveCorpus(out.dir, out.name, corpus) : undefined;
  return { corpus, summary: summarizeCorpus(corpus, files) };
}

/** Reads `dir/name`, `dir/name.meta.json` or `dir/x_name.npy` as a corpus location. */
export function parseCorpusLocation(path: string): CorpusLocation {
  let name = basename(path);
  if (name.endsWith('.meta.json')) name = name.slice(0, -'.meta.json'.length);
  else if (/^[xy]_.+\.npy$/.test(name)) name = name.slice(2, -'.npy'.length);
  return { dir: dirname(path), name };
}

/** Counts per label (every class, in class order), speaker and corpus, for printing. */
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
