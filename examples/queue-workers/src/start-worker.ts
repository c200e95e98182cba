/**
 * A worker process: a BullMQ Worker whose jobs run in a pool of worker threads (the sandboxed
 * `processor.js`), one per unit of `concurrency`.
 *
 * Delivery is at-least-once. A job is locked while it runs; the main thread renews the lock (it is never busy:
 * the analyses run in the threads). A worker that dies (SIGKILL, power loss) stops renewing; when the lock
 * expires, the stalled-job check of any live worker moves the job back to `wait` and another worker runs it.
 */
import { availableParallelism } from 'node:os';
import { Worker, type Job } from 'bullmq';
import type { AnalysisJobData, AnalysisJobResult } from './process-job.js';
import { connectionOptions, QUEUE_NAME, type QueueConfig } from './queue-config.js';

/** Options of {@link startWorker}. */
export interface WorkerOptions {
  queue: QueueConfig;
  /** Jobs at once, each in its own thread (default: the number of cores). */
  concurrency?: number;
  /** Lock of a running job, ms; a dead worker's job returns to the queue this long after its last renewal (default 30 000). */
  lockMs?: number;
  /** How often the stalled-job check runs, ms (default 30 000). */
  stalledCheckMs?: number;
  /** How many times a job may be recovered from a dead worker before it is failed (default 3). */
  maxStalledCount?: number;
  /** Name stored on each job this worker processes (`processedBy`). */
  name?: string;
  /** One line per event (`active`, `done`, `retry`, `failed`, `stalled`), for logs. */
  log?: (line: string) => void;
}

/** The number of cores this process may use. */
export function defaultConcurrency(): number {
  return availableParallelism();
}

/**
 * Starts a worker on the queue; resolves once it is connected and taking jobs.
 * @example
 * ```ts
 * const worker = await startWorker({ queue: queueConfig('redis://10.0.0.5:6379'), concurrency: 2 });
 * process.on('SIGTERM', () => void worker.close()); // finishes the running jobs, takes no new ones
 * ```
 */
export async function startWorker(options: WorkerOptions): Promise<Worker<AnalysisJobData, AnalysisJobResult>> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const worker = new Worker<AnalysisJobData, AnalysisJobResult>(
    QUEUE_NAME,
    new URL('./processor.js', import.meta.url),
    {
      connection: connectionOptions(options.queue),
      prefix: options.queue.prefix,
      concurrency: options.concurrency ?? defaultConcurrency(),
      useWorkerThreads: true,
      workerThreadsOptions: { workerData: { queue: options.queue } },
      lockDuration: options.lockMs ?? 30_000,
      stalledInterval: options.stalledCheckMs ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 3,
      ...(options.name !== undefined ? { name: options.name } : {}),
    },
  );
  worker.on('active', (job) => log(`active ${job.id} ${job.data.input}`));
  worker.on('completed', (job, result) =>
    log(
      `done ${job.id} ${job.data.input} ${result.reused ? '(result already stored)' : `(${result.duration?.toFixed(1)} s of audio)`}`,
    ),
  );
  worker.on('failed', (job, error) => {
    if (job)
      log(
        `${willRetry(job, error) ? 'retry' : 'failed'} ${job.id} attempt ${job.attemptsMade}/${job.opts.attempts ?? 1}: ${oneLine(error.message)}`,
      );
  });
  // This worker's stalled-job check found a job whose lock had expired (its worker died, or was too busy to
  // renew it) and put it back in the queue.
  worker.on('stalled', (jobId) => log(`stalled ${jobId} its lock expired: back in the queue`));
  worker.on('error', (error) => log(`error ${oneLine(error.message)}`));
  await worker.waitUntilReady();
  return worker;
}

/** True when BullMQ will run the failed job again. */
function willRetry(job: Job, error: Error): boolean {
  return error.name !== 'UnrecoverableError' && job.attemptsMade < (job.opts.attempts ?? 1);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' | ');
}
