/** Help, version, usage errors and `ser download`, against the built binary. */
import { createServer, type Server } from 'node:http';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, needs } from '@ser/test-support';
import { decodeAudio } from '@ser/audio-features';
import { makeSpeechFiles, type SpeechFiles } from './helpers/make-speech.js';
import { runSer } from './helpers/run-cli.js';

let dir: string;
let speech: SpeechFiles;
let server: Server;
let baseUrl: string;
/** The recordings are made with espeak-ng, sox and ffmpeg (helpers/make-speech.ts). */
const needsSpeechTools = needs('espeak-ng', 'sox', 'ffmpeg');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ser-cli-basics-'));
  if (!needsSpeechTools.skip) speech = makeSpeechFiles(dir);
  server = createServer((request, response) => {
    const routes: Record<string, [string, string]> = {
      '/speech.flac': [speech.flac16k, 'audio/flac'],
      '/speech.wav': [speech.wav48kStereo, 'audio/wav'],
      '/speech.mp3': [speech.mp3, 'audio/mpeg'],
    };
    const route = routes[request.url ?? ''];
    if (request.url === '/page') {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>not audio</body></html>');
    } else if (request.url === '/text.bin') {
      response
        .writeHead(200, { 'content-type': 'application/octet-stream' })
        .end('this is not audio at all, just text');
    } else if (route) {
      const bytes = readFileSync(route[0]);
      response.writeHead(200, { 'content-type': route[1], 'content-length': bytes.length }).end(bytes);
    } else {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** Every command `ser --help` must list, each with its own `--help`. */
const COMMANDS = [
  'analyze',
  'calibrate',
  'evaluate',
  'extract',
  'merge',
  'train',
  'tune',
  'stats',
  'plot-model',
  'download',
  'listen',
];

describe('ser (top level)', () => {
  it('prints help with every command and exits 0', async () => {
    const run = await runSer(['--help']);
    expect(run.code).toBe(0);
    for (const name of COMMANDS) {
      expect(run.stdout).toMatch(new RegExp(`^  ${name}\\s`, 'm'));
    }
  });

  it('prints the version', async () => {
    const run = await runSer(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
    );
  });

  it('runs through the committed bin/ser.js launcher that npm links as `ser`', async () => {
    const { execFileSync } = await import('node:child_process');
    const launcher = new URL('../bin/ser.js', import.meta.url).pathname;
    expect(execFileSync(process.execPath, [launcher, '--version']).toString().trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('treats no command and an unknown command as usage errors (exit 2) listing the commands', async () => {
    const bare = await runSer([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: ser <command>');
    const unknown = await runSer(['analyse-this']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "analyse-this"/);
    expect(unknown.stderr).toMatch(/commands: .*analyze.*download/);
  });

  it('gives every command a --help with examples', async () => {
    for (const name of COMMANDS) {
      const run = await runSer([name, '--help']);
      expect(run.code, name).toBe(0);
      expect(run.stdout, name).toContain(`Usage: ser ${name}`);
      expect(run.stdout, name).toMatch(/Examples:\n {2}\$ ser /);
    }
  });

  it('reports unknown options, missing arguments and bad numbers as usage errors', async () => {
    const unknownOption = await runSer(['download', `${baseUrl}/speech.wav`, '--out', join(dir, 'x.wav'), '--colour']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/Unknown option '--colour'/);
    expect(unknownOption.stderr).toMatch(/ser download --help/);
    const missingOut = await runSer(['download', `${baseUrl}/speech.wav`]);
    expect(missingOut.code).toBe(2);
    expect(missingOut.stderr).toMatch(/--out <file> is required/);
    const sample = join(REPO_ROOT, 'samples/speech-16k.flac'); // usage errors come before any decoding
    const badChunk = await runSer(['analyze', sample, '--chunk', 'two']);
    expect(badChunk.code).toBe(2);
    expect(badChunk.stderr).toMatch(/--chunk expects a number, got "two"/);
    const tinyChunk = await runSer(['analyze', sample, '--chunk', '0.01']);
    expect(tinyChunk.code).toBe(2);
    expect(tinyChunk.stderr).toMatch(/--chunk must be ≥ 0\.25, got 0\.01/);
    const badHop = await runSer(['analyze', sample, '--chunk', '1', '--hop', '3']);
    expect(badHop.code).toBe(2);
    expect(badHop.stderr).toMatch(/--hop \(3\) must not exceed --chunk \(1\)/);
  });
});

describe('ser download', needsSpeechTools, () => {
  it('saves a WAV URL byte for byte', async () => {
    const out = join(dir, 'copy.wav');
    const run = await runSer(['download', `${baseUrl}/speech.wav`, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(out).equals(readFileSync(speech.wav48kStereo))).toBe(true);
  });

  it('decodes a FLAC URL into a 16-bit WAV with the same rate and length', async () => {
    const out = join(dir, 'from-flac.wav');
    const run = await runSer(['download', `${baseUrl}/speech.flac`, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/WAV 16-bit, 16000 Hz, 1 channel/);
    const original = await decodeAudio(new Uint8Array(readFileSync(speech.flac16k)));
    const copy = await decodeAudio(new Uint8Array(readFileSync(out)));
    expect(copy.format).toBe('wav');
    expect(copy.sampleRate).toBe(16000);
    expect(copy.channels[0]!.length).toBe(original.channels[0]!.length);
    let maxDiff = 0;
    for (let i = 0; i < copy.channels[0]!.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs(copy.channels[0]![i]! - original.channels[0]![i]!));
    expect(maxDiff).toBeLessThan(1e-4);
  });

  it('keeps other formats as they are when --out is not .wav', async () => {
    const out = join(dir, 'copy.mp3');
    const run = await runSer(['download', `${baseUrl}/speech.mp3`, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(out).size).toBe(statSync(speech.mp3).size);
  });

  it('fails clearly on a 404, an HTML page and non-audio bytes', async () => {
    const missing = await runSer(['download', `${baseUrl}/nothing.wav`, '--out', join(dir, 'n.wav')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/answered 404/);
    const page = await runSer(['download', `${baseUrl}/page`, '--out', join(dir, 'p.wav')]);
    expect(page.code).toBe(1);
    expect(page.stderr).toMatch(/is a web page \(text\/html\), not a media file/);
    const text = await runSer(['download', `${baseUrl}/text.bin`, '--out', join(dir, 't.wav')], {
      env: { ...process.env, PATH: join(dir, 'no-such-bin') },
    });
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/not audio this tool can decode/);
    expect(text.stderr).toMatch(/install ffmpeg/);
  });

  it('hands YouTube URLs to yt-dlp when it is on PATH (a stand-in script: the real one needs the internet)', async () => {
    // The stand-in behaves like `yt-dlp -o <dir>/audio.%(ext)s … <url>`: it writes the audio where -o says.
    const bin = join(dir, 'fake-yt-dlp-bin');
    mkdirSync(bin, { recursive: true });
    const script = join(bin, 'yt-dlp');
    writeFileSync(
      script,
      `#!/bin/sh\nout=""\nlast=""\nwhile [ $# -gt 0 ]; do if [ "$1" = "-o" ]; then out="$2"; shift; fi; last="$1"; shift; done\n` +
        `echo "$last" > "${join(dir, 'yt-dlp-url.txt')}"\ncp "${speech.flac16k}" "$(echo "$out" | sed 's/%(ext)s/flac/')"\n`,
    );
    chmodSync(script, 0o755);
    const out = join(dir, 'from-youtube.wav');
    const url = 'https://www.youtube.com/watch?v=abc123';
    const run = await runSer(['download', url, '--out', out], {
      env: { ...process.env, PATH: `${bin}:/usr/bin:/bin` },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'yt-dlp-url.txt'), 'utf8').trim()).toBe(url);
    const audio = await decodeAudio(new Uint8Array(readFileSync(out)));
    expect(audio.format).toBe('wav');
    expect(audio.sampleRate).toBe(16000);
  });

  it('says exactly what to install when a YouTube URL is given without yt-dlp', async () => {
    const run = await runSer(['download', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', '--out', join(dir, 'y.wav')], {
      env: { ...process.env, PATH: join(dir, 'no-such-bin') },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/need `yt-dlp`, which is not on PATH/);
    expect(run.stderr).toMatch(/pipx install yt-dlp/);
  });
});
