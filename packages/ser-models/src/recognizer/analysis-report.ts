/**
 * The JSON form of an analysis: what `ser analyze --json` prints and what the HTTP service answers.
 */
import type { Recognizer } from './create-recognizer.js';
import type { AnalysisSummary, ChunkResult } from './recognizer-types.js';
import type { Analysis } from './recognizer-types.js';

/** Where an analysed recording came from and what it was before decoding. */
export interface RecordingDescription {
  /** The file name, path or URL the recording was given as. */
  source: string;
  /** The container/codec it was decoded from (`wav`, `flac`, `mp3`, …, or e.g. `ffmpeg`). */
  format: string;
  /** The recording's own sample rate, Hz. */
  sampleRate: number;
  /** The recording's own channel count. */
  channels: number;
}

/** The JSON report of one analysed recording. */
export interface AnalysisReport extends RecordingDescription {
  /** Seconds (the summary's `totalSeconds`). */
  duration: number;
  /** The model's labels (output order), rate and feature set. */
  model: { labels: string[]; sampleRate: number; featureSet: string };
  /** The recognizer's rules. */
  chunkSeconds: number;
  hopSeconds: number;
  silenceThresholdDbfs: number;
  /** True when the analysis used a speaker calibration. */
  calibrated: boolean;
  chunks: ChunkResult[];
  summary: AnalysisSummary;
}

/**
 * The report of `analysis` made by `recognizer` of the recording `recording` — the one JSON shape of an
 * analysis (`ser analyze --json`, the HTTP service's `POST /analyze`). Plain data, ready for `JSON.stringify`.
 *
 * @example
 * ```ts
 * const report = analysisReport(recognizer, recognizer.analyze(samples, 16000), { source: 'a.wav', format: 'wav', sampleRate: 16000, channels: 1 });
 * console.log(JSON.stringify(report, null, 2));
 * ```
 */
export function analysisReport(
  recognizer: Recognizer,
  analysis: Analysis,
  recording: RecordingDescription,
): AnalysisReport {
  const { settings, bundle } = recognizer;
  return {
    source: recording.source,
    format: recording.format,
    sampleRate: recording.sampleRate,
    channels: recording.channels,
    duration: analysis.summary.totalSeconds,
    model: {
      labels: [...settings.labels],
      sampleRate: settings.sampleRate,
      featureSet: bundle.metadata.featureConfig.featureSet,
    },
    chunkSeconds: settings.chunkSeconds,
    hopSeconds: settings.hopSeconds,
    silenceThresholdDbfs: settings.silenceThresholdDbfs,
    calibrated: settings.calibrated,
    chunks: analysis.chunks,
    summary: analysis.summary,
  };
}
