/**
 * @ser/audio-features/node: reading audio files from disk (Node only). Everything else, including
 * {@link decodeAudio} for bytes you already hold, is in the browser-safe main entry.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { AudioFeaturesError } from './errors.js';
import { decodeAudio, decodeCollected } from './decode/decode-audio.js';
import { isKnownUnsupportedMedia, unknownFormatMessage } from './decode/describe.js';
import { detectAudioFormat } from './decode/detect.js';
import { groupDigits } from './decode/limits.js';
import type { AudioData, AudioFormat, DecodeAudioOptions } from './decode/types.js';

/**
 * Default of `maxFileBytes`: 1 GiB. Larger files are refused before they are read; a device or pipe (which has
 * no size) is read up to this many bytes.
 */
export const DEFAULT_MAX_FILE_BYTES = 1 << 30;

/** Bytes read from a device or pipe before its format is checked (so `/dev/zero` is refused at once). */
const SNIFF_BYTES = 1 << 16;

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
  /** Refuse files larger than this (default {@link DEFAULT_MAX_FILE_BYTES}, 1 GiB); `Infinity` for no limit. */
  maxFileBytes?: number;
  /** The decode budget (see `DecodeAudioOptions.maxDecodedSamples`; default three hours of mono 16 kHz audio). */
  maxDecodedSamples?: number;
  /** Refuse recordings longer than this many seconds (see `DecodeAudioOptions.maxSeconds`; default: no limit). */
  maxSeconds?: number;
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

/** Turns a Node file-system error into NOT_FOUND (no such file) or FILE_NOT_READABLE, with a message that says what went wrong. */
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
  return new AudioFeaturesError(code === 'ENOENT' ? 'NOT_FOUND' : 'FILE_NOT_READABLE', reason, { file: path, cause });
}

/** The validated `maxFileBytes` option. */
function resolveMaxFileBytes(value: number | undefined, path: string): number {
  if (value === undefined) return DEFAULT_MAX_FILE_BYTES;
  if (typeof value !== 'number' || !(value === Infinity || (Number.isInteger(value) && value > 0))) {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `maxFileBytes must be a positive integer or Infinity, got ${String(value)}`,
      { file: path },
    );
  }
  return value;
}

function tooLarge(path: string, what: string, maxFileBytes: number): AudioFeaturesError {
  return new AudioFeaturesError(
    'TOO_LARGE',
    `${what}, more than the limit of ${groupDigits(maxFileBytes)} bytes (maxFileBytes)`,
    { file: path },
  );
}

/**
 * Reads the bytes of an audio file, bounded: a regular file larger than `maxFileBytes` (default 1 GiB) is refused
 * before it is read; a device, pipe or socket (no size to check) is read in chunks, refused as soon as it passes
 * `maxFileBytes`, and refused after its first 64 KiB when they are no media format we know (`/dev/zero`,
 * `/dev/urandom`; an MP4 or WebM is read on, for callers that convert it with ffmpeg).
 *
 * @throws AudioFeaturesError NOT_FOUND, FILE_NOT_READABLE, TOO_LARGE, UNSUPPORTED_FORMAT — each naming `path`
 */
export async function readAudioBytes(
  path: string,
  options: Pick<ReadAudioFileOptions, 'maxFileBytes'> = {},
): Promise<Uint8Array> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `expected a file path, got ${JSON.stringify(path)}`);
  }
  const maxFileBytes = resolveMaxFileBytes(options.maxFileBytes, path);
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    throw fileError(path, cause);
  }
  if (info.isDirectory()) throw fileError(path, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  if (info.isFile()) {
    if (info.size > maxFileBytes) throw tooLarge(path, `the file is ${groupDigits(info.size)} bytes`, maxFileBytes);
    try {
      return await readFile(path);
    } catch (cause) {
      throw fileError(path, cause);
    }
  }
  return readStreamBounded(path, maxFileBytes);
}

/** Reads a device or pipe in chunks, up to `maxFileBytes`, giving up early on bytes that are not audio. */
async function readStreamBounded(path: string, maxFileBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let sniffed = false;
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw fileError(path, cause);
  }
  try {
    for (;;) {
      const chunk = new Uint8Array(SNIFF_BYTES);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(chunk, 0, chunk.length, null));
      } catch (cause) {
        throw fileError(path, cause);
      }
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxFileBytes)
        throw tooLarge(path, `the device or pipe delivered more than ${groupDigits(maxFileBytes)} bytes`, maxFileBytes);
      if (!sniffed && total >= SNIFF_BYTES) {
        sniffed = true;
        const head = concatenate(chunks, total);
        if (detectAudioFormat(head) === null && !isKnownUnsupportedMedia(head)) {
          throw new AudioFeaturesError('UNSUPPORTED_FORMAT', unknownFormatMessage(head), { file: path });
        }
      }
    }
  } finally {
    await handle.close();
  }
  return concatenate(chunks, total);
}

function concatenate(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return joined;
}

/**
 * Reads and decodes an audio file without resampling or mixing (native rate, all channels), within
 * `maxFileBytes` and `maxDecodedSamples`. The format comes from the file's header, never its extension.
 *
 * @throws AudioFeaturesError NOT_FOUND (missing), FILE_NOT_READABLE (a directory, unreadable), EMPTY_AUDIO
 *   (0 bytes or no samples), UNSUPPORTED_FORMAT, UNSUPPORTED_CODEC, CORRUPT_AUDIO, TOO_LARGE — each naming `path`
 */
export async function readAudioFile(path: string, options: ReadAudioFileOptions = {}): Promise<AudioData> {
  const bytes = await readAudioBytes(path, options);
  const decodeOptions: DecodeAudioOptions = { fileName: path };
  if (options.maxDecodedSamples !== undefined) decodeOptions.maxDecodedSamples = options.maxDecodedSamples;
  if (options.maxSeconds !== undefined) decodeOptions.maxSeconds = options.maxSeconds;
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
 *   `duration` in seconds (default: the whole file), `maxFileBytes` (default 1 GiB), `maxDecodedSamples`
 *   (default three hours of mono 16 kHz audio), `maxSeconds` (default: no limit)
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
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `sr must be a positive integer number of Hz or null, got ${String(sr)}`,
      {
        file: path,
      },
    );
  }
  const offset = options.offset ?? 0;
  const duration = options.duration ?? null;
  if (typeof offset !== 'number' || !Number.isFinite(offset) || offset < 0) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `offset must be a number of seconds ≥ 0, got ${String(offset)}`, {
      file: path,
    });
  }
  if (duration !== null && (typeof duration !== 'number' || !Number.isFinite(duration) || duration <= 0)) {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `duration must be a number of seconds > 0 or null, got ${String(duration)}`,
      { file: path },
    );
  }
  const bytes = await readAudioBytes(path, options);
  const audio = await decodeCollected(bytes, {
    file: path,
    maxDecodedSamples: options.maxDecodedSamples,
    maxSeconds: options.maxSeconds,
    mono: true,
    channels: !mono,
    sr: sr ?? undefined,
    offset,
    duration,
  });
  const samples = audio.mono!;
  const channels = mono ? [samples] : audio.channels!;
  return {
    samples,
    sampleRate: audio.sampleRate,
    channels,
    format: audio.format,
    duration: samples.length / audio.sampleRate,
  };
}

export type { AudioData, AudioFormat } from './decode/types.js';

export { findExecutable } from './node-tools/find-executable.js';
