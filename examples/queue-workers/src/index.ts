/**
 * ser-example-queue-workers as a library: the producer, the worker, the export and their parts.
 */
export { analyzeRecording } from './analyze-recording.js';
export { analyzeArguments, canonicalOptions, ANALYSIS_OPTION_NAMES, type AnalysisOptions } from './analysis-options.js';
export { failureKind, causeChain, PERMANENT_AUDIO_CODES, type FailureKind } from './failure-kind.js';
export { fileJobId, urlJobId, jobIdFor } from './job-id.js';
export {
  expandBatchInputs,
  parseListFile,
  audioFilesUnder,
  BatchInputError,
  AUDIO_EXTENSIONS,
  LIST_EXTENSIONS,
} from './batch-inputs.js';
export { batchIdFor, recordBatch, readBatch, type BatchEntry } from './batch-record.js';
export { BatchProgress, formatSeconds, type BatchCounts } from './batch-progress.js';
export { enqueueBatch, watchBatch, type EnqueuedBatch, type RetryPolicy, type WatchOptions } from './enqueue-batch.js';
export { processAnalysisJob, type AnalysisJobData, type AnalysisJobResult, type ResultSink } from './process-job.js';
export { mapLimited } from './map-limited.js';
export { ResultsStore } from './results-store.js';
export { startWorker, defaultConcurrency, type WorkerOptions } from './start-worker.js';
export {
  exportBatch,
  batchRecords,
  toCsv,
  toJsonLines,
  csvField,
  exportFormatOf,
  type ExportRecord,
} from './export-batch.js';
export {
  queueConfig,
  connectionOptions,
  resultsKey,
  batchKey,
  QUEUE_NAME,
  JOB_NAME,
  DEFAULT_REDIS_URL,
  type QueueConfig,
} from './queue-config.js';
export { startLocalRedis, freePort, type LocalRedis } from './local-redis.js';
