import { AudioFeaturesError } from '../errors.js';
import { decodeAiff } from './aiff.js';
import { unknownFormatMessage } from './describe.js';
import { detectAudioFormat } from './detect.js';
import { decodeFlac } from './flac/decode-flac.js';
import { decodeWav } from './wav.js';
import { decodeWithWasm } from './wasm-codecs.js';
import type { AudioData, DecodeAudioOptions } from './types.js';

/** Accepts a Uint8Array (including Node's Buffer) or an ArrayBuffer; anything else is INVALID_ARGUMENT. */
function asBytes(input: Uint8Array | ArrayBuffer, file: string | undefined): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  const got = input === null ? 'null' : typeof input;
  throw new AudioFeaturesError('INVALID_ARGUMENT', `decodeAudio expects a Uint8Array or ArrayBuffer, got ${got}`, { file });
}

/**
 * Checks what a decoder returned: ≥ 1 channel, all of one non-zero length, a positive finite
 * sample rate and finite samples (a float WAV can hold NaN). Throws a typed error otherwise.
 */
export function validateDecoded(audio: AudioData, file?: string): AudioData {
  const { channels, sampleRate } = audio;
  if (channels.length === 0) throw new AudioFeaturesError('CORRUPT_AUDIO', 'decoded 0 channels (expected ≥ 1)', { file });
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) {
    throw new AudioFeaturesError('CORRUPT_AUDIO', `decoded sample rate ${sampleRate} Hz (expected > 0)`, { file });
  }
  const length = channels[0]!.length;
  if (length === 0) {
    throw new AudioFeaturesError('EMPTY_AUDIO', `the ${audio.format} file holds 0 samples (expected a non-empty recording)`, { file });
  }
  channels.forEach((channel, c) => {
    if (channel.length !== length) {
      throw new AudioFeaturesError('CORRUPT_AUDIO', `channel ${c} has ${channel.length} samples but channel 0 has ${length}`, { file });
    }
    for (let i = 0; i < channel.length; i++) {
      if (!Number.isFinite(channel[i]!)) {
        throw new AudioFeaturesError(
          'NON_FINITE_AUDIO',
          `sample ${i} of channel ${c} is ${channel[i]} (expected finite values)`,
          { file },
        );
      }
    }
  });
  return audio;
}

/**
 * Decodes an audio file held in memory. The format is detected from the header
 * ({@link detectAudioFormat}), never from `fileName`. WAV and AIFF/AIFC are decoded by our own
 * TypeScript, and so is FLAC (native, behind an ID3v2 tag, or in Ogg); MP3, Ogg Vorbis and Ogg Opus by
 * WebAssembly decoders loaded on first use.
 * Works in Node and browsers.
 *
 * @param bytes - the whole file
 * @param options - `fileName` is put in every error message
 * @returns sample rate, one Float32Array per channel (libsndfile scaling: int16 / 32768 …) and the format
 * @throws AudioFeaturesError EMPTY_AUDIO (no bytes / no samples), UNSUPPORTED_FORMAT (unknown
 *   bytes, with what they look like), UNSUPPORTED_CODEC (e.g. ADPCM WAV, naming the codec id),
 *   CORRUPT_AUDIO (truncated/inconsistent header or data, 0 channels, 0 Hz), NON_FINITE_AUDIO
 *
 * @example
 * ```ts
 * const audio = await decodeAudio(new Uint8Array(await (await fetch('speech.flac')).arrayBuffer()), { fileName: 'speech.flac' });
 * console.log(audio.format, audio.sampleRate, audio.channels.length, audio.channels[0].length);
 * ```
 */
export async function decodeAudio(bytes: Uint8Array | ArrayBuffer, options: DecodeAudioOptions = {}): Promise<AudioData> {
  const file = options.fileName;
  const data = asBytes(bytes, file);
  if (data.length === 0) {
    throw new AudioFeaturesError('EMPTY_AUDIO', 'the file is empty (0 bytes): expected audio data', { file });
  }
  const format = detectAudioFormat(data);
  if (format === null) throw new AudioFeaturesError('UNSUPPORTED_FORMAT', unknownFormatMessage(data), { file });
  let audio: AudioData;
  if (format === 'wav') audio = decodeWav(data, file);
  else if (format === 'aiff') audio = decodeAiff(data, file);
  else if (format === 'flac') audio = decodeFlac(data, file);
  else audio = await decodeWithWasm(format, data, file);
  return validateDecoded(audio, file);
}
