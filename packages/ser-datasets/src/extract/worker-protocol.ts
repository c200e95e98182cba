import type { FeatureConfig } from '../corpus/feature-config.js';

/** Main thread → worker: extract one file. */
export interface ExtractJob {
  /** Row index in the input. */
  index: number;
  /** Audio file. */
  path: string;
  /** Feature configuration (complete). */
  config: FeatureConfig;
  /** Bounds of reading this one file. */
  limits: FileLimits;
}

/** How much of one file extraction may read (passed to `loadAudio`). */
export interface FileLimits {
  /** Longest recording accepted, seconds. */
  maxSeconds: number;
  /** Decode budget, samples (see @ser/audio-features `maxDecodedSamples`). */
  maxDecodedSamples?: number;
}

/** Worker → main thread: the result of one job. */
export type ExtractReply =
  { index: number; ok: true; data: Float32Array } | { index: number; ok: false; error: string; code?: string };
