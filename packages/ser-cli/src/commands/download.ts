/** `ser download <url> --out file.wav`: fetch a media URL (or a YouTube page via yt-dlp) to a file. */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { defineCommand } from '../command.js';
import { text } from '../options.js';
import { progressOption } from '../shared-options.js';
import { loadAudioFeatures } from '../deps.js';
import { UsageError } from '../errors.js';
import { fetchMedia } from '../media/fetch-url.js';
import { decodeBytes } from '../media/load-media.js';
import { isHttpUrl } from '../media/urls.js';
import { encodeWav16 } from '../media/wav-writer.js';
import { formatDuration } from '../ui/format.js';
import { ProgressReporter, chooseProgressMode } from '../ui/progress.js';

export const downloadCommand = defineCommand({
  name: 'download',
  summary: 'download a media URL to a file (WAV output is decoded and re-encoded as 16-bit PCM)',
  usage: 'download <url> --out <file> [options]',
  description:
    'Direct http(s) links to audio are downloaded as they are; when --out ends in .wav, any other format is decoded ' +
    '(with ffmpeg when installed, else the built-in FLAC/MP3/Ogg/AIFF decoders) and written as 16-bit PCM WAV at ' +
    'its native rate and channel count. YouTube page URLs need yt-dlp on PATH.',
  options: {
    out: text({ short: 'o', valueName: 'file', description: 'where to write the file', required: true }),
    progress: progressOption(),
  },
  positionals: { min: 1, max: 1, name: '<url>' },
  examples: [
    'ser download https://example.org/voice.flac --out voice.wav',
    'ser download https://example.org/talk.mp3 --out talk.mp3',
    'ser download "https://www.youtube.com/watch?v=…" --out clip.wav   # needs yt-dlp',
  ],
  async run({ positionals, options, io }) {
    const url = positionals[0]!;
    if (!isHttpUrl(url))
      throw new UsageError(`ser download: "${url}" is not an http(s) URL`, {
        hint: 'for a local file, use it directly',
      });
    const out = resolve(io.cwd, options.out);
    const progress = new ProgressReporter({
      stream: io.stderr,
      mode: chooseProgressMode(io.stderr, options.progress),
      label: 'downloading',
      delayMs: 500,
    });
    const fetched = await fetchMedia(url, {
      env: io.env,
      onProgress: (received, total) => {
        if (total !== undefined) progress.setTotal(total);
        progress.update(received);
      },
    });
    try {
      progress.finish();
      await mkdir(dirname(out), { recursive: true });
      const bytes = new Uint8Array(await readFile(fetched.path));
      const { detectAudioFormat } = await loadAudioFeatures();
      const format = detectAudioFormat(bytes);
      if (extname(out).toLowerCase() !== '.wav' || format === 'wav') {
        await copyFile(fetched.path, out);
        io.stdout.write(`saved ${out} (${bytes.length} bytes${format ? `, ${format}` : ''})\n`);
        return 0;
      }
      const audio = await decodeBytes(bytes, url, io.env, { preferFfmpeg: true });
      await writeFile(out, encodeWav16(audio.channels, audio.sampleRate));
      io.stdout.write(
        `saved ${out} (WAV 16-bit, ${audio.sampleRate} Hz, ${audio.channels.length} channel(s), ${formatDuration(audio.duration)}, decoded by ${audio.decodedBy})\n`,
      );
      return 0;
    } finally {
      progress.abort();
      await fetched.cleanup();
    }
  },
});
