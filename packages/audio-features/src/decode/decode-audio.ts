import { AudioFeaturesError } from '../errors.js';
import { decodeAiff } from './aiff.js';
import { unknownFormatMessage } from './describe.js';
import { detectAudioFormat } from './detect.js';
import { decodeFlac } from './flac/decode-flac.js';
import { resolveMaxDecodedSamples, resolveMaxSeconds } from './limits.js';
import { decodeMp3 } from './mp3.js';
import { decodeOggOpus } from './ogg-opus.js';
import { decodeOggVorbis } from './ogg-vorbis.js';
import { SampleCollector, type CollectedAudio, type CollectOptions } from './sample-collector.js';
import { decodeWav } from './wav.js';
import type { AudioData, DecodeAudioOptions } from './types.js';

/** Accepts a Uint8Array (including Node's Buffer) or an ArrayBuffer; anything else is INVALID_ARGUMENT. */
function asBytes(input: Uint8Array | ArrayBuffer, file: string | undefined): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  const got = input === null ? 'null' : typeof input;
  throw new AudioFeaturesError('INVALID_ARGUMENT', `decodeAudio expects a Uint8Array or ArrayBuffer, got ${got}`, {
    file,
  });
}

/** Throws INVALID_ARGUMENT unless `sr` is undefined or a positive integer. */
function assertTargetRate(sr: unknown, file: string | undefined): void {
  if (sr !== undefined && (typeof sr !== 'number' || !Number.isInteger(sr) || sr <= 0)) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `sr must be a positive integer number of Hz, got ${String(sr)}`, {
      file,
    });
  }
}

/**
 * Decodes `bytes` into a {@link SampleCollector} set up by `collect` (what to keep: channels, mono mix,
 * rate, span) and returns what it kept. The one decoding path behind `decodeAudio` and `loadAudio`.
 */
export async function decodeCollected(
  bytes: Uint8Array | ArrayBuffer,
  collect: Omit<CollectOptions, 'format' | 'maxDecodedSamples' | 'maxSeconds'> & {
    maxDecodedSamples?: number | undefined;
    maxSeconds?: number | undefined;
  },
): Promise<CollectedAudio> {
  const file = collect.file;
  const data = asBytes(bytes, file);
  const maxDecodedSamples = resolveMaxDecodedSamples(collect.maxDecodedSamples, file);
  const maxSeconds = resolveMaxSeconds(collect.maxSeconds, file);
  assertTargetRate(collect.sr, file);
  if (data.length === 0) {
    throw new AudioFeaturesError('EMPTY_AUDIO', 'the file is empty (0 bytes): expected audio data', { file });
  }
  const format = detectAudioFormat(data);
  if (format === null) throw new AudioFeaturesError('UNSUPPORTED_FORMAT', unknownFormatMessage(data), { file });
  const sink = new SampleCollector({ ...collect, format, maxDecodedSamples, maxSeconds });
  if (format === 'wav') decodeWav(data, sink, file);
  else if (format === 'aiff') decodeAiff(data, sink, file);
  else if (format === 'flac') decodeFlac(data, sink, file);
  else if (format === 'mp3') await decodeMp3(data, sink, file);
  else if (format === 'ogg-vorbis') await decodeOggVorbis(data, sink, file);
  else await decodeOggOpus(data, sink, file);
  return sink.finish();
}

/**
 * Decodes an audio file held in memory. The format is detected from the header
 * ({@link detectAudioFormat}), never from `fileName`. WAV and AIFF/AIFC are decoded by our own
 * TypeScript, and so is FLAC (native, behind an ID3v2 tag, or in Ogg); MP3, Ogg Vorbis and Ogg Opus by
 * WebAssembly decoders loaded on first use. Works in Node and browsers.
 *
 * Decoding is bounded: the sample rate and channel count a header declares must be plausible (1 000–768 000 Hz,
 * 1–256 channels) and the output must fit `maxDecodedSamples` (default three hours of mono 16 kHz audio), checked
 * from the header before anything is allocated. With `mono` and/or `sr`, the channels are mixed and resampled
 * while decoding, so a long multichannel or high-rate file never has to be held at its own rate.
 *
 * @param bytes - the whole file
 * @param options - `fileName` (put in every error message), `maxDecodedSamples`, `maxSeconds`, `mono`, `sr`
 * @returns sample rate, one Float32Array per channel (libsndfile scaling: int16 / 32768 …) and the format
 * @throws AudioFeaturesError EMPTY_AUDIO (no bytes / no samples), UNSUPPORTED_FORMAT (unknown
 *   bytes, with what they look like), UNSUPPORTED_CODEC (e.g. ADPCM WAV, naming the codec id),
 *   CORRUPT_AUDIO (truncated/inconsistent header or data, 0 channels, an implausible rate such as 1 Hz),
 *   TOO_LARGE (over `maxDecodedSamples` or `maxSeconds`), NON_FINITE_AUDIO, INVALID_ARGUMENT (bad options)
 *
 * @example
 * ```ts
 * const audio = await decodeAudio(new Uint8Array(await (await fetch('speech.flac')).arrayBuffer()), { fileName: 'speech.flac' });
 * console.log(audio.format, audio.sampleRate, audio.channels.length, audio.channels[0].length);
 * // What a 16 kHz model needs, without holding the file's channels at its own rate:
 * const { channels: [y16k] } = await decodeAudio(bytes, { mono: true, sr: 16000, maxSeconds: 300 });
 * ```
 */
export async function decodeAudio(
  bytes: Uint8Array | ArrayBuffer,
  options: DecodeAudioOptions = {},
): Promise<AudioData> {
  const mono = options.mono === true;
  const collected = await decodeCollected(bytes, {
    file: options.fileName,
    maxDecodedSamples: options.maxDecodedSamples,
    maxSeconds: options.maxSeconds,
    channels: !mono,
    mono,
    sr: options.sr,
  });
  return {
    sampleRate: collected.sampleRate,
    channels: mono ? [collected.mono!] : collected.channels!,
    format: collected.format,
    fileSampleRate: collected.nativeSampleRate,
    fileChannels: collected.nativeChannels,
  };
}
