/**
 * The sandboxed processor: BullMQ runs this file in worker threads (one per concurrent job, kept and reused
 * between jobs), so analyses use as many cores as `--concurrency` says while the worker's main thread stays
 * free to renew job locks and to handle signals. Each thread opens one Redis connection for the results.
 */
import { workerData } from 'node:worker_threads';
import type { SandboxedJob } from 'bullmq';
import { Redis } from 'ioredis';
import { processAnalysisJob, type AnalysisJobData, type AnalysisJobResult } from './process-job.js';
import type { QueueConfig } from './queue-config.js';
import { ResultsStore } from './results-store.js';

let store: ResultsStore | undefined;

/** This thread's results store (connected on first use; `workerData` carries the queue config). */
function resultsStore(): ResultsStore {
  if (!store) {
    const config = (workerData as { queue: QueueConfig }).queue;
    store = new ResultsStore(new Redis(config.redisUrl, { maxRetriesPerRequest: null }), config);
  }
  return store;
}

/** Processes one job in this thread. */
export default async function processor(
  job: SandboxedJob<AnalysisJobData, AnalysisJobResult>,
): Promise<AnalysisJobResult> {
  if (job.id === undefined) throw new Error('a job without an id (jobs are added with content-hash ids)');
  return processAnalysisJob(job.id, job.data, resultsStore());
}
