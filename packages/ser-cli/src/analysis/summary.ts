/** Summaries of per-chunk emotion probabilities (pure). */
import { ownedSeconds, type ChunkSpan } from '../chunking.js';

/** One chunk's result. */
export interface ChunkPrediction {
  /** Seconds from the start of the recording. */
  start: number;
  /** Seconds. */
  end: number;
  /** The most probable label, or `silence` for a silent chunk (which the model does not see). */
  label: string;
  /** Its probability. */
  probability: number;
  /** Probabilities of every label, in the model's label order. */
  probabilities: number[];
  /** How the chunk was formed (see `planChunks`). */
  kind: ChunkSpan['kind'];
  /** True when the chunk is silent (peak below the silence threshold): probabilities are all 0. */
  silent: boolean;
}

/** Label of silent chunks. */
export const SILENCE_LABEL = 'silence';

/** Time and mean probability of one label over a recording. */
export interface LabelShare {
  label: string;
  /** Seconds of the recording in which this label was the top emotion. */
  seconds: number;
  /** `seconds` / total seconds. */
  share: number;
  /** Mean probability over chunks, weighted by the seconds each chunk stands for. */
  meanProbability: number;
}

/** Summary of a recording. */
export interface AnalysisSummary {
  /** The label that was top for the most time (ties: higher mean probability). */
  dominant: string;
  /** Per label, in the model's label order. */
  shares: LabelShare[];
  /** Seconds covered. */
  duration: number;
  /** Seconds of silent chunks (not part of any label's share). */
  silenceSeconds: number;
}

/** The index of the largest value (first on ties); -1 for an empty array. */
export function argMax(values: ArrayLike<number>): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! > bestValue) {
      bestValue = values[i]!;
      best = i;
    }
  }
  return best;
}

/**
 * Builds the per-chunk predictions from the chunk plan and each chunk's probability vector (`null` for a
 * silent chunk).
 * @throws Error when the counts differ or a vector's length differs from `labels`.
 */
export function toChunkPredictions(
  chunks: readonly ChunkSpan[],
  probabilities: readonly (ArrayLike<number> | null)[],
  labels: readonly string[],
): ChunkPrediction[] {
  if (chunks.length !== probabilities.length) {
    throw new Error(`expected ${chunks.length} probability vectors, got ${probabilities.length}`);
  }
  return chunks.map((chunk, i) => {
    const vector = probabilities[i];
    if (vector === null || vector === undefined) {
      return { start: chunk.startTime, end: chunk.endTime, label: SILENCE_LABEL, probability: 0, probabilities: labels.map(() => 0), kind: chunk.kind, silent: true };
    }
    const p = Array.from(vector);
    if (p.length !== labels.length) throw new Error(`chunk ${i}: ${p.length} probabilities for ${labels.length} labels`);
    if (p.some((v) => !Number.isFinite(v))) throw new Error(`chunk ${i}: the model returned a non-finite probability`);
    const top = argMax(p);
    return { start: chunk.startTime, end: chunk.endTime, label: labels[top]!, probability: p[top]!, probabilities: p, kind: chunk.kind, silent: false };
  });
}

/**
 * Share of time per label (each chunk counts for the time up to the next chunk's start, so overlapping chunks
 * do not count twice), mean probabilities, and the dominant label. Silent chunks count as silence, not
 * towards any label; shares and means are over the non-silent time.
 */
export function summarizePredictions(chunks: readonly ChunkSpan[], predictions: readonly ChunkPrediction[], labels: readonly string[]): AnalysisSummary {
  const owned = ownedSeconds(chunks);
  const duration = owned.reduce((a, b) => a + b, 0);
  const silenceSeconds = predictions.reduce((sum, prediction, i) => sum + (prediction.silent ? owned[i]! : 0), 0);
  const total = duration - silenceSeconds;
  const seconds = new Array<number>(labels.length).fill(0);
  const weighted = new Array<number>(labels.length).fill(0);
  predictions.forEach((prediction, i) => {
    if (prediction.silent) return;
    const w = owned[i]!;
    seconds[labels.indexOf(prediction.label)]! += w;
    prediction.probabilities.forEach((p, j) => {
      weighted[j]! += p * w;
    });
  });
  const shares = labels.map((label, j) => ({
    label,
    seconds: seconds[j]!,
    share: total > 0 ? seconds[j]! / total : 0,
    meanProbability: total > 0 ? weighted[j]! / total : 0,
  }));
  let dominant = shares[0]!;
  for (const share of shares) {
    if (share.seconds > dominant.seconds + 1e-9 || (Math.abs(share.seconds - dominant.seconds) <= 1e-9 && share.meanProbability > dominant.meanProbability)) {
      dominant = share;
    }
  }
  return { dominant: total > 0 ? dominant.label : SILENCE_LABEL, shares, duration, silenceSeconds };
}
