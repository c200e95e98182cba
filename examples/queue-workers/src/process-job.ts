/**
 * What a worker does with one job: skip it when its result is stored already (a redelivered job whose worker
 * died after storing), else analyse the recording, store the result, and only then return — BullMQ
 * acknowledges the job after this resolves, so a crash at any point leaves either no result (the job runs
 * again) or the result (the rerun stores nothing new). Failures are classified: bad audio fails the job at
 * once, anything else is retried with backoff.
 */
import { UnrecoverableError } from 'bullmq';
import { describeError } from '@ser/cli';
import type { AnalysisOptions } from './analysis-options.js';
import { analyzeRecording } from './analyze-recording.js';
import { failureKind } from './failure-kind.js';

/** The data of one job, as the producer adds it. */
export interface AnalysisJobData {
  /** Absolute path or http(s) URL of the recording. */
  input: string;
  /** `ser analyze` options. */
  options: AnalysisOptions;
}

/** What a job returns (kept small: the result itself is in the results store). */
export interface AnalysisJobResult {
  /** True when the result was already stored and no analysis ran. */
  reused: boolean;
  /** Seconds of audio, when analysed now. */
  duration?: number;
}

/** Where results go (the Redis hash in production; the interface keeps this module free of Redis). */
export interface ResultSink {
  has(jobId: string): Promise<boolean>;
  put(jobId: string, json: string): Promise<void>;
}

/**
 * Runs one job.
 * @throws UnrecoverableError (the job goes to failed, never retried) when the recording itself is bad;
 *   another Error (retried with backoff) otherwise — both carrying the command's message
 */
export async function processAnalysisJob(
  jobId: string,
  data: AnalysisJobData,
  results: ResultSink,
): Promise<AnalysisJobResult> {
  if (await results.has(jobId)) return { reused: true };
  let json: string;
  try {
    json = await analyzeRecording(data.input, data.options);
  } catch (error) {
    const message = describeError(error);
    throw failureKind(error) === 'permanent' ? new UnrecoverableError(message) : new Error(message, { cause: error });
  }
  await results.put(jobId, json);
  return { reused: false, duration: (JSON.parse(json) as { duration: number }).duration };
}
