/**
 * Splitting a recording into the chunks the service analyses (pure, no I/O).
 */

/** One analysis chunk: samples `[start, end)` of the signal. */
export interface ChunkSpan {
  /** First sample. */
  start: number;
  /** One past the last sample. */
  end: number;
}

/**
 * Cuts `totalSamples` samples into consecutive chunks of `chunkSamples`. A recording no longer than
 * one chunk is one chunk; a final remainder shorter than half a chunk is merged into the previous chunk
 * (so no chunk is mostly padding and no audio is ignored).
 *
 * @example
 * ```ts
 * planChunks(5 * 16000, 2 * 16000); // [0, 32000), [32000, 80000)  (the 1-s tail joins the 2nd chunk)
 * ```
 */
export function planChunks(totalSamples: number, chunkSamples: number): ChunkSpan[] {
  if (!Number.isInteger(totalSamples) || totalSamples <= 0) {
    throw new RangeError(`planChunks: expected a positive number of samples, got ${totalSamples}`);
  }
  if (!Number.isInteger(chunkSamples) || chunkSamples <= 0) {
    throw new RangeError(`planChunks: expected a positive chunk length in samples, got ${chunkSamples}`);
  }
  const spans: ChunkSpan[] = [];
  for (let start = 0; start < totalSamples; start += chunkSamples) {
    spans.push({ start, end: Math.min(start + chunkSamples, totalSamples) });
  }
  const last = spans.at(-1);
  if (spans.length > 1 && last && last.end - last.start < chunkSamples / 2) {
    spans.pop();
    spans[spans.length - 1]!.end = totalSamples; // spans.length was > 1 before the pop
  }
  return spans;
}
