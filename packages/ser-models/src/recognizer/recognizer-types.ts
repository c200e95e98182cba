/**
 * The shapes a recognizer returns (see `createRecognizer`).
 */

/** Probability of each of the model's labels, keyed by label. */
export type LabelProbabilities = Record<string, number>;

/** The result of one chunk of a recording. */
export interface ChunkResult {
  /** Seconds from the start of the recording. */
  start: number;
  /** Seconds from the start of the recording (end of the chunk). */
  end: number;
  /** True when the chunk's RMS level is below the silence threshold: it was not shown to the model. */
  silent: boolean;
  /** Probability of every label, or `null` for a silent chunk. */
  probabilities: LabelProbabilities | null;
  /** The most probable label, or `null` for a silent chunk. */
  label: string | null;
  /** The probability of `label` (0 for a silent chunk). */
  confidence: number;
}

/** What the chunks of a recording say together. */
export interface AnalysisSummary {
  /** The most probable label of `probabilities`, or `null` when every chunk is silent. */
  label: string | null;
  /**
   * Mean probability of each label over the non-silent chunks, weighted by each chunk's duration; `null` when
   * every chunk is silent.
   */
  probabilities: LabelProbabilities | null;
  /** The probability of `label` in `probabilities` (0 when every chunk is silent). */
  confidence: number;
  /** Seconds of the recording covered by non-silent chunks (overlaps counted once). */
  speechSeconds: number;
  /** Seconds of the recording (at the model's rate). */
  totalSeconds: number;
  chunkCount: number;
  silentChunkCount: number;
}

/** The result of analysing a recording: every chunk and the summary. */
export interface Analysis {
  chunks: ChunkResult[];
  summary: AnalysisSummary;
}

/** What `flush()` of a recognizer stream returns: the chunks not yet returned, and the whole recording's summary. */
export interface StreamEnd {
  /** Chunks completed by the end of the recording (after those `push` returned). */
  chunks: ChunkResult[];
  /** The summary of every chunk of the stream. */
  summary: AnalysisSummary;
}

/**
 * A recording analysed as it arrives (e.g. from a microphone): the same chunks and summary as
 * `analyze` of the whole recording.
 */
export interface RecognizerStream {
  /**
   * Adds samples (mono, or one array per channel, at the stream's sample rate) and returns the chunks completed
   * so far that were not returned before. A chunk is complete one hop after its end (when it is certain the
   * remainder rule will not extend it).
   */
  push(samples: Float32Array | readonly Float32Array[]): ChunkResult[];
  /** Ends the recording: returns the last chunks and the summary. The stream accepts nothing afterwards. */
  flush(): StreamEnd;
  /** Seconds received so far, at the model's rate. */
  readonly seconds: number;
}
