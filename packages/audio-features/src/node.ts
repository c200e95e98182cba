/**
 * @ser/audio-features/node: reading audio files from disk (Node only). Everything else, including
 * {@link decodeAudio} for bytes you already hold, is in the browser-safe main entry.
 */
import { readFile, stat } from 'node:fs/promises';
import { AudioFeaturesError } from './errors.js';
import { decodeAudio, decodeCollected } from './decode/decode-audio.js';
import type { AudioData, AudioFormat, DecodeAudioOptions } from './decode/types.js';

/** Audio loaded like `librosa.load`. */
export interface LoadedAudio {
  /** The mono mix (average of the channels), at `sampleRate`; always present, whatever `mono` says. */
  samples: Float32Array;
  /** Sample rate of `samples` and `channels` in Hz (the requested `sr`, or the file's own rate). */
  sampleRate: number;
  /** `[samples]` when `mono` is true (default); otherwise every channel, each resampled to `sampleRate`. */
  channels: Float32Array[];
  /** Format detected from the file's header. */
  format: AudioFormat;
  /** Duration in seconds, `samples.length / sampleRate`. */
  duration: number;
}

/** Limits of reading a file from disk. */
export interface ReadAudioFileOptions {
  /** The decode budget (see `DecodeAudioOptions.maxDecodedSamples`; default three hours of mono 16 kHz audio). */
  maxDecodedSamples?: number;
}

/** Options of {@link loadAudio}, named as in `librosa.load`, plus the limits of {@link ReadAudioFileOptions}. */
export interface LoadAudioOptions extends ReadAudioFileOptions {
  /** Target sample rate in Hz (default 22050, librosa's default); `null` keeps the file's native rate. */
  sr?: number | null;
  /** Mix down to one channel (default true). `samples` is the mono mix either way. */
  mono?: boolean;
  /** Start reading this many seconds in (default 0), like librosa: frame ⌊offset · native rate⌋. */
  offset?: number;
  /** Read at most this many seconds (default: to the end), like librosa: ⌊duration · native rate⌋ frames. */
  duration?: number | null;
}

/** Turns a Node file-system error into FILE_NOT_READABLE with a message that says what went wrong. */
function fileError(path: string, cause: unknown): AudioFeaturesError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'file not found'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory, expected an audio file'
          : `could not be read (${code ?? (cause instanceof Error ? cause.message : String(cause))})`;
  return new AudioFeaturesError('FILE_NOT_READABLE', reason, { file: path, cause });
}

/** Reads the bytes of an audio file. */
async function readAudioBytes(path: string): Promise<Uint8Array> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `expected a file path, got ${JSON.stringify(path)}`);
  }
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return await readFile(path);
  } catch (cause) {
    throw fileError(path, cause);
  }
}

/**
 * Reads and decodes an audio file without resampling or mixing (native rate, all channels), within
 * `maxDecodedSamples`. The format comes from the file's header, never its extension.
 *
 * @throws AudioFeaturesError FILE_NOT_READABLE (missing, a directory, unreadable), EMPTY_AUDIO
 *   (0 bytes or no samples), UNSUPPORTED_FORMAT, UNSUPPORTED_CODEC, CORRUPT_AUDIO, TOO_LARGE — each naming `path`
 */
export async function readAudioFile(path: string, options: ReadAudioFileOptions = {}): Promise<AudioData> {
  const bytes = await readAudioBytes(path);
  const decodeOptions: DecodeAudioOptions = { fileName: path };
  if (options.maxDecodedSamples !== undefined) decodeOptions.maxDecodedSamples = options.maxDecodedSamples;
  return decodeAudio(bytes, decodeOptions);
}

/**
 * Loads an audio file like `librosa.load(path, sr=sr, mono=mono)`: decode, mix to mono by
 * averaging the channels, then resample with the polyphase method (librosa's
 * `res_type='polyphase'`) when `sr` differs from the file's rate. The mixing and resampling happen block by
 * block while decoding (the same values as mixing and resampling the whole signal), so a long multichannel or
 * high-rate file is never held at its own rate; reading stops at the end of `duration`.
 *
 * @param path - WAV, AIFF/AIFC, FLAC, MP3, Ogg Vorbis or Ogg Opus (detected from the header)
 * @param options - `sr` (default 22050; `null` = native rate), `mono` (default true), `offset` and
 *   `duration` in seconds (default: the whole file), `maxDecodedSamples`
 *   (default three hours of mono 16 kHz audio)
 * @throws AudioFeaturesError naming the file (see {@link readAudioFile}); INVALID_ARGUMENT for a bad `sr`
 *
 * @example
 * ```ts
 * import { loadAudio } from '@ser/audio-features/node';
 * const { samples, sampleRate, duration } = await loadAudio('speech.flac'); // 22050 Hz mono
 * ```
 */
export async function loadAudio(path: string, options: LoadAudioOptions = {}): Promise<LoadedAudio> {
  const sr = options.sr === undefined ? 22050 : options.sr;
  const mono = options.mono ?? true;
  if (sr !== null && (typeof sr !== 'number' || !Number.isInteger(sr) || sr <= 0)) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `sr must be a positive integer number of Hz or null, got ${String(sr)}`, {
      file: path,
    });
  }
  const offset = options.offset ?? 0;
  const duration = options.duration ?? null;
  if (typeof offset !== 'number' || !Number.isFinite(offset) || offset < 0) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `offset must be a number of seconds ≥ 0, got ${String(offset)}`, { file: path });
  }
  if (duration !== null && (typeof duration !== 'number' || !Number.isFinite(duration) || duration <= 0)) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `duration must be a number of seconds > 0 or null, got ${String(duration)}`, { file: path });
  }
  const bytes = await readAudioBytes(path);
  const audio = await decodeCollected(bytes, {
    file: path,
    maxDecodedSamples: options.maxDecodedSamples,
    mono: true,
    channels: !mono,
    sr: sr ?? undefined,
    offset,
    duration,
  });
  const samples = audio.mono!;
  const channels = mono ? [samples] : audio.channels!;
  return { samples, sampleRate: audio.sampleRate, channels, format: audio.format, duration: samples.length / audio.sampleRate };
}

export type { AudioData, AudioFormat } from './decode/types.js';
