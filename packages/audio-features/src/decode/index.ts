/** Audio decoding: format detection and decoders for WAV, AIFF/AIFC, FLAC, MP3, Ogg Vorbis, Ogg Opus. */
export type { AudioData, AudioFormat, DecodeAudioOptions } from './types.js';
export { detectAudioFormat } from './detect.js';
export { decodeAudio } from './decode-audio.js';
export { DEFAULT_MAX_DECODED_SAMPLES, MAX_CHANNELS, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from './limits.js';
