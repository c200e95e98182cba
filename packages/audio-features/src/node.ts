/**
 * @ser/audio-features/node: reading audio files from disk (Node only). Everything else, including
 * {@link decodeAudio} for bytes you already hold, is in the browser-safe main entry.
 */
import { readFile, stat } from 'node:fs/promises';
import { AudioFeaturesError } from './errors.js';
import { decodeAudio } from './decode/decode-audio.js';
import type { AudioData, AudioFormat } from './decode/types.js';
import { toMono } from './mono.js';
import { resample } from './resample.js';

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

/** Options of {@link loadAudio}, named as in `librosa.load`. */
export interface LoadAudioOptions {
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

/**
 * Reads and decodes an audio file without resampling or mixing (native rate, all channels).
 * The format comes from the file's header, never its extension.
 *
 * @throws AudioFeaturesError FILE_NOT_READABLE (missing, a directory, unreadable), EMPTY_AUDIO
 *   (0 bytes or no samples), UNSUPPORTED_FORMAT, UNSUPPORTED_CODEC, CORRUPT_AUDIO — each naming `path`
 */
export async function readAudioFile(path: string): Promise<AudioData> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `expected a file path, got ${JSON.stringify(path)}`);
  }
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    bytes = await readFile(path);
  } catch (cause) {
    throw fileError(path, cause);
  }
  return decodeAudio(bytes, { fileName: path });
}

/**
 * Loads an audio file like `librosa.load(path, sr=sr, mono=mono)`: decode, mix to mono by
 * averaging the channels, then resample with the polyphase method (librosa's
 * `res_type='polyphase'`) when `sr` differs from the file's rate.
 *
 * @param path - WAV, AIFF/AIFC, FLAC, MP3, Ogg Vorbis or Ogg Opus (detected from the header)
 * @param options - `sr` (default 22050; `null` = native rate), `mono` (default true), `offset` and
 *   `duration` in seconds (default: the whole file)
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
  const audio = selectSpan(await readAudioFile(path), offset, duration, path);
  const targetRate = sr ?? audio.sampleRate;
  const convert = (y: Float32Array): Float32Array =>
    targetRate === audio.sampleRate ? y : resample(y, audio.sampleRate, targetRate, { method: 'polyphase' });
  let samples: Float32Array;
  try {
    samples = convert(toMono(audio.channels));
  } catch (cause) {
    if (cause instanceof AudioFeaturesError && cause.file === undefined) {
      throw new AudioFeaturesError(cause.code, cause.message, { file: path, cause });
    }
    throw cause;
  }
  const channels = mono ? [samples] : audio.channels.length === 1 ? [samples] : audio.channels.map(convert);
  return { samples, sampleRate: targetRate, channels, format: audio.format, duration: samples.length / targetRate };
}

/**
 * The frames librosa.load reads for `offset`/`duration` (soundfile: seek to ⌊offset · sr⌋, read
 * ⌊duration · sr⌋ frames). A span that starts at or after the end is EMPTY_AUDIO naming the file.
 */
function selectSpan(audio: AudioData, offset: number, duration: number | null, path: string): AudioData {
  if (offset === 0 && duration === null) return audio;
  const length = audio.channels[0]!.length;
  const start = Math.trunc(offset * audio.sampleRate);
  const end = duration === null ? length : Math.min(length, start + Math.trunc(duration * audio.sampleRate));
  if (start >= length || end <= start) {
    throw new AudioFeaturesError(
      'EMPTY_AUDIO',
      `nothing to read from offset ${offset} s${duration === null ? '' : ` for ${duration} s`}: the file lasts ${(length / audio.sampleRate).toFixed(3)} s`,
      { file: path },
    );
  }
  return { ...audio, channels: audio.channels.map((channel) => channel.subarray(start, end)) };
}

export type { AudioData, AudioFormat } from './decode/types.js';
