/**
 * Messages between a {@link RecognizerPool} and its worker threads.
 */
import type { AnalysisReport } from '../recognizer/analysis-report.js';
import type { RecognizerOptions } from '../recognizer/create-recognizer.js';
import type { SpeakerCalibration } from '../calibration/speaker-calibration.js';

/** What a worker is started with. */
export interface RecognizerWorkerData {
  /** The bundle directory to load. */
  modelDir: string;
  /** The speaker-calibrated bundle for analyses with a calibration and for enrollments (loaded when first needed). */
  calibratedModelDir?: string;
  /** The uncalibrated bundle that checks enrollment audio is calm, when `modelDir` is a calibrated one. */
  calmModelDir: string;
  /** The recognizer's rules (the bundle is the one loaded). */
  recognizer: Omit<RecognizerOptions, 'bundle' | 'calibration'>;
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

/** A job: one encoded recording to analyse (with a speaker's calibration or not), or to enroll a speaker with. */
export type RecognizerJob =
  | { kind: 'analyze'; id: number; bytes: Uint8Array; fileName: string; calibration?: SpeakerCalibration }
  | { kind: 'calibrate'; id: number; bytes: Uint8Array; fileName: string; allowNotCalm?: boolean };

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
  | { type: 'calibration'; id: number; calibration: SpeakerCalibration }
  | { type: 'error'; id: number; error: SerializedError };
