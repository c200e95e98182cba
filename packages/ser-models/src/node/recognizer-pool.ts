/**
 * A bounded pool of worker threads that decode and analyse encoded recordings with one recognizer, for
 * services: the thread that serves requests never decodes or computes features, each worker's heap is
 * limited, and a full pool says so at once (so a server can answer 503 before reading an upload).
 */
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { startWorkerThread } from '@ser/core/node';
import { AudioFeaturesError, type AudioErrorCode } from '@ser/audio-features';
import { builtWorkerScript } from './worker-script.js';
import { ModelError, type ModelErrorCode } from '../errors.js';
import { defaultModelDir } from '../pretrained.js';
import type { AnalysisReport } from '../recognizer/analysis-report.js';
import type { RecognizerOptions } from '../recognizer/create-recognizer.js';
import type { SpeakerCalibration } from '../calibration/speaker-calibration.js';
import type {
  RecognizerJob,
  RecognizerModelInfo,
  RecognizerWorkerData,
  RecognizerWorkerMessage,
  SerializedError,
} from './recognizer-protocol.js';

export type { RecognizerModelInfo } from './recognizer-protocol.js';

/** Options of {@link createRecognizerPool}. */
export interface RecognizerPoolOptions extends Omit<RecognizerOptions, 'bundle' | 'calibration'> {
  /** The bundle directory (default: the pretrained default model, `defaultModelDir()`). */
  modelDir?: string;
  /**
   * The speaker-calibrated bundle directory, for analyses given a calibration and for enrollments (default: the
   * calibrated default model, `defaultModelDir({ calibrated: true })`, when `modelDir` is not given; none otherwise,
   * unless `modelDir` itself is calibrated). Loaded by a worker when it first needs it.
   */
  calibratedModelDir?: string;
  /** Worker threads, i.e. analyses at once (default 2). */
  workers?: number;
  /** Analyses waiting for a worker (default 4); reservations beyond `workers + maxQueue` are refused. */
  maxQueue?: number;
  /** Decode budget of each recording (`decodeAudio`'s; default three hours of mono 16 kHz audio). */
  maxDecodedSamples?: number;
  /** Longest recording accepted, seconds (default {@link DEFAULT_POOL_MAX_SECONDS}). */
  maxSeconds?: number;
  /** Heap limits of each worker (default {@link DEFAULT_RECOGNIZER_RESOURCE_LIMITS}); a worker over them dies and is replaced. */
  resourceLimits?: ResourceLimits;
  /** An analysis with no answer after this many ms stops its worker and fails (default 60 000). */
  timeoutMs?: number;
  /** Path of the built worker script (default: `recognizer-worker.js` beside this module in dist/). */
  workerScript?: string;
}

/** Default `maxSeconds` of a pool: ten minutes. */
export const DEFAULT_POOL_MAX_SECONDS = 600;

/**
 * Default heap limits of a recognizer worker: 512 MiB old generation. (Decoded samples live in typed arrays
 * outside that heap: the decode budget bounds them.)
 */
export const DEFAULT_RECOGNIZER_RESOURCE_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 512,
  maxYoungGenerationSizeMb: 64,
};

/** Counts of a pool, e.g. for a health endpoint. */
export interface RecognizerPoolStats {
  /** Analyses running on a worker. */
  running: number;
  /** Analyses waiting for a worker. */
  queued: number;
  /** Reservations not yet analysing (e.g. uploads being received). */
  reserved: number;
  workers: number;
  maxQueue: number;
  /** `workers + maxQueue`: reservations held at most. */
  capacity: number;
}

/** A place in the pool, taken before the work arrives (see {@link RecognizerPool.reserve}). */
export interface PoolReservation {
  /**
   * Decodes and analyses `bytes` on a worker; resolves with the analysis report (`analysisReport`) and frees the
   * place. Call it once.
   * @throws AudioFeaturesError (not audio, over the budget …) or ModelError (`INVALID_DATA`, `WORKER_FAILED` when
   *   the worker died, e.g. past its memory limit, `ABORTED` after `timeoutMs`), each naming `fileName`
   */
  analyze(bytes: Uint8Array, fileName: string, options?: PoolAnalyzeOptions): Promise<AnalysisReport>;
  /**
   * Decodes `bytes` (calm speech) on a worker and enrolls a speaker with it (`calibrate` on the pool's calibrated
   * model, the calm check with its uncalibrated one); resolves with the calibration and frees the place. Call it
   * once (instead of `analyze`).
   * @throws AudioFeaturesError, or ModelError `ENROLLMENT_TOO_SHORT`/`ENROLLMENT_SILENT`/`ENROLLMENT_NOT_CALM`, each
   *   naming `fileName`; `INCOMPATIBLE_CALIBRATION` when the pool has no calibrated model
   */
  calibrate(bytes: Uint8Array, fileName: string, options?: { allowNotCalm?: boolean }): Promise<SpeakerCalibration>;
  /** Frees the place without analysing (e.g. the upload failed). Harmless after `analyze`. */
  release(): void;
}

/** Options of one {@link PoolReservation.analyze}. */
export interface PoolAnalyzeOptions {
  /** The speaker's calibration: the recording is analysed with the pool's calibrated model and it. */
  calibration?: SpeakerCalibration | undefined;
}

/** A bounded pool of recognizer workers (see {@link createRecognizerPool}). */
export interface RecognizerPool {
  /** Resolves when a worker has loaded the model, with its labels, feature set and rate. */
  ready(): Promise<RecognizerModelInfo>;
  /** Takes a place for one analysis, or returns `null` when `workers + maxQueue` places are taken. */
  reserve(): PoolReservation | null;
  /** True when {@link reserve} would return `null`. */
  readonly full: boolean;
  stats(): RecognizerPoolStats;
  /** Stops the workers; waiting and running analyses fail with `ABORTED`. */
  close(): Promise<void>;
}

const AUDIO_CODES: readonly AudioErrorCode[] = [
  'EMPTY_AUDIO',
  'NON_FINITE_AUDIO',
  'INVALID_ARGUMENT',
  'UNSUPPORTED_FORMAT',
  'UNSUPPORTED_CODEC',
  'CORRUPT_AUDIO',
  'NOT_FOUND',
  'FILE_NOT_READABLE',
  'TOO_LARGE',
];
const MODEL_CODES: readonly ModelErrorCode[] = [
  'INVALID_ARGUMENT',
  'BACKEND_UNAVAILABLE',
  'NOT_FOUND',
  'FILE_NOT_READABLE',
  'INVALID_BUNDLE',
  'INCOMPATIBLE_FEATURE_CONFIG',
  'INVALID_DATA',
  'ABORTED',
  'WORKER_FAILED',
  'BUSY',
  'INVALID_CALIBRATION',
  'INCOMPATIBLE_CALIBRATION',
  'ENROLLMENT_TOO_SHORT',
  'ENROLLMENT_SILENT',
  'ENROLLMENT_NOT_CALM',
];

/** The typed error a worker reported, rebuilt in this thread. */
function revive(error: SerializedError): Error {
  const audioCode = AUDIO_CODES.find((code) => code === error.code);
  if (error.name === 'AudioFeaturesError' && audioCode !== undefined) {
    // the message names the file already, so SerError does not put it in front again
    return new AudioFeaturesError(audioCode, error.message, error.file === undefined ? {} : { file: error.file });
  }
  const modelCode = MODEL_CODES.find((code) => code === error.code);
  if (error.name === 'ModelError' && modelCode !== undefined)
    return new ModelError(modelCode, error.message, error.file === undefined ? {} : { file: error.file });
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}

/** A job waiting for or running on a worker. */
interface PendingJob {
  job: RecognizerJob;
  resolve: (result: AnalysisReport | SpeakerCalibration) => void;
  reject: (error: Error) => void;
}

/** A worker thread and the job it runs. */
interface PoolWorker {
  thread: Worker;
  ready: boolean;
  current: PendingJob | null;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Starts a pool of `workers` threads, each loading the bundle in `modelDir` and analysing recordings with
 * `createRecognizer({ chunkSeconds, hopSeconds, silence })` after bounded decoding (`maxDecodedSamples`,
 * `maxSeconds`). Each holds one analysis at a time; up to `maxQueue` more wait; a worker that dies (past its
 * `resourceLimits`, a crash, or `timeoutMs` without an answer) fails its analysis with a typed error and is
 * replaced.
 *
 * @example
 * ```ts
 * import { createRecognizerPool } from '@ser/models/node';
 * const pool = createRecognizerPool({ workers: 2, maxQueue: 4, maxSeconds: 600 });
 * console.log((await pool.ready()).labels);
 * const place = pool.reserve();             // before reading an upload: null → answer 503
 * if (place) console.log((await place.analyze(bytes, 'upload.wav')).summary.label);
 * await pool.close();
 * ```
 * @throws ModelError `INVALID_ARGUMENT` for a bad `workers`/`maxQueue`/`timeoutMs`, `NOT_FOUND`
 *   when the worker script is not built
 */
export function createRecognizerPool(options: RecognizerPoolOptions = {}): RecognizerPool {
  const workerCount = options.workers ?? 2;
  const maxQueue = options.maxQueue ?? 4;
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!Number.isInteger(workerCount) || workerCount < 1)
    throw new ModelError('INVALID_ARGUMENT', `workers must be an integer ≥ 1, got ${String(workerCount)}`);
  if (!Number.isInteger(maxQueue) || maxQueue < 0)
    throw new ModelError('INVALID_ARGUMENT', `maxQueue must be an integer ≥ 0, got ${String(maxQueue)}`);
  if (!(timeoutMs > 0))
    throw new ModelError(
      'INVALID_ARGUMENT',
      `timeoutMs must be a number of milliseconds > 0, got ${String(timeoutMs)}`,
    );
  const script = options.workerScript ?? builtWorkerScript('recognizer-worker', 'recognizer pool');
  const resourceLimits = options.resourceLimits ?? DEFAULT_RECOGNIZER_RESOURCE_LIMITS;
  const data: RecognizerWorkerData = {
    modelDir: options.modelDir ?? defaultModelDir(),
    calmModelDir: defaultModelDir(),
    ...(options.calibratedModelDir !== undefined
      ? { calibratedModelDir: options.calibratedModelDir }
      : options.modelDir === undefined
        ? { calibratedModelDir: defaultModelDir({ calibrated: true }) }
        : {}),
    recognizer: {
      ...(options.chunkSeconds === undefined ? {} : { chunkSeconds: options.chunkSeconds }),
      ...(options.hopSeconds === undefined ? {} : { hopSeconds: options.hopSeconds }),
      ...(options.silence === undefined ? {} : { silence: options.silence }),
    },
    maxSeconds: options.maxSeconds ?? DEFAULT_POOL_MAX_SECONDS,
    ...(options.maxDecodedSamples === undefined ? {} : { maxDecodedSamples: options.maxDecodedSamples }),
  };
  const capacity = workerCount + maxQueue;
  const workers = new Set<PoolWorker>();
  const queue: PendingJob[] = [];
  let held = 0;
  let nextId = 1;
  let closed = false;
  let startFailures = 0;
  let resolveReady: (info: RecognizerModelInfo) => void = () => {};
  let rejectReady: (error: Error) => void = () => {};
  let readyError: Error | null = null;
  const readyPromise = new Promise<RecognizerModelInfo>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  readyPromise.catch(() => {}); // observed through ready() and the jobs

  const dispatch = (): void => {
    for (const worker of workers) {
      if (queue.length === 0) return;
      if (!worker.ready || worker.current !== null) continue;
      const pending = queue.shift();
      if (pending === undefined) return;
      worker.current = pending;
      worker.timer = setTimeout(() => {
        fail(
          worker,
          new ModelError(
            'ABORTED',
            `${pending.job.fileName}: the analysis took longer than ${timeoutMs} ms and was stopped`,
            { file: pending.job.fileName },
          ),
        );
      }, timeoutMs);
      worker.thread.postMessage(pending.job); // the bytes are copied to the worker
    }
  };

  const finish = (worker: PoolWorker): PendingJob | null => {
    const pending = worker.current;
    worker.current = null;
    clearTimeout(worker.timer);
    return pending;
  };

  /** Stops `worker`, fails its job with `error`, and starts a replacement. */
  const fail = (worker: PoolWorker, error: Error): void => {
    if (!workers.has(worker)) return;
    workers.delete(worker);
    finish(worker)?.reject(error);
    void worker.thread.terminate();
    if (!closed) start();
  };

  const start = (): void => {
    const thread = startWorkerThread(script, { workerData: data, resourceLimits, execArgv: [] });
    const worker: PoolWorker = { thread, ready: false, current: null };
    workers.add(worker);
    thread.on('message', (message: RecognizerWorkerMessage) => {
      if (message.type === 'ready') {
        worker.ready = true;
        startFailures = 0;
        resolveReady(message.info);
        dispatch();
      } else if (message.type === 'failed-to-start') {
        workers.delete(worker);
        void thread.terminate();
        startFailures++;
        const error = revive(message.error);
        if (startFailures > 2 * workerCount || [...workers].every((w) => !w.ready)) {
          // The model cannot load: every analysis would fail the same way.
          readyError = error;
          rejectReady(error);
          for (const pending of queue.splice(0)) pending.reject(error);
          if (workers.size === 0) return;
        }
        if (!closed && readyError === null) start();
      } else {
        const pending = worker.current;
        if (pending === null || pending.job.id !== message.id) return;
        finish(worker);
        if (message.type === 'result') pending.resolve(message.report);
        else if (message.type === 'calibration') pending.resolve(message.calibration);
        else pending.reject(revive(message.error));
        dispatch();
      }
    });
    thread.on('error', (error) => {
      const fileName = worker.current?.job.fileName ?? 'the recording';
      const memory = (error as Error & { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      fail(
        worker,
        new ModelError(
          'WORKER_FAILED',
          memory
            ? `${fileName}: the analysis needed more memory than a worker may use (${String(resourceLimits.maxOldGenerationSizeMb ?? '?')} MiB heap)`
            : `${fileName}: the analysis worker failed: ${error.message}`,
          { file: fileName, cause: error },
        ),
      );
    });
    thread.on('exit', (code) => {
      if (workers.has(worker))
        fail(
          worker,
          new ModelError(
            'WORKER_FAILED',
            `${worker.current?.job.fileName ?? 'the recording'}: the analysis worker exited with code ${code}`,
          ),
        );
    });
  };

  for (let i = 0; i < workerCount; i++) start();

  const running = (): number => [...workers].filter((w) => w.current !== null).length;

  return {
    ready: () => readyPromise,
    get full() {
      return closed || held >= capacity;
    },
    reserve() {
      if (closed || held >= capacity) return null;
      held++;
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        held--;
      };
      return {
        release,
        analyze(bytes, fileName, analyzeOptions = {}) {
          const calibration = analyzeOptions.calibration;
          return submit({
            kind: 'analyze',
            id: nextId++,
            bytes,
            fileName,
            ...(calibration === undefined ? {} : { calibration }),
          }) as Promise<AnalysisReport>;
        },
        calibrate(bytes, fileName, calibrateOptions = {}) {
          return submit({
            kind: 'calibrate',
            id: nextId++,
            bytes,
            fileName,
            ...(calibrateOptions.allowNotCalm === true ? { allowNotCalm: true } : {}),
          }) as Promise<SpeakerCalibration>;
        },
      };

      /** Queues `job` once for this reservation. */
      function submit(job: RecognizerJob): Promise<AnalysisReport | SpeakerCalibration> {
        if (released)
          return Promise.reject(
            new ModelError('INVALID_ARGUMENT', 'this pool reservation was already used or released'),
          );
        if (readyError !== null) {
          release();
          return Promise.reject(readyError);
        }
        return new Promise<AnalysisReport | SpeakerCalibration>((resolve, reject) => {
          queue.push({ job, resolve, reject });
          dispatch();
        }).finally(release);
      }
    },
    stats() {
      const busy = running();
      return {
        running: busy,
        queued: queue.length,
        reserved: held - busy - queue.length,
        workers: workerCount,
        maxQueue,
        capacity,
      };
    },
    async close() {
      closed = true;
      const aborted = new ModelError('ABORTED', 'the recognizer pool was closed');
      for (const pending of queue.splice(0)) pending.reject(aborted);
      const threads = [...workers];
      workers.clear();
      for (const worker of threads) finish(worker)?.reject(aborted);
      await Promise.all(threads.map((worker) => worker.thread.terminate()));
    },
  };
}
