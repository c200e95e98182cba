/**
 * The producer: one job per recording, with content-hash ids, recorded as a batch; then the batch's
 * progress from queue events until every job has finished.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AnalysisOptions } from './analysis-options.js';
import { batchIdFor, recordBatch, type BatchEntry } from './batch-record.js';
import { BatchProgress } from './batch-progress.js';
import { jobIdFor } from './job-id.js';
import { mapLimited } from './map-limited.js';
import type { AnalysisJobData } from './process-job.js';
import { JOB_NAME, type QueueConfig } from './queue-config.js';
import { ResultsStore } from './results-store.js';

/** Retry policy of the jobs. */
export interface RetryPolicy {
  /** Attempts in all, the first included (default 5). */
  attempts: number;
  /** First retry after this many ms, doubling each time (default 2000). */
  backoffMs: number;
}

/** What {@link enqueueBatch} did. */
export interface EnqueuedBatch {
  batchId: string;
  /** Every recording in input order (a recording given twice appears twice, with one job). */
  entries: BatchEntry[];
  /** The distinct job ids. */
  jobIds: string[];
  /** Job ids whose result was stored already (not added again). */
  alreadyDone: string[];
}

/** Jobs per addBulk call. */
const ADD_CHUNK = 500;
/** Files hashed at once. */
const HASH_CONCURRENCY = 4;

/**
 * Hashes the recordings, records the batch, and adds a job for every recording without a stored result.
 * Adding a job whose id exists already (waiting, running, failed) does nothing: BullMQ keeps one job per id.
 * @throws the read error of a recording that cannot be hashed (nothing is added then)
 */
export async function enqueueBatch(
  queue: Queue<AnalysisJobData>,
  redis: Redis,
  config: QueueConfig,
  inputs: readonly string[],
  options: AnalysisOptions,
  retry: RetryPolicy,
): Promise<EnqueuedBatch> {
  const ids = await mapLimited(inputs, HASH_CONCURRENCY, (input) => jobIdFor(input, options));
  const entries = inputs.map((input, i) => ({ jobId: ids[i]!, input }));
  const batchId = batchIdFor(ids);
  await recordBatch(redis, config, batchId, entries);
  const firstInput = new Map<string, string>();
  for (const entry of entries) if (!firstInput.has(entry.jobId)) firstInput.set(entry.jobId, entry.input);
  const jobIds = [...firstInput.keys()];
  const stored = await new ResultsStore(redis, config).getMany(jobIds);
  const alreadyDone = jobIds.filter((_, i) => stored[i] !== null);
  const toAdd = jobIds.filter((_, i) => stored[i] === null);
  for (let first = 0; first < toAdd.length; first += ADD_CHUNK) {
    await queue.addBulk(
      toAdd.slice(first, first + ADD_CHUNK).map((jobId) => ({
        name: JOB_NAME,
        data: { input: firstInput.get(jobId)!, options },
        opts: {
          jobId,
          attempts: retry.attempts,
          backoff: { type: 'exponential', delay: retry.backoffMs },
          // The result lives in the results store; a failed job stays, with its reason, for the export.
          removeOnComplete: true,
          removeOnFail: false,
        },
      })),
    );
  }
  return { batchId, entries, jobIds, alreadyDone };
}

/** Options of {@link watchBatch}. */
export interface WatchOptions {
  /** Called on every change, and every `tickMs` (rate and ETA move). */
  onProgress?: (progress: BatchProgress) => void;
  /** Called once per failed job, with its reason. */
  onFailed?: (jobId: string, reason: string) => void;
  /** How often the state is also read from Redis (events can be missed across a reconnect), ms (default 10 000). */
  reconcileMs?: number;
  /** Progress tick, ms (default 1000). */
  tickMs?: number;
}

/**
 * Follows `jobIds` until each is done (result stored) or failed; `events` must have been listening since
 * before the jobs were added. Resolves with the final progress.
 */
export async function watchBatch(
  queue: Queue<AnalysisJobData>,
  events: QueueEvents,
  results: ResultsStore,
  batch: EnqueuedBatch,
  options: WatchOptions = {},
): Promise<BatchProgress> {
  const progress = new BatchProgress(batch.jobIds);
  for (const jobId of batch.alreadyDone) progress.markDone(jobId, true);
  const notify = (): void => options.onProgress?.(progress);
  const failed = (jobId: string, reason: string): void => {
    if (progress.markFailed(jobId, reason)) options.onFailed?.(jobId, reason);
  };
  return new Promise<BatchProgress>((resolve, reject) => {
    let settled = false;
    const finishIfDone = (): void => {
      if (!progress.finished || settled) return;
      settled = true;
      clearInterval(tick);
      clearInterval(reconcileTimer);
      events.off('completed', onCompleted);
      events.off('failed', onFailedEvent);
      notify();
      resolve(progress);
    };
    const onCompleted = ({ jobId }: { jobId: string }): void => {
      if (progress.markDone(jobId)) notify();
      finishIfDone();
    };
    const onFailedEvent = ({ jobId, failedReason }: { jobId: string; failedReason: string }): void => {
      failed(jobId, failedReason);
      notify();
      finishIfDone();
    };
    events.on('completed', onCompleted);
    events.on('failed', onFailedEvent);
    const reconcile = async (): Promise<void> => {
      const pending = progress.pendingIds();
      const stored = await results.getMany(pending);
      const open: string[] = [];
      pending.forEach((jobId, i) => (stored[i] !== null ? progress.markDone(jobId) : open.push(jobId)));
      await mapLimited(open, 32, async (jobId) => {
        if ((await queue.getJobState(jobId)) !== 'failed') return;
        const job = await queue.getJob(jobId);
        failed(jobId, job?.failedReason ?? 'failed');
      });
      notify();
      finishIfDone();
    };
    const onReconcileError = (error: unknown): void => {
      if (settled) return;
      settled = true;
      clearInterval(tick);
      clearInterval(reconcileTimer);
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const tick = setInterval(notify, options.tickMs ?? 1000);
    const reconcileTimer = setInterval(() => void reconcile().catch(onReconcileError), options.reconcileMs ?? 10_000);
    reconcile().catch(onReconcileError);
  });
}
