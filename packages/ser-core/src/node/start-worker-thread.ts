import { setFlagsFromString } from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

let concurrentRecompilationDisabled = false;

/**
 * `new Worker(script, options)` for ser's worker pools, after turning off V8's concurrent (background-thread)
 * optimising compiler for the isolates created from then on.
 *
 * Why: Node 20 unregisters a worker's isolate from its platform before disposing of it, and a TurboFan job still
 * compiling that worker's hot code on a background thread in that window aborts the whole process ("Assertion
 * failed: (data.first) != nullptr" in `NodePlatform::ForIsolate`). ser's workers run hot DSP and model code and
 * are retired or replaced routinely, so it happened about once in eight runs of the extraction tests. Without the
 * background compiler, a worker compiles its hot functions on its own thread — the same CPU work — and no job
 * can outlive it. The flag is process-wide in V8, but applies to isolates (workers) created after it is set;
 * the main thread keeps its own background compiler.
 *
 * @param script worker script (path or URL), as for `new Worker`
 * @param options as for `new Worker`
 */
export function startWorkerThread(script: string | URL, options: WorkerOptions = {}): Worker {
  if (!concurrentRecompilationDisabled) {
    setFlagsFromString('--no-concurrent-recompilation');
    concurrentRecompilationDisabled = true;
  }
  return new Worker(script, options);
}
