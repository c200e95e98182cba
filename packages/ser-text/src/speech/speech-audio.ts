/**
 * Audio preparation for Whisper: whatever the caller has (samples at any rate, several channels, or the
 * bytes of an audio file) becomes 16 kHz mono float samples, checked for emptiness, NaN and silence.
 */
import { decodeAudio, resample, toMono } from '@ser/audio-features';
import { TextEmotionError } from '../errors.js';

/** Whisper's sampling rate. */
export const WHISPER_SAMPLE_RATE = 16_000;

/** Audio for transcription: samples with their rate, channels with their rate, or encoded file bytes. */
export type SpeechAudioInput =
  | { samples: Float32Array; sampleRate: number }
  | { channels: Float32Array[]; sampleRate: number }
  | Uint8Array
  | ArrayBuffer;

function checkSamples(samples: Float32Array, where: string): void {
  if (samples.length === 0) throw new TextEmotionError('INVALID_AUDIO', `${where}: audio has no samples`);
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i]!)) {
      throw new TextEmotionError(
        'INVALID_AUDIO',
        `${where}: sample ${i} is ${samples[i]}; audio must be finite numbers`,
      );
    }
  }
}

/**
 * Returns `samples` at 16 kHz (resampled with @ser/audio-features' polyphase resampler when the rate
 * differs). Throws INVALID_AUDIO for a bad rate, no samples or non-finite samples.
 */
export function toWhisperSamples(samples: Float32Array, sampleRate: number, where = 'audio'): Float32Array {
  if (!(samples instanceof Float32Array)) {
    throw new TextEmotionError('INVALID_AUDIO', `${where}: samples must be a Float32Array`);
  }
  if (typeof sampleRate !== 'number' || !Number.isFinite(sampleRate) || sampleRate <= 0) {
    throw new TextEmotionError(
      'INVALID_AUDIO',
      `${where}: sampleRate must be a finite number of Hz > 0, got ${String(sampleRate)}`,
    );
  }
  checkSamples(samples, where);
  return sampleRate === WHISPER_SAMPLE_RATE ? samples : resample(samples, sampleRate, WHISPER_SAMPLE_RATE);
}

/**
 * Turns any {@link SpeechAudioInput} into 16 kHz mono samples. Encoded bytes are decoded with
 * @ser/audio-features' `decodeAudio` (format from the header; `fileName` only names it in errors).
 */
export async function prepareSpeechAudio(
  audio: SpeechAudioInput,
  options: { fileName?: string } = {},
): Promise<Float32Array> {
  const where = options.fileName ?? 'audio';
  if (audio instanceof Uint8Array || audio instanceof ArrayBuffer) {
    const decoded = await decodeAudio(audio, options.fileName === undefined ? {} : { fileName: options.fileName });
    return toWhisperSamples(toMono(decoded.channels), decoded.sampleRate, where);
  }
  if (audio && typeof audio === 'object' && 'samples' in audio)
    return toWhisperSamples(audio.samples, audio.sampleRate, where);
  if (audio && typeof audio === 'object' && 'channels' in audio) {
    if (!Array.isArray(audio.channels) || audio.channels.length === 0) {
      throw new TextEmotionError('INVALID_AUDIO', `${where}: channels must be a non-empty array of Float32Array`);
    }
    return toWhisperSamples(
      audio.channels.length === 1 ? audio.channels[0]! : toMono(audio.channels),
      audio.sampleRate,
      where,
    );
  }
  throw new TextEmotionError(
    'INVALID_AUDIO',
    `${where}: expected { samples, sampleRate }, { channels, sampleRate }, or the bytes of an audio file (Uint8Array / ArrayBuffer)`,
  );
}

/** Peak level of `samples` in dBFS (−Infinity for all zeros). */
export function peakDbfs(samples: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]!));
  return 20 * Math.log10(peak);
}

/** True when no sample reaches `thresholdDb` dBFS (default −60): nothing worth sending to the model. */
export function isSilent(samples: Float32Array, thresholdDb = -60): boolean {
  return peakDbfs(samples) < thresholdDb;
}
