/**
 * Where the chunks of a recording lie (pure, no audio): the one chunking rule of every front end.
 */
import { ModelError } from '../errors.js';

/** One chunk: samples `[start, end)` of the signal at the model's rate. */
export interface ChunkSpan {
  /** First sample. */
  start: number;
  /** One past the last sample. */
  end: number;
}

/** Chunk and hop lengths in samples at the model's rate. */
export interface ChunkLengths {
  /** Samples per chunk (≥ 1). */
  chunk: number;
  /** Samples between chunk starts (1 … `chunk`). */
  hop: number;
}

/**
 * Chunk and hop lengths in samples for `chunkSeconds` and `hopSeconds` at `sampleRate`, validated.
 * @throws {@link ModelError} `INVALID_ARGUMENT` unless 0 < hopSeconds ≤ chunkSeconds (finite) and a chunk is at
 *   least one sample long.
 */
export function chunkLengths(chunkSeconds: number, hopSeconds: number, sampleRate: number): ChunkLengths {
  if (!Number.isFinite(chunkSeconds) || chunkSeconds <= 0) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `chunkSeconds must be a number of seconds > 0, got ${String(chunkSeconds)}`,
    );
  }
  if (!Number.isFinite(hopSeconds) || hopSeconds <= 0 || hopSeconds > chunkSeconds) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `hopSeconds must be > 0 and at most chunkSeconds (${chunkSeconds}), got ${String(hopSeconds)}: audio between chunks would be skipped`,
    );
  }
  const chunk = Math.round(chunkSeconds * sampleRate);
  const hop = Math.min(chunk, Math.round(hopSeconds * sampleRate));
  if (chunk < 1 || hop < 1) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `chunkSeconds ${chunkSeconds} / hopSeconds ${hopSeconds} is less than one sample at ${sampleRate} Hz`,
    );
  }
  return { chunk, hop };
}

/**
 * The chunks of a signal of `totalSamples` samples. The rule:
 * - chunks are `chunk` samples long and start every `hop` samples (0, hop, 2·hop, …) while they fit;
 * - a recording no longer than one chunk is one chunk (the whole recording);
 * - the audio after the last full chunk (the remainder) joins that chunk when it is shorter than half a
 *   chunk, and otherwise is its own, shorter chunk starting one hop after the last full one.
 *
 * Every sample lies in at least one chunk, no chunk is shorter than half a chunk (unless the recording is),
 * and nothing is zero-padded. An empty signal has no chunks.
 *
 * @example
 * ```ts
 * planChunks(5 * 16000, { chunk: 32000, hop: 32000 }); // [0, 32000), [32000, 80000): the 1-s tail joins
 * planChunks(7 * 16000, { chunk: 32000, hop: 32000 }); // …, [64000, 96000), [96000, 112000): 1 s = half a chunk
 * ```
 */
export function planChunks(totalSamples: number, lengths: ChunkLengths): ChunkSpan[] {
  const { chunk, hop } = lengths;
  if (totalSamples <= 0) return [];
  if (totalSamples <= chunk) return [{ start: 0, end: totalSamples }];
  const spans: ChunkSpan[] = [];
  let start = 0;
  for (; start + chunk <= totalSamples; start += hop) spans.push({ start, end: start + chunk });
  const last = spans[spans.length - 1];
  if (last === undefined || last.end === totalSamples) return spans;
  const remainder = totalSamples - last.end;
  if (remainder * 2 < chunk) last.end = totalSamples;
  else spans.push({ start, end: totalSamples });
  return spans;
}

/**
 * How many chunks of a signal are already final once `receivedSamples` have arrived, whatever follows:
 * chunk `k` (starting at `k · hop`) is final when the next full chunk fits too, since only the last full chunk
 * can still change (by taking in the remainder). A stream therefore reports a chunk one hop after its end.
 */
export function settledChunkCount(receivedSamples: number, lengths: ChunkLengths): number {
  const { chunk, hop } = lengths;
  if (receivedSamples < chunk + hop) return 0;
  return Math.floor((receivedSamples - chunk - hop) / hop) + 1;
}

/**
 * The samples the model sees for one chunk: `contextSamples` centred on the chunk, shifted to lie inside the
 * recording of `totalSamples` (pass `Infinity` while the end is unknown), never shorter than the chunk nor longer
 * than the recording. Results stay the chunk's; the window only gives the model its native input length, which
 * scores chunks much better than the bare chunk (the default model on unseen actors, 2-s chunks: 48 % alone,
 * 63 % seen through 3 s; pretrained/default/MODEL_CARD.md).
 *
 * @example
 * ```ts
 * modelWindow({ start: 32000, end: 64000 }, 48000, 160000); // { start: 24000, end: 72000 }
 * modelWindow({ start: 0, end: 32000 }, 48000, 160000);     // { start: 0, end: 48000 }: shifted into the recording
 * ```
 */
export function modelWindow(span: ChunkSpan, contextSamples: number, totalSamples: number): ChunkSpan {
  const length = span.end - span.start;
  const width = Math.max(length, Math.min(contextSamples, totalSamples));
  const centred = Math.round((span.start + span.end - width) / 2);
  const start = Math.max(0, Math.min(centred, totalSamples - width));
  return { start, end: start + width };
}
