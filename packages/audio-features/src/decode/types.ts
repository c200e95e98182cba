/** Container/codec families that {@link decodeAudio} reads. */
export type AudioFormat = 'wav' | 'aiff' | 'flac' | 'mp3' | 'ogg-vorbis' | 'ogg-opus';

/** Decoded audio: one Float32Array per channel, samples in [-1, 1) scaled like libsndfile/soundfile. */
export interface AudioData {
  /** Sample rate in Hz. */
  sampleRate: number;
  /** Channel-major samples; every channel has the same length (≥ 1). */
  channels: Float32Array[];
  /** The format detected from the header (never from the file name). */
  format: AudioFormat;
}

/** Options of {@link decodeAudio}. */
export interface DecodeAudioOptions {
  /** Name of the file the bytes came from; only used in error messages (never to pick the format). */
  fileName?: string;
}
