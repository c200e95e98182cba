/**
 * The recording pipeline (decode aside): chunks, silence, predictions and summary, one rule each.
 * @module
 */
export {
  createRecognizer,
  type AnalyzeOptions,
  type Recognizer,
  type RecognizerOptions,
  type RecognizerSettings,
} from './create-recognizer.js';
export {
  chunkLengths,
  modelWindow,
  planChunks,
  settledChunkCount,
  type ChunkLengths,
  type ChunkSpan,
} from './chunk-plan.js';
export { DEFAULT_SILENCE_THRESHOLD_DBFS, isSilent, rmsDbfs } from './signal-level.js';
export { summarizeChunks } from './summarize-chunks.js';
export type {
  Analysis,
  AnalysisSummary,
  ChunkResult,
  LabelProbabilities,
  RecognizerStream,
  StreamEnd,
} from './recognizer-types.js';
export { analysisReport, type AnalysisReport, type RecordingDescription } from './analysis-report.js';
