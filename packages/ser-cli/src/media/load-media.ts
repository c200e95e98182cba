/**
 * Reading a local file or a URL into decoded audio. Our own decoders (@ser/audio-features) read WAV, AIFF,
 * FLAC, MP3 and Ogg Vorbis/Opus, whatever the rate or channel count; anything else (video containers, AAC…)
 * is converted with ffmpeg when it is installed.
 */
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AudioData } from '@ser/audio-features';
import { loadAudioFeatures } from '../deps.js';
import { CliError } from '../errors.js';
import { fetchMedia, runProgram } from './fetch-url.js';
import { isHttpUrl } from './urls.js';
import { findExecutable } from './which.js';

/** Decoded audio with where it came from. */
export interface LoadedMedia {
  /** Mono mix (mean of the channels) at `sampleRate`. */
  samples: Float32Array;
  /** Native sample rate, Hz. */
  sampleRate: number;
  /** The decoded channels. */
  channels: Float32Array[];
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
}

/** Loads `source` (a path, or an http(s)/YouTube URL) and decodes it. */
export async function loadMedia(source: string, options: LoadMediaOptions): Promise<LoadedMedia> {
  if (isHttpUrl(source)) {
    const fetchOptions = options.onDownloadProgress ? { env: options.env, onProgress: options.onDownloadProgress } : { env: options.env };
    const fetched = await fetchMedia(source, fetchOptions);
    try {
      const bytes = new Uint8Array(await readFile(fetched.path));
      return await decodeBytes(bytes, source, options.env, { preferFfmpeg: true });
    } finally {
      await fetched.cleanup();
    }
  }
  const path = resolve(options.cwd, source);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected an audio file' : (error as Error).message;
    throw new CliError(`cannot read ${source}: ${why}`, { hint: 'give the path of an audio file (WAV, FLAC, MP3, OGG, AIFF) or an http(s) URL' });
  }
  return decodeBytes(bytes, source, options.env, { preferFfmpeg: false });
}

/**
 * Decodes `bytes`. WAV always goes through our decoder; other formats go through ffmpeg first when
 * `preferFfmpeg` and ffmpeg exists, else through our decoders, falling back to ffmpeg for formats we do not read.
 */
export async function decodeBytes(
  bytes: Uint8Array,
  source: string,
  env: Record<string, string | undefined>,
  options: { preferFfmpeg: boolean },
): Promise<LoadedMedia> {
  if (bytes.length === 0) throw new CliError(`${source} is empty (0 bytes): expected audio`);
  const { AudioFeaturesError, decodeAudio, detectAudioFormat } = await loadAudioFeatures();
  const format = detectAudioFormat(bytes);
  const ffmpeg = findExecutable('ffmpeg', env);
  if (ffmpeg && format !== 'wav' && (options.preferFfmpeg || format === null)) {
    return convertWithFfmpeg(ffmpeg, bytes, source, env);
  }
  if (format === null) {
    throw new CliError(`${source} is not audio this tool can decode (not WAV, AIFF, FLAC, MP3 or Ogg by its header)`, {
      hint: 'install ffmpeg to read other media formats, or convert the file to WAV/FLAC first',
    });
  }
  let audio: AudioData;
  try {
    audio = await decodeAudio(bytes, { fileName: source });
  } catch (error) {
    if (error instanceof AudioFeaturesError) {
      const message = error.message.startsWith(source) ? error.message : `${source}: ${error.message}`;
      throw new CliError(message, { hint: ffmpeg ? undefined : 'installing ffmpeg lets the CLI read more formats', cause: error });
    }
    throw error;
  }
  return await fromAudioData(audio, source, audio.format);
}

async function fromAudioData(audio: AudioData, source: string, decodedBy: LoadedMedia['decodedBy']): Promise<LoadedMedia> {
  const { toMono } = await loadAudioFeatures();
  const samples = audio.channels.length === 1 ? audio.channels[0]! : toMono(audio.channels);
  if (samples.length === 0) throw new CliError(`${source} holds no samples: expected audio`);
  return { samples, sampleRate: audio.sampleRate, channels: audio.channels, duration: samples.length / audio.sampleRate, decodedBy, source };
}

async function convertWithFfmpeg(ffmpeg: string, bytes: Uint8Array, source: string, env: Record<string, string | undefined>): Promise<LoadedMedia> {
  const dir = await mkdtemp(join(tmpdir(), 'ser-ffmpeg-'));
  try {
    const input = join(dir, 'input');
    const output = join(dir, 'output.wav');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(input, bytes);
    const { code, stderr } = await runProgram(ffmpeg, ['-nostdin', '-hide_banner', '-loglevel', 'error', '-i', input, '-vn', '-c:a', 'pcm_s16le', '-f', 'wav', output], env);
    if (code !== 0) {
      // ffmpeg names its input, a temporary copy: say which file the user gave instead.
      const reason = stderr.split(input).join(source).trim().split('\n').slice(-2).join(' ').replace(`${source}: `, '');
      throw new CliError(`ffmpeg could not decode ${source}: ${reason || `exit code ${code}`}`, {
        hint: 'check that the file or URL is audio or video with a sound track',
      });
    }
    const { decodeAudio } = await loadAudioFeatures();
    const audio = await decodeAudio(new Uint8Array(await readFile(output)), { fileName: source });
    return await fromAudioData(audio, source, 'ffmpeg');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
