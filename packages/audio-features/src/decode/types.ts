// eslint-disable-next-line @typescript-eslint/no-unused-vars -- imported for the {@link} of maxSamples below
import type { DEFAULT_MAX_DECODED_SAMPLES } from './limits.js';

/** Container/codec families that {@link decodeAudio} reads. */
export type AudioFormat = 'wav' | 'aiff' | 'flac' | 'mp3' | 'ogg-vorbis' | 'ogg-opus';

/** Decoded audio: one Float32Array per channel, samples in [-1, 1) scaled like libsndfile/soundfile. */
export interface AudioData {
  /** Sample rate in Hz (the requested `sr` when one was given). */
  sampleRate: number;
  /** Channel-major samples; every channel has the same length (≥ 1). With `mono: true`, one channel. */
  channels: Float32Array[];
  /** The format detected from the header (never from the file name). */
  format: AudioFormat;
  /**
   * The file's own sample rate and channel count (set by {@link decodeAudio}): they differ from `sampleRate` and
   * `channels.length` when `sr` or `mono` was asked for.
   */
  fileSampleRate?: number;
  fileChannels?: number;
}

/** Options of {@link decodeAudio}. */
export interface DecodeAudioOptions {
  /** Name of the file the bytes came from; only used in error messages (never to pick the format). */
  fileName?: string;
  /**
   * The decode budget: the most samples decoding may produce, counting the larger of the samples decoded
   * (every channel at the file's own rate) and the samples returned. Default
   * {@link DEFAULT_MAX_DECODED_SAMPLES} (three hours of mono 16 kHz audio); `Infinity` for no limit.
   * A header that declares more is refused before anything is allocated, and a stream that does not declare
   * its length is stopped when it passes the budget: AudioFeaturesError `TOO_LARGE` naming the file.
   */
  maxDecodedSamples?: number;
  /**
   * Refuse recordings longer than this many seconds (default: no limit): checked against the length the header
   * declares before decoding, and while decoding when it declares none. AudioFeaturesError `TOO_LARGE`.
   */
  maxSeconds?: number;
  /**
   * Mix the channels down to one (their mean, like `toMono`) while decoding, block by block, so the other
   * channels are never held (default false: every channel).
   */
  mono?: boolean;
  /**
   * Resample to this rate (Hz, a positive integer) while decoding, block by block — the same values as
   * `resample(…, { method: 'polyphase' })` of the whole signal — so the file's own rate is never held.
   * Default: the file's own rate.
   */
  sr?: number;
}
