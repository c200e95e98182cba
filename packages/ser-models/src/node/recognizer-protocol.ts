/**
 * Messages between a {@link RecognizerPool} and its worker threads.
 */
import type { AnalysisReport } from '../recognizer/analysis-report.js';
import type { RecognizerOptions } from '../recognizer/create-recognizer.js';

/** What a worker is started with. */
export interface RecognizerWorkerData {
  /** The bundle directory to load. */
  modelDir: string;
  /** The recognizer's rules (the bundle is the one loaded). */
  recognizer: Omit<RecognizerOptions, 'bundle'>;
  /** The decode budget. */
  maxDecodedSamples?: number;
  maxSeconds?: number;
}

/** What the model is, sent once the worker has loaded it. */
export interface RecognizerModelInfo {
  labels: string[];
  featureSet: string;
  sampleRate: number;
  /** The TensorFlow.js backend the worker runs on. */
  backend: string;
}

/** A job: one encoded recording. */
export interface RecognizerJob {
  id: number;
  bytes: Uint8Array;
  fileName: string;
}

/** A typed error, as it crosses the thread boundary. */
export interface SerializedError {
  name: string;
  code?: string;
  message: string;
  file?: string;
}

/** What a worker sends back. */
export type RecognizerWorkerMessage =
  | { type: 'ready'; info: RecognizerModelInfo }
  | { type: 'failed-to-start'; error: SerializedError }
  | { type: 'result'; id: number; report: AnalysisReport }
  | { type: 'error'; id: number; error: SerializedError };
