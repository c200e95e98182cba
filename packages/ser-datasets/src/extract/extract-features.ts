import { availableParallelism } from 'node:os';
import { featureShape } from '@ser/audio-features';
import { applyLabelSet, type LabeledItem, type LabeledItems } from '../apply-label-set.js';
import type { Corpus, ExtractionFailure } from '../corpus/corpus.js';
import { DatasetError } from '../errors.js';
import type { LabelSet, LabelSetName } from '@ser/core';
import type { DatasetItem } from '../types.js';
import { DEFAULT_EXTRACT_MAX_SECONDS, describeFileError, extractFileFeatures } from './extract-file.js';
import { resolveFeatureConfig, type FeatureSelection } from './feature-options.js';
import { runWorkerPool } from './worker-pool.js';
import type { ExtractJob, ExtractReply, FileLimits } from './worker-protocol.js';
import type { ResourceLimits } from 'node:worker_threads';
import { workerScriptPath } from './worker-script.js';

/** Progress of an extraction, reported after every file. */
export interface ExtractionProgress {
  /** Files finished (extracted or failed). */
  done: number;
  /** Files in the run. */
  total: number;
  /** Files that failed so far. */
  failed: number;
  /** The file just finished. */
  file: string;
}

/** Options of {@link extractFeatures}. */
export interface ExtractFeaturesOptions extends FeatureSelection {
  /**
   * Label set applied when plain items are given (default `ravdess8`, which keeps every emotion). Ignored for
   * the result of {@link applyLabelSet}, which carries its own.
   */
  labelSet?: LabelSetName | LabelSet;
  /** Worker threads (default `os.availableParallelism()`); 0 runs in the calling thread. */
  workers?: number;
  /** Called after every file. */
  onProgress?: (progress: ExtractionProgress) => void;
  /** Cancels the extraction (rejects with DatasetError ABORTED). */
  signal?: AbortSignal;
  /** Worker script to run instead of the built `extract-worker` (advanced). */
  workerScript?: string;
  /**
   * Files longer than this many seconds fail (TOO_LARGE, listed in `failures`) instead of being read
   * (default {@link DEFAULT_EXTRACT_MAX_SECONDS}, ten minutes).
   */
  maxSeconds?: number;
  /** Decode budget of each file, samples (default: @ser/audio-features' `DEFAULT_MAX_DECODED_SAMPLES`). */
  maxDecodedSamples?: number;
  /**
   * A worker that sends no result for this long is stopped and replaced, its file listed as failed
   * (default `DEFAULT_FILE_TIMEOUT_MS`, two minutes; only with `workers` ≥ 1).
   */
  fileTimeoutMs?: number;
  /** Heap limits of each worker (default `DEFAULT_WORKER_RESOURCE_LIMITS`, 1 GiB): past them it is replaced, its file failed. */
  workerResourceLimits?: ResourceLimits;
}

/**
 * Computes features for every item — `computeFeatures(loadAudio(path, { sr }).samples, config)` from
 * @ser/audio-features — on worker threads, keeping input order. Files that fail (unreadable, corrupt, empty,
 * longer than `maxSeconds`, or whose worker died, ran out of heap or stalled) are listed in `failures` with their
 * error; the others are extracted. No single file can end the run.
 *
 * @param input - scanned items, or the result of {@link applyLabelSet}
 * @returns a {@link Corpus}: `x` (rows × featureSize, C order), `shape`, per-row `labels`/`y`/`items`,
 *   `failures`, `featureConfig`
 * @throws DatasetError INVALID_ARGUMENT for bad options, WORKER_ERROR if the worker pool fails, ABORTED
 */
export async function extractFeatures(
  input: readonly DatasetItem[] | LabeledItems,
  options: ExtractFeaturesOptions,
): Promise<Corpus> {
  const labelled = Array.isArray(input)
    ? applyLabelSet(input as readonly DatasetItem[], options.labelSet ?? 'ravdess8')
    : (input as LabeledItems);
  const config = resolveFeatureConfig(options);
  const rowShape = featureShape(config);
  const rowSize = rowShape.reduce((a, b) => a * b, 1);
  const items = labelled.items;
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 0) {
    throw new DatasetError('INVALID_ARGUMENT', `workers must be an integer ≥ 0, got ${String(workers)}`);
  }
  const limits: FileLimits = { maxSeconds: options.maxSeconds ?? DEFAULT_EXTRACT_MAX_SECONDS };
  if (!(limits.maxSeconds > 0))
    throw new DatasetError(
      'INVALID_ARGUMENT',
      `maxSeconds must be a number of seconds > 0, got ${String(options.maxSeconds)}`,
    );
  if (options.maxDecodedSamples !== undefined) limits.maxDecodedSamples = options.maxDecodedSamples;
  const x = new Float32Array(items.length * rowSize);
  const ok = new Uint8Array(items.length);
  const failures: (ExtractionFailure & { index: number })[] = [];
  let done = 0;
  const record = (reply: ExtractReply, path: string) => {
    if (reply.ok) {
      if (reply.data.length !== rowSize) {
        failures.push({
          index: reply.index,
          path,
          error: `${path}: ${reply.data.length} feature values, expected ${rowSize}`,
        });
      } else {
        x.set(reply.data, reply.index * rowSize);
        ok[reply.index] = 1;
      }
    } else {
      failures.push({ index: reply.index, path, error: reply.error, ...(reply.code ? { code: reply.code } : {}) });
    }
    done++;
    options.onProgress?.({ done, total: items.length, failed: failures.length, file: path });
  };
  const jobs: ExtractJob[] = items.map((item, index) => ({ index, path: item.path, config, limits }));
  if (workers === 0) {
    for (const job of jobs) {
      if (options.signal?.aborted) throw new DatasetError('ABORTED', 'feature extraction was aborted');
      try {
        const data = await extractFileFeatures(job.path, config, limits);
        record({ index: job.index, ok: true, data }, job.path);
      } catch (error) {
        const code = (error as { code?: unknown })?.code;
        record(
          {
            index: job.index,
            ok: false,
            error: describeFileError(job.path, error),
            ...(typeof code === 'string' ? { code } : {}),
          },
          job.path,
        );
      }
    }
  } else if (jobs.length > 0) {
    await runWorkerPool(jobs, {
      script: options.workerScript ?? workerScriptPath(),
      workers,
      onReply: (reply, job) => record(reply, job.path),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.fileTimeoutMs !== undefined ? { fileTimeoutMs: options.fileTimeoutMs } : {}),
      ...(options.workerResourceLimits ? { resourceLimits: options.workerResourceLimits } : {}),
    });
  }
  return assembleCorpus(x, ok, rowShape, items, labelled.labelSet, failures, config);
}

/** Keeps the successful rows (in input order) and builds the corpus. */
function assembleCorpus(
  x: Float32Array,
  ok: Uint8Array,
  rowShape: number[],
  items: readonly LabeledItem[],
  labelSet: LabelSet,
  failures: (ExtractionFailure & { index: number })[],
  featureConfig: Corpus['featureConfig'],
): Corpus {
  const rowSize = rowShape.reduce((a, b) => a * b, 1);
  const keptRows: number[] = [];
  ok.forEach((flag, row) => flag && keptRows.push(row));
  const compact = keptRows.length === items.length ? x : new Float32Array(keptRows.length * rowSize);
  if (compact !== x)
    keptRows.forEach((row, i) => compact.set(x.subarray(row * rowSize, (row + 1) * rowSize), i * rowSize));
  const kept = keptRows.map((row) => items[row]!);
  return {
    x: compact,
    shape: [kept.length, ...rowShape],
    labels: kept.map((item) => item.label),
    y: Int32Array.from(kept, (item) => item.labelId),
    labelSet,
    items: kept.map(({ label: _label, labelId: _labelId, ...item }) => item),
    failures: failures.sort((a, b) => a.index - b.index).map(({ index: _index, ...failure }) => failure),
    featureConfig,
  };
}
