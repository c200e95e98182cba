/**
 * The summary rule (pure): duration-weighted mean probability over the non-silent chunks, label = argmax.
 */
import type { AnalysisSummary, ChunkResult, LabelProbabilities } from './recognizer-types.js';

/** Seconds covered by the union of `[start, end)` of the chunks (chunks in start order). */
function coveredSeconds(chunks: readonly ChunkResult[]): number {
  let covered = 0;
  let reach = -Infinity;
  for (const { start, end } of chunks) {
    const from = Math.max(start, reach);
    if (end > from) covered += end - from;
    reach = Math.max(reach, end);
  }
  return covered;
}

/**
 * Summarises chunk results: each label's probability is the mean over the non-silent chunks weighted by
 * each chunk's duration (`end − start`); `label` is the most probable one (the first in label order on a tie).
 * When every chunk is silent (or there are none), `label` and `probabilities` are `null` and `confidence` 0.
 *
 * @param chunks - in start order
 * @param labels - the model's labels, in output order
 * @param totalSeconds - duration of the recording
 * @example
 * ```ts
 * summarizeChunks(analysis.chunks, bundle.metadata.labels, 12.5).label; // 'angry'
 * ```
 */
export function summarizeChunks(
  chunks: readonly ChunkResult[],
  labels: readonly string[],
  totalSeconds: number,
): AnalysisSummary {
  const voiced = chunks.filter((chunk) => !chunk.silent && chunk.probabilities !== null);
  const base = {
    speechSeconds: coveredSeconds(voiced),
    totalSeconds,
    chunkCount: chunks.length,
    silentChunkCount: chunks.length - voiced.length,
  };
  const weight = voiced.reduce((sum, chunk) => sum + (chunk.end - chunk.start), 0);
  if (voiced.length === 0 || !(weight > 0)) return { label: null, probabilities: null, confidence: 0, ...base };
  const probabilities: LabelProbabilities = {};
  let label: string | null = null;
  let confidence = -Infinity;
  for (const name of labels) {
    let sum = 0;
    for (const chunk of voiced) sum += (chunk.probabilities?.[name] ?? 0) * (chunk.end - chunk.start);
    const mean = sum / weight;
    probabilities[name] = mean;
    if (mean > confidence) {
      confidence = mean;
      label = name;
    }
  }
  return { label, probabilities, confidence: Math.max(0, confidence), ...base };
}
