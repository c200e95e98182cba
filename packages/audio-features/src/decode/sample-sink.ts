/** What a decoder knows about a stream before its first sample. */
export interface StreamInfo {
  /** Sample rate in Hz. */
  sampleRate: number;
  /** Channel count. */
  channels: number;
  /** Frames (samples per channel) the header declares, when it does. */
  frames?: number;
  /**
   * True when the bytes of those frames are known to be in the file (WAV, AIFF: checked before decoding), so the
   * output can be allocated exactly; otherwise `frames` is only a claim and the output grows as samples arrive.
   */
  framesPresent?: boolean;
  /** What declared all this, for messages: e.g. `the WAV header`, `the FLAC STREAMINFO`. */
  source: string;
}

/**
 * Where a decoder delivers its samples, block by block: the decoders never hold a whole recording themselves.
 * The sink enforces the decode budget, reads the requested span, mixes and resamples as it goes.
 */
export interface SampleSink {
  /**
   * Called once, before any samples.
   * @throws AudioFeaturesError CORRUPT_AUDIO for an implausible rate or channel count, TOO_LARGE when the
   *   declared length is over the budget (nothing has been allocated yet)
   */
  start(info: StreamInfo): void;
  /**
   * Takes the next `count` frames: channel c's samples are `blocks[c][0 … count − 1]` (the arrays may be reused
   * by the decoder afterwards).
   * @returns false when no more samples are wanted (the requested span has ended): the decoder stops
   * @throws AudioFeaturesError TOO_LARGE when the budget is passed, NON_FINITE_AUDIO for NaN/±Infinity
   */
  write(blocks: readonly Float32Array[], count: number): boolean;
}

/** Samples per block the decoders aim for, over all channels (bounds their scratch memory). */
export const BLOCK_SAMPLES = 1 << 16;

/** Frames per block for `channels` channels: {@link BLOCK_SAMPLES} shared between them, at least 1. */
export function blockFrames(channels: number): number {
  return Math.max(1, Math.floor(BLOCK_SAMPLES / channels));
}
