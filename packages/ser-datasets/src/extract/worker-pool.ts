import type { ResourceLimits, Worker } from 'node:worker_threads';
import { DatasetError } from '../errors.js';
import { startWorkerThread } from '@ser/core/node';
import type { ExtractJob, ExtractReply } from './worker-protocol.js';

/** Options of {@link runWorkerPool}. */
export interface WorkerPoolOptions {
  /** Worker script path. */
  script: string;
  /** Number of worker threads (≥ 1). */
  workers: number;
  /**
   * Jobs sent to a worker before its first reply comes back (default 2). With 2, a worker reads its next file
   * while it computes the current one and never waits for the main thread between files.
   */
  jobsInFlight?: number;
  /** Called with every reply, in completion order. */
  onReply: (reply: ExtractReply, job: ExtractJob) => void;
  /** Cancels the run: workers are terminated and the promise rejects with ABORTED. */
  signal?: AbortSignal;
  /**
   * A worker that holds jobs but sends no reply for this long is stopped and its file counted as failed
   * (default {@link DEFAULT_FILE_TIMEOUT_MS}).
   */
  fileTimeoutMs?: number;
  /** Memory limits of each worker's JavaScript heap (default {@link DEFAULT_WORKER_RESOURCE_LIMITS}). */
  resourceLimits?: ResourceLimits;
}

/** Default of `fileTimeoutMs`: two minutes (a corpus recording takes milliseconds). */
export const DEFAULT_FILE_TIMEOUT_MS = 120_000;

/**
 * Default heap limits of an extraction worker: a worker whose JavaScript heap passes 1 GiB dies and is replaced,
 * its file counted as failed. (Typed arrays live outside that heap: the decode budget bounds them.)
 */
export const DEFAULT_WORKER_RESOURCE_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 1024,
  maxYoungGenerationSizeMb: 64,
};

/** A live worker and the jobs it holds, by row index. */
interface PoolWorker {
  thread: Worker;
  inFlight: Map<number, ExtractJob>;
  /** Running a job that was in flight when another worker died: it gets no other job until it answers. */
  alone: boolean;
  /** Fires when the worker has held jobs for `fileTimeoutMs` without a reply. */
  watchdog?: ReturnType<typeof setTimeout>;
}

/**
 * Runs jobs on a pool of worker threads. Each worker holds up to `jobsInFlight` jobs; the next is sent as soon
 * as a reply arrives, so fast and slow files balance themselves. Replies may come in any order (they carry the
 * row index).
 *
 * A worker that dies while holding one job — it crashed, passed its heap limit (`resourceLimits`) or sent no
 * reply for `fileTimeoutMs` — fails that job and is replaced. One that dies holding several does not say which one
 * killed it, so those jobs are run again one at a time, each alone on a worker: the job that kills its worker then
 * is the failure. If workers keep dying with no job succeeding in between (more than 2 × workers + 2 times in a
 * row: the script itself is broken) the run stops with WORKER_ERROR.
 */
export function runWorkerPool(jobs: readonly ExtractJob[], options: WorkerPoolOptions): Promise<void> {
  const depth = options.jobsInFlight ?? 2;
  if (!Number.isInteger(depth) || depth < 1) {
    return Promise.reject(
      new DatasetError('INVALID_ARGUMENT', `jobsInFlight must be an integer ≥ 1, got ${String(depth)}`),
    );
  }
  const timeoutMs = options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    return Promise.reject(
      new DatasetError(
        'INVALID_ARGUMENT',
        `fileTimeoutMs must be a number of milliseconds > 0, got ${String(timeoutMs)}`,
      ),
    );
  }
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let finished = 0;
    let crashes = 0;
    let settled = false;
    /** Jobs that were in flight on a worker that died holding several: each is rerun alone. */
    const suspects: ExtractJob[] = [];
    const live = new Set<PoolWorker>();
    const hasWork = () => next < jobs.length || suspects.length > 0;

    const stop = (error?: Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const worker of live) {
        clearTimeout(worker.watchdog);
        void worker.thread.terminate();
      }
      live.clear();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => stop(new DatasetError('ABORTED', 'feature extraction was aborted'));

    /** (Re)starts the worker's watchdog while it holds jobs. */
    const watch = (worker: PoolWorker) => {
      clearTimeout(worker.watchdog);
      worker.watchdog = undefined;
      if (worker.inFlight.size === 0) return;
      worker.watchdog = setTimeout(
        () => fail(worker, new Error(`no answer for ${timeoutMs / 1000} s, so the worker was stopped`)),
        timeoutMs,
      );
      worker.watchdog.unref?.();
    };

    const send = (worker: PoolWorker, job: ExtractJob) => {
      const wasIdle = worker.inFlight.size === 0;
      worker.inFlight.set(job.index, job);
      if (wasIdle) watch(worker);
      worker.thread.postMessage(job);
    };

    /** Tops the worker up with jobs, or retires it when there is nothing left for it. */
    const feed = (worker: PoolWorker) => {
      if (settled) return;
      if (worker.inFlight.size === 0) worker.alone = false;
      if (suspects.length > 0 && worker.inFlight.size === 0) {
        worker.alone = true;
        send(worker, suspects.shift()!);
      }
      while (!worker.alone && worker.inFlight.size < depth && next < jobs.length) send(worker, jobs[next++]!);
      if (worker.inFlight.size === 0) {
        clearTimeout(worker.watchdog);
        live.delete(worker);
        void worker.thread.terminate();
        if (finished === jobs.length) stop();
      }
    };

    const reply = (job: ExtractJob, message: ExtractReply): boolean => {
      finished++;
      try {
        options.onReply(message, job);
        return true;
      } catch (error) {
        stop(error instanceof Error ? error : new Error(String(error))); // e.g. an onProgress callback threw
        return false;
      }
    };

    const start = (): PoolWorker => {
      const thread = startWorkerThread(options.script, {
        execArgv: [],
        resourceLimits: options.resourceLimits ?? DEFAULT_WORKER_RESOURCE_LIMITS,
      });
      const worker: PoolWorker = { thread, inFlight: new Map(), alone: false };
      live.add(worker);
      worker.thread.on('message', (message: ExtractReply) => {
        if (settled) return;
        const job = worker.inFlight.get(message.index);
        if (!job) {
          stop(
            new DatasetError(
              'WORKER_ERROR',
              `a feature-extraction worker answered row ${String(message?.index)}, which it was not given`,
            ),
          );
          return;
        }
        worker.inFlight.delete(message.index);
        watch(worker);
        crashes = 0; // the script works: later deaths are the files' doing
        if (reply(job, message)) feed(worker);
      });
      worker.thread.on('error', (error) => fail(worker, error));
      worker.thread.on('exit', (code) => {
        if (!settled && live.has(worker)) fail(worker, new Error(`worker exited with code ${code}`));
      });
      return worker;
    };

    const fail = (worker: PoolWorker, error: Error) => {
      if (settled || !live.has(worker)) return;
      clearTimeout(worker.watchdog);
      live.delete(worker);
      void worker.thread.terminate();
      crashes++;
      const held = [...worker.inFlight.values()];
      worker.inFlight.clear();
      if (crashes > 2 * options.workers + 2) {
        stop(
          new DatasetError('WORKER_ERROR', `feature-extraction workers keep failing: ${error.message}`, {
            cause: error,
          }),
        );
        return;
      }
      if (held.length === 1) {
        const job = held[0]!;
        if (!reply(job, { index: job.index, ok: false, error: `${job.path}: worker failed: ${error.message}` })) return;
      } else {
        suspects.unshift(...held);
      }
      if (hasWork()) {
        // The replacement, plus any idle capacity the suspects need (each runs alone).
        feed(start());
        while (suspects.length > 0 && live.size < options.workers) feed(start());
      } else if (finished === jobs.length) stop();
    };

    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (jobs.length === 0) {
      stop();
      return;
    }
    // One job to every worker first, then the rest of their share, so a short list still uses every worker.
    const started = Array.from({ length: Math.max(1, Math.min(options.workers, jobs.length)) }, start);
    for (const worker of started) send(worker, jobs[next++]!);
    for (const worker of started) feed(worker);
  });
}
