/**
 * Fetching media from a URL into a temporary file: direct http(s) links with `fetch`, YouTube pages with
 * `yt-dlp` when it is installed (and a message that says what to install when it is not).
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CliError } from '../errors.js';
import { fileNameFromUrl, isYouTubeUrl } from './urls.js';
import { findExecutable } from '@ser/audio-features/node';

/** A downloaded file in its own temporary folder. */
export interface FetchedMedia {
  /** Path of the downloaded file. */
  path: string;
  /** The server's Content-Type, when known. */
  contentType?: string;
  /** How it was fetched. */
  via: 'http' | 'yt-dlp';
  /** Deletes the temporary folder. */
  cleanup(): Promise<void>;
}

/** Options of {@link fetchMedia}. */
export interface FetchMediaOptions {
  /** Environment (PATH to find yt-dlp). */
  env: Record<string, string | undefined>;
  /** Called as bytes arrive: received so far and the total when the server sent Content-Length. */
  onProgress?: (receivedBytes: number, totalBytes: number | undefined) => void;
  /** Give up after this many ms (default 120 000). */
  timeoutMs?: number;
}

/** What to tell a user when a YouTube URL is given without yt-dlp. */
export const YT_DLP_MISSING_MESSAGE = 'YouTube pages are not media files: they need `yt-dlp`, which is not on PATH';
/** The matching hint. */
export const YT_DLP_MISSING_HINT =
  'install yt-dlp (`pipx install yt-dlp`, `python3 -m pip install --user yt-dlp`, `brew install yt-dlp` or ' +
  '`sudo apt install yt-dlp`) and ffmpeg, then run the command again — or download the audio yourself and pass the file';

/** Downloads `url` (http/https, or a YouTube page via yt-dlp) into a fresh temporary folder. */
export async function fetchMedia(url: string, options: FetchMediaOptions): Promise<FetchedMedia> {
  const dir = await mkdtemp(join(tmpdir(), 'ser-fetch-'));
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    if (isYouTubeUrl(url)) return { ...(await fetchWithYtDlp(url, dir, options.env)), via: 'yt-dlp', cleanup };
    return { ...(await fetchHttp(url, dir, options)), via: 'http', cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function fetchHttp(
  url: string,
  dir: string,
  options: FetchMediaOptions,
): Promise<{ path: string; contentType?: string }> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(options.timeoutMs ?? 120_000) });
  } catch (error) {
    throw new CliError(`could not download ${url}: ${(error as Error).message}`, {
      hint: 'check the URL and your network connection',
      cause: error,
    });
  }
  if (!response.ok || !response.body) {
    throw new CliError(
      `could not download ${url}: the server answered ${response.status} ${response.statusText}`.trim(),
      {
        hint: 'check that the URL points at a media file that exists',
      },
    );
  }
  const contentType = response.headers.get('content-type') ?? undefined;
  if (contentType && /^text\/html/i.test(contentType)) {
    await response.body.cancel();
    throw new CliError(`${url} is a web page (text/html), not a media file`, {
      hint: 'give a direct link to an audio file (.wav, .flac, .mp3, .ogg, …); for YouTube install yt-dlp',
    });
  }
  const lengthHeader = Number(response.headers.get('content-length'));
  const total = Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : undefined;
  const path = join(dir, fileNameFromUrl(url));
  let received = 0;
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => {
    received += chunk.length;
    options.onProgress?.(received, total);
  });
  try {
    await pipeline(body, createWriteStream(path));
  } catch (error) {
    throw new CliError(`download of ${url} failed after ${received} bytes: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (received === 0)
    throw new CliError(`${url} returned an empty file`, { hint: 'check that the URL points at a media file' });
  return contentType === undefined ? { path } : { path, contentType };
}

async function fetchWithYtDlp(
  url: string,
  dir: string,
  env: Record<string, string | undefined>,
): Promise<{ path: string }> {
  const ytDlp = findExecutable('yt-dlp', env);
  if (!ytDlp) throw new CliError(`${YT_DLP_MISSING_MESSAGE} (${url})`, { hint: YT_DLP_MISSING_HINT });
  // Best audio-only stream; converted to WAV when ffmpeg exists (yt-dlp needs it for that).
  const args = ['--no-playlist', '--quiet', '--no-warnings', '-f', 'bestaudio/best', '-o', join(dir, 'audio.%(ext)s')];
  if (findExecutable('ffmpeg', env)) args.push('-x', '--audio-format', 'wav');
  args.push(url);
  const { code, stderr } = await runProgram(ytDlp, args, env);
  if (code !== 0) {
    throw new CliError(`yt-dlp could not fetch ${url} (exit code ${code}): ${stderr || 'no message'}`, {
      hint: 'check the URL; update yt-dlp (`yt-dlp -U`) if YouTube changed',
    });
  }
  const files = (await readdir(dir)).filter((name) => name.startsWith('audio.'));
  if (files.length === 0) throw new CliError(`yt-dlp finished but wrote no audio file for ${url}`);
  return { path: join(dir, files[0]!) };
}

/** Runs a program to completion, capturing stderr (for yt-dlp and ffmpeg). */
export function runProgram(
  path: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path, args, { stdio: ['ignore', 'ignore', 'pipe'], env: env });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      if (stderr.length < 8000) stderr += text;
    });
    child.on('error', (error) => resolve({ code: -1, stderr: error.message }));
    child.on('close', (code) => resolve({ code, stderr: stderr.trim() }));
  });
}
