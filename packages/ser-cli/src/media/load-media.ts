/**
 * Reading a local file or a URL into decoded audio. Our own decoders (@ser/audio-features) read WAV, AIFF,
 * FLAC, MP3 and Ogg Vorbis/Opus, whatever the rate or channel count; anything else (video containers, AAC…)
 * is converted with ffmpeg when it is installed.
 */
import { rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AudioData } from '@ser/audio-features';
import { loadAudioFeatures, loadAudioFeaturesNode } from '../deps.js';
import { CliError } from '../errors.js';
import { fetchMedia, runProgram } from './fetch-url.js';
import { isHttpUrl } from './urls.js';
import { findExecutable } from '@ser/audio-features/node';

/** Decoded audio with where it came from. */
export interface LoadedMedia {
  /** Mono mix (mean of the channels) at `sampleRate`. */
  samples: Float32Array;
  /** Sample rate of `samples` and `channels`, Hz: the requested `sr`, else the file's own. */
  sampleRate: number;
  /** The decoded channels (`[samples]` when `mono` was asked for). */
  channels: Float32Array[];
  /** The recording's own sample rate and channel count. */
  fileSampleRate: number;
  fileChannels: number;
  /** Seconds. */
  duration: number;
  /** The container/codec that was decoded, or `ffmpeg` when ffmpeg converted it. */
  decodedBy: AudioData['format'] | 'ffmpeg';
  /** The file or URL given. */
  source: string;
}

/** Options of {@link loadMedia}. */
export interface LoadMediaOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  /** Download progress for URLs. */
  onDownloadProgress?: (receivedBytes: number, totalBytes: number | undefined) => void;
  /**
   * Decode straight to the mono mix at this rate (what a model needs): the recording is mixed and resampled
   * while it is decoded, never held at its own rate.
   */
  sr?: number;
  /** Decode straight to the mono mix (default false: every channel). Implied by `sr`. */
  mono?: boolean;
}

/** What {@link decodeBytes} keeps: every channel at the file's rate, or the mono mix (at `sr`). */
export interface DecodeTarget {
  sr?: number | undefined;
  mono?: boolean | undefined;
}

/** Loads `source` (a path, or an http(s)/YouTube URL) and decodes it. */
export async function loadMedia(source: string, options: LoadMediaOptions): Promise<LoadedMedia> {
  if (isHttpUrl(source)) {
    const fetchOptions = options.onDownloadProgress
      ? { env: options.env, onProgress: options.onDownloadProgress }
      : { env: options.env };
    const fetched = await fetchMedia(source, fetchOptions);
    try {
      const bytes = await readBounded(fetched.path, source);
      return await decodeBytes(bytes, source, options.env, { preferFfmpeg: true, sr: options.sr, mono: options.mono });
    } finally {
      await fetched.cleanup();
    }
  }
  const bytes = await readBounded(resolve(options.cwd, source), source);
  return decodeBytes(bytes, source, options.env, { preferFfmpeg: false, sr: options.sr, mono: options.mono });
}

/**
 * Reads a file with @ser/audio-features' bounded reader (regular files up to its byte cap; devices and pipes
 * read up to the same cap, and refused at once when they start with no media format, like /dev/zero).
 * @throws CliError naming `source`
 */
async function readBounded(path: string, source: string): Promise<Uint8Array> {
  const { readAudioBytes } = await loadAudioFeaturesNode();
  try {
    return await readAudioBytes(path);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const why = code === 'NOT_FOUND' ? 'no such file' : message.replace(`${path}: `, '');
    throw new CliError(`cannot read ${source}: ${why}`, {
      hint:
        code === 'TOO_LARGE'
          ? 'cut the recording into shorter parts'
          : 'give the path of an audio file (WAV, FLAC, MP3, OGG, AIFF) or an http(s) URL',
      cause: error,
    });
  }
}

/**
 * Decodes `bytes`. WAV always goes through our decoder; other formats go through ffmpeg first when
 * `preferFfmpeg` and ffmpeg exists, else through our decoders, falling back to ffmpeg for formats we do not read.
 */
export async function decodeBytes(
  bytes: Uint8Array,
  source: string,
  env: Record<string, string | undefined>,
  options: { preferFfmpeg: boolean } & DecodeTarget,
): Promise<LoadedMedia> {
  if (bytes.length === 0) throw new CliError(`${source} is empty (0 bytes): expected audio`);
  const { detectAudioFormat } = await loadAudioFeatures();
  const format = detectAudioFormat(bytes);
  const ffmpeg = findExecutable('ffmpeg', env);
  if (ffmpeg && format !== 'wav' && (options.preferFfmpeg || format === null)) {
    return convertWithFfmpeg(ffmpeg, bytes, source, env, options);
  }
  if (format === null) {
    throw new CliError(`${source} is not audio this tool can decode (not WAV, AIFF, FLAC, MP3 or Ogg by its header)`, {
      hint: 'install ffmpeg to read other media formats, or convert the file to WAV/FLAC first',
    });
  }
  const audio = await decodeNamed(
    bytes,
    source,
    options,
    ffmpeg ? undefined : 'installing ffmpeg lets the CLI read more formats',
  );
  return await fromAudioData(audio, source, audio.format);
}

/**
 * `decodeAudio` with the default decode budget, to every channel or (with `mono`/`sr`) straight to the mono
 * mix at `sr`; its typed errors become CliErrors naming `source`.
 */
async function decodeNamed(
  bytes: Uint8Array,
  source: string,
  target: DecodeTarget,
  hint: string | undefined,
): Promise<AudioData> {
  const { AudioFeaturesError, decodeAudio } = await loadAudioFeatures();
  const mono = target.mono === true || target.sr !== undefined;
  try {
    return await decodeAudio(bytes, { fileName: source, mono, ...(target.sr !== undefined ? { sr: target.sr } : {}) });
  } catch (error) {
    if (error instanceof AudioFeaturesError) {
      const message = error.message.startsWith(source) ? error.message : `${source}: ${error.message}`;
      throw new CliError(message, { hint, cause: error });
    }
    throw error;
  }
}

async function fromAudioData(
  audio: AudioData,
  source: string,
  decodedBy: LoadedMedia['decodedBy'],
): Promise<LoadedMedia> {
  const { toMono } = await loadAudioFeatures();
  const samples = audio.channels.length === 1 ? audio.channels[0]! : toMono(audio.channels);
  if (samples.length === 0) throw new CliError(`${source} holds no samples: expected audio`);
  return {
    samples,
    sampleRate: audio.sampleRate,
    channels: audio.channels,
    fileSampleRate: audio.fileSampleRate ?? audio.sampleRate,
    fileChannels: audio.fileChannels ?? audio.channels.length,
    duration: samples.length / audio.sampleRate,
    decodedBy,
    source,
  };
}

async function convertWithFfmpeg(
  ffmpeg: string,
  bytes: Uint8Array,
  source: string,
  env: Record<string, string | undefined>,
  target: DecodeTarget,
): Promise<LoadedMedia> {
  const dir = await mkdtemp(join(tmpdir(), 'ser-ffmpeg-'));
  try {
    const input = join(dir, 'input');
    const output = join(dir, 'output.wav');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(input, bytes);
    const { code, stderr } = await runProgram(
      ffmpeg,
      ['-nostdin', '-hide_banner', '-loglevel', 'error', '-i', input, '-vn', '-c:a', 'pcm_s16le', '-f', 'wav', output],
      env,
    );
    if (code !== 0) {
      // ffmpeg names its input, a temporary copy: say which file the user gave instead.
      const reason = stderr.split(input).join(source).trim().split('\n').slice(-2).join(' ').replace(`${source}: `, '');
      throw new CliError(`ffmpeg could not decode ${source}: ${reason || `exit code ${code}`}`, {
        hint: 'check that the file or URL is audio or video with a sound track',
      });
    }
    const audio = await decodeNamed(await readBounded(output, source), source, target, undefined);
    return await fromAudioData(audio, source, 'ffmpeg');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
