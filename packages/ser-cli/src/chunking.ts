/**
 * Splitting a recording into analysis chunks (pure, no I/O).
 *
 * Chunks are `chunkSeconds` long and start every `hopSeconds` (default: one chunk, no overlap).
 * The end of the recording is handled deliberately:
 * - a recording no longer than one chunk is analysed as one chunk, zero-padded to the chunk length;
 * - after the last full chunk, a remainder of at least half a chunk becomes its own chunk, zero-padded
 *   to the chunk length;
 * - a shorter remainder is merged into the previous chunk, which then runs to the end of the recording
 *   (so no audio is ignored and no chunk is mostly silence).
 */

/** Options of {@link planChunks}. */
export interface ChunkPlanOptions {
  /** Sample rate of the signal, Hz. */
  sr: number;
  /** Chunk length in seconds (> 0). */
  chunkSeconds: number;
  /** Distance between chunk starts in seconds (0 < hop ≤ chunkSeconds); default `chunkSeconds`. */
  hopSeconds?: number;
}

/** One chunk: the samples `[start, end)` of the signal, padded with zeros to `paddedLength`. */
export interface ChunkSpan {
  /** 0-based position in the plan. */
  index: number;
  /** First sample. */
  start: number;
  /** One past the last sample taken from the signal. */
  end: number;
  /** Length of the analysed input: `max(end - start, chunk length)`; the excess over `end - start` is zeros. */
  paddedLength: number;
  /** `start / sr`. */
  startTime: number;
  /** `end / sr`. */
  endTime: number;
  /** How the chunk came about. */
  kind: 'full' | 'padded' | 'merged';
}

/** Thrown by {@link planChunks} for a non-positive or non-finite length, rate, chunk or hop. */
export class ChunkPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChunkPlanError';
  }
}

/**
 * Plans the chunks of a signal of `totalSamples` samples. Every sample of the signal lies in at least one
 * chunk; see the module comment for how the end is handled.
 */
export function planChunks(totalSamples: number, options: ChunkPlanOptions): ChunkSpan[] {
  const { sr, chunkSeconds } = options;
  const hopSeconds = options.hopSeconds ?? chunkSeconds;
  if (!Number.isInteger(totalSamples) || totalSamples <= 0) {
    throw new ChunkPlanError(`the recording is empty (${totalSamples} samples): expected audio`);
  }
  if (!(sr > 0) || !Number.isFinite(sr)) throw new ChunkPlanError(`sample rate must be > 0, got ${sr}`);
  if (!(chunkSeconds > 0) || !Number.isFinite(chunkSeconds)) throw new ChunkPlanError(`chunk length must be > 0 s, got ${chunkSeconds}`);
  if (!(hopSeconds > 0) || !Number.isFinite(hopSeconds)) throw new ChunkPlanError(`hop must be > 0 s, got ${hopSeconds}`);
  if (hopSeconds > chunkSeconds) {
    throw new ChunkPlanError(`hop (${hopSeconds} s) must not exceed the chunk length (${chunkSeconds} s): audio between chunks would be skipped`);
  }
  const chunkLength = Math.max(1, Math.round(chunkSeconds * sr));
  const hopLength = Math.max(1, Math.round(hopSeconds * sr));
  const span = (index: number, start: number, end: number, kind: ChunkSpan['kind']): ChunkSpan => ({
    index,
    start,
    end,
    paddedLength: Math.max(end - start, chunkLength),
    startTime: start / sr,
    endTime: end / sr,
    kind,
  });

  if (totalSamples <= chunkLength) {
    return [span(0, 0, totalSamples, totalSamples < chunkLength ? 'padded' : 'full')];
  }
  const chunks: ChunkSpan[] = [];
  for (let start = 0; start + chunkLength <= totalSamples; start += hopLength) {
    chunks.push(span(chunks.length, start, start + chunkLength, 'full'));
  }
  const last = chunks[chunks.length - 1]!;
  if (last.end === totalSamples) return chunks;
  const nextStart = last.start + hopLength;
  const remainder = totalSamples - nextStart;
  if (remainder * 2 >= chunkLength) {
    chunks.push(span(chunks.length, nextStart, totalSamples, 'padded'));
  } else {
    chunks[chunks.length - 1] = span(last.index, last.start, totalSamples, 'merged');
  }
  return chunks;
}

/**
 * Seconds of the recording each chunk stands for, for time shares: from its start to the next chunk's
 * start (the last one to its end), so overlapping chunks do not count time twice.
 */
export function ownedSeconds(chunks: readonly ChunkSpan[]): number[] {
  return chunks.map((chunk, i) => {
    const next = chunks[i + 1];
    return (next ? Math.min(next.startTime, chunk.endTime) : chunk.endTime) - chunk.startTime;
  });
}

/**
 * Copies a chunk's samples out of `signal`, zero-padded to `chunk.paddedLength`.
 */
export function sliceChunk(signal: Float32Array, chunk: ChunkSpan): Float32Array {
  const out = new Float32Array(chunk.paddedLength);
  out.set(signal.subarray(chunk.start, chunk.end));
  return out;
}
