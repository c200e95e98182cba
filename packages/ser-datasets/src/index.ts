/**
 * @ser/datasets: RAVDESS, CREMA-D and TESS scanners, label sets, corpus feature extraction on worker threads,
 * `.npy` export, merging and speaker-independent splits. This entry is for Node (it reads directories and
 * files); the browser-safe part is also available alone as `@ser/datasets/core`.
 */
export * from './core.js';
export { listFilesRecursive } from './list-files.js';
export {
  scanRavdess,
  scanCremaD,
  scanTess,
  scanDataset,
  datasetsForName,
  type ScanOptions,
  type ScanDatasetName,
} from './scan.js';
export * from './npy/npy-file.js';
export * from './corpus/corpus-files.js';
export * from './corpus/corpus-io.js';
export { classIdsChecksum, corpusChecksums, featuresChecksum } from './corpus/corpus-checksums.js';
export { extractFeatures, type ExtractFeaturesOptions, type ExtractionProgress } from './extract/extract-features.js';
export { resolveFeatureConfig, type FeatureSelection, type FeatureSetName } from './extract/feature-options.js';
export { DEFAULT_EXTRACT_MAX_SECONDS, extractFileFeatures } from './extract/extract-file.js';
export { DEFAULT_FILE_TIMEOUT_MS, DEFAULT_WORKER_RESOURCE_LIMITS } from './extract/worker-pool.js';
export type { FileLimits } from './extract/worker-protocol.js';
export { workerScriptPath } from './extract/worker-script.js';
export { writeFilesAtomically, type FileContents } from './io/write-files-atomically.js';
export { summarizeCorpus, type CorpusLocation, type CorpusSummary } from './corpus/corpus-summary.js';
