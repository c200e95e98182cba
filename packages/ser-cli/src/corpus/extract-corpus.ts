/** The work of `ser extract`: scan folders, apply the label set, extract features on worker threads, save, summarise. */
import type {
  Corpus,
  CorpusLocation,
  CorpusSummary,
  ExtractionProgress,
  FeatureSelection,
  LabelSet,
  LabelSetName,
  ScanDatasetName,
  SkippedFile,
} from '@ser/datasets';
import { loadDatasets } from '../deps.js';

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
  dataset?: ScanDatasetName;
  /** Label set (default `ravdess8`). */
  labelSet?: LabelSetName | LabelSet;
  /** Save the corpus here; omitted = not saved. */
  out?: CorpusLocation;
  /** Worker threads (default all cores). */
  workers?: number;
  /** Progress after every file. */
  onProgress?: (progress: ExtractionProgress) => void;
  /** Files longer than this many seconds are listed as failed (default @ser/datasets' `DEFAULT_EXTRACT_MAX_SECONDS`). */
  maxSeconds?: number;
}

/**
 * Scans `dirs` (a file reached through two of them counts once), applies the label set, extracts the features on
 * worker threads, saves the corpus when `out` is given, and summarises. Prints nothing.
 *
 * @returns the corpus and its summary
 * @throws DatasetError from @ser/datasets for an unreadable folder or a bad feature selection
 * @example
 * ```ts
 * const { summary } = await extractCorpus({ dirs: ['data/ravdess'], dataset: 'ravdess', labelSet: 'ekman7', out: { dir: 'data', name: 'ravdess-ser180' } });
 * ```
 */
export async function extractCorpus(
  options: ExtractCorpusOptions,
): Promise<{ corpus: Corpus; summary: ExtractCorpusSummary }> {
  const { applyLabelSet, extractFeatures, saveCorpus, scanDataset, summarizeCorpus } = await loadDatasets();
  const items = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  for (const dir of options.dirs) {
    const scan = await scanDataset(dir, options.dataset ?? 'auto');
    skipped.push(...scan.skipped);
    for (const item of scan.items) {
      if (seen.has(item.path)) continue;
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
    ...(options.maxSeconds !== undefined ? { maxSeconds: options.maxSeconds } : {}),
  });
  const extractionMs = performance.now() - started;
  const files = options.out ? await saveCorpus(options.out.dir, options.out.name, corpus) : undefined;
  return {
    corpus,
    summary: { ...summarizeCorpus(corpus, files), skipped, dropped: labelled.droppedCounts, extractionMs },
  };
}
