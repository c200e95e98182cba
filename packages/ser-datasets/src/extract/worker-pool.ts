import { Worker } from 'node:worker_threads';
import { DatasetError } from '../errors.js';
import type { ExtractJob, ExtractReply } from './worker-protocol.js';

/** Options of {@link runWorkerPool}. */
export interface WorkerPoolOptions {
  /** Worker script path. */
  script: string;
  /** Number of worker threads (≥ 1). */
  workers: number;
  /** Called with every reply, in completion order. */
  onReply: (reply: ExtractReply, job: ExtractJob) => void;
  /** Cancels the run: workers are terminated and the promise rejects with ABORTED. */
  signal?: AbortSignal;
}

/**
 * Runs jobs on a pool of worker threads, one job per worker at a time (the next is sent when a reply arrives,
 * so fast and slow files balance themselves). A worker that dies fails its current job and is replaced; if
 * workers keep dying (more than 2 × workers + 2 times) the run stops with WORKER_ERROR.
 */
export function runWorkerPool(jobs: readonly ExtractJob[], options: WorkerPoolOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let finished = 0;
    let crashes = 0;
    let settled = false;
    const live = new Set<Worker>();
    const current = new Map<Worker, ExtractJob>();

    const stop = (error?: Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const worker of live) void worker.terminate();
      live.clear();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => stop(new DatasetError('ABORTED', 'feature extraction was aborted'));

    const feed = (worker: Worker) => {
      if (settled) return;
      if (next >= jobs.length) {
        current.delete(worker);
        live.delete(worker);
        void worker.terminate();
        if (finished === jobs.length) stop();
        return;
      }
      const job = jobs[next++]!;
      current.set(worker, job);
      worker.postMessage(job);
    };

    const start = () => {
      const worker = new Worker(options.script, { execArgv: [] });
      live.add(worker);
      worker.on('message', (reply: ExtractReply) => {
        const job = current.get(worker)!;
        finished++;
        try {
          options.onReply(reply, job);
        } catch (error) {
          stop(error instanceof Error ? error : new Error(String(error))); // e.g. an onProgress callback threw
          return;
        }
        feed(worker);
      });
      worker.on('error', (error) => fail(worker, error));
      worker.on('exit', (code) => {
        if (!settled && live.has(worker)) fail(worker, new Error(`worker exited with code ${code}`));
      });
      return worker;
    };

    const fail = (worker: Worker, error: Error) => {
      if (settled || !live.has(worker)) return;
      live.delete(worker);
      void worker.terminate();
      crashes++;
      const job = current.get(worker);
      current.delete(worker);
      if (crashes > 2 * options.workers + 2) {
        stop(new DatasetError('WORKER_ERROR', `feature-extraction workers keep failing: ${error.message}`, { cause: error }));
        return;
      }
      if (job) {
        finished++;
        try {
          options.onReply({ index: job.index, ok: false, error: `${job.path}: worker failed: ${error.message}` }, job);
        } catch (replyError) {
          stop(replyError instanceof Error ? replyError : new Error(String(replyError)));
          return;
        }
      }
      if (next < jobs.length) feed(start());
      else if (finished === jobs.length) stop();
    };

    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (jobs.length === 0) return stop();
    const count = Math.max(1, Math.min(options.workers, jobs.length));
    for (let i = 0; i < count; i++) feed(start());
  });
}
