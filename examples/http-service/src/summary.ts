/**
 * The summary of a chunked analysis (pure).
 */

/** What the chunks say overall. */
export interface AnalysisSummary {
  /** Most probable emotion of the mean probabilities, or `null` when no chunk was analysed. */
  label: string | null;
  /** Mean probability of each label over the analysed chunks (`null` when none). */
  probabilities: Record<string, number> | null;
  /** How many chunks had each label as their most probable one. */
  labelCounts: Record<string, number>;
  /** Chunks in total, and how many were classified (the rest were silent or unusable). */
  chunks: number;
  analysedChunks: number;
}

/** A chunk as far as the summary is concerned. */
export interface LabelledChunk {
  label: string | null;
  probabilities: Record<string, number> | null;
}

/** Averages the analysed chunks' probabilities and counts their labels. */
export function summarizeChunks(chunks: LabelledChunk[], labels: readonly string[]): AnalysisSummary {
  const analysed = chunks.filter((c): c is { label: string; probabilities: Record<string, number> } => c.label !== null && c.probabilities !== null);
  const labelCounts: Record<string, number> = Object.fromEntries(labels.map((l) => [l, 0]));
  for (const chunk of analysed) labelCounts[chunk.label] = (labelCounts[chunk.label] ?? 0) + 1;
  if (analysed.length === 0) return { label: null, probabilities: null, labelCounts, chunks: chunks.length, analysedChunks: 0 };
  const probabilities: Record<string, number> = {};
  let best: string | null = null;
  let bestProbability = -Infinity;
  for (const label of labels) {
    const mean = analysed.reduce((sum, c) => sum + (c.probabilities[label] ?? 0), 0) / analysed.length;
    const probability = Math.round(mean * 1e4) / 1e4;
    probabilities[label] = probability;
    if (probability > bestProbability) {
      best = label;
      bestProbability = probability;
    }
  }
  return { label: best, probabilities, labelCounts, chunks: chunks.length, analysedChunks: analysed.length };
}
