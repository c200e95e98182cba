import { execFileSync } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { AudioFeaturesError, type AudioErrorCode } from '../src/errors.js';
import { decodeAudio } from '../src/decode/index.js';
import { toMono } from '../src/dsp/core/mono.js';
import { resample } from '../src/dsp/core/resample/resample.js';
import { loadAudio, readAudioBytes, readAudioFile } from '../src/node.js';
import { datasetsDir, originalsDir } from './audio-fixtures.js';

const stereo48k = path.join(originalsDir, 'ravdess/Actor_05/03-01-02-01-02-02-05.wav');
const aiffNamedWav = path.join(originalsDir, 'tess/YAF_angry/YAF_germ_angry.wav');
const flac16k = path.join(datasetsDir, 'ravdess/Actor_01/03-01-01-01-01-01-01.flac');

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'ser-load-audio-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('loadAudio (like librosa.load)', needs('ravdess', 'originals'), () => {
  it('defaults to 22 050 Hz mono: decode → average channels → polyphase resample', async () => {
    const loaded = await loadAudio(stereo48k);
    const native = await decodeAudio(readFileSync(stereo48k));
    const expected = resample(toMono(native.channels), 48000, 22050, { method: 'polyphase' });
    expect(loaded.sampleRate).toBe(22050);
    expect(loaded.format).toBe('wav');
    expect(loaded.samples.length).toBe(Math.ceil((native.channels[0]!.length * 22050) / 48000));
    expect(loaded.samples).toEqual(expected);
    expect(loaded.channels).toEqual([loaded.samples]);
    expect(loaded.duration).toBeCloseTo(native.channels[0]!.length / 48000, 3);
  });

  it('sr: null keeps the native rate and samples', async () => {
    const loaded = await loadAudio(aiffNamedWav, { sr: null });
    const native = await readAudioFile(aiffNamedWav);
    expect(loaded.format).toBe('aiff');
    expect(loaded.sampleRate).toBe(24414);
    expect(loaded.samples).toEqual(native.channels[0]);
  });

  it('mono: false keeps every channel (each resampled); samples is still the mono mix', async () => {
    const loaded = await loadAudio(stereo48k, { sr: 16000, mono: false });
    expect(loaded.channels).toHaveLength(2);
    expect(loaded.channels[0]!.length).toBe(loaded.samples.length);
    const remixed = toMono(loaded.channels);
    let worst = 0;
    for (let i = 0; i < remixed.length; i++) worst = Math.max(worst, Math.abs(remixed[i]! - loaded.samples[i]!));
    expect(worst).toBeLessThan(1e-6);
  });

  it('upsamples a 16 kHz FLAC to 22 050 Hz', async () => {
    const loaded = await loadAudio(flac16k);
    const native = await readAudioFile(flac16k);
    expect(native.sampleRate).toBe(16000);
    expect(loaded.samples.length).toBe(Math.ceil(native.channels[0]!.length * (22050 / 16000)));
    expect(loaded.samples.every(Number.isFinite)).toBe(true);
  });
});

describe(
  'loadAudio offset and duration (librosa: frames ⌊offset·sr⌋ … +⌊duration·sr⌋ at the native rate)',
  needs('ravdess', 'originals'),
  () => {
    it('reads the requested span before resampling', async () => {
      const native = (await readAudioFile(stereo48k)).channels.map((c) => c.slice());
      const start = Math.trunc(0.7 * 48000);
      const frames = Math.trunc(1.25 * 48000);
      const span = await loadAudio(stereo48k, { sr: null, offset: 0.7, duration: 1.25 });
      expect(span.samples).toEqual(toMono(native.map((c) => c.slice(start, start + frames))));
      const resampled = await loadAudio(stereo48k, { offset: 0.7, duration: 1.25 });
      expect(resampled.samples.length).toBe(Math.ceil(frames * (22050 / 48000)));
      const tail = await loadAudio(stereo48k, { sr: null, offset: 4 });
      expect(tail.samples.length).toBe(native[0]!.length - 4 * 48000);
    });

    it('rejects a span past the end and bad values, naming the file', async () => {
      await expect(loadAudio(stereo48k, { offset: 60 })).rejects.toMatchObject({
        code: 'EMPTY_AUDIO',
        file: stereo48k,
      });
      await expect(loadAudio(stereo48k, { offset: -1 })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        file: stereo48k,
      });
      await expect(loadAudio(stereo48k, { duration: 0 })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        file: stereo48k,
      });
    });
  },
);

describe('loadAudio errors name the file', () => {
  async function loadError(file: string, options?: Parameters<typeof loadAudio>[1]): Promise<AudioFeaturesError> {
    try {
      await loadAudio(file, options);
    } catch (error) {
      expect(error).toBeInstanceOf(AudioFeaturesError);
      return error as AudioFeaturesError;
    }
    throw new Error(`expected loadAudio(${file}) to throw`);
  }
  const expectLoadError = async (
    file: string,
    code: AudioErrorCode,
    pattern: RegExp,
    options?: Parameters<typeof loadAudio>[1],
  ) => {
    const error = await loadError(file, options);
    expect(error.code).toBe(code);
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(pattern);
  };

  it('missing file → NOT_FOUND "file not found"', async () => {
    await expectLoadError(path.join(scratch, 'nope.wav'), 'NOT_FOUND', /file not found/);
  });

  it('a directory → FILE_NOT_READABLE "is a directory"', async () => {
    await expectLoadError(scratch, 'FILE_NOT_READABLE', /is a directory, expected an audio file/);
  });

  it('an empty file → EMPTY_AUDIO', async () => {
    const empty = path.join(scratch, 'empty.wav');
    writeFileSync(empty, '');
    await expectLoadError(empty, 'EMPTY_AUDIO', /empty \(0 bytes\)/);
  });

  it('an undecodable file → UNSUPPORTED_FORMAT', async () => {
    const text = path.join(scratch, 'readme.wav');
    writeFileSync(text, 'this is not audio');
    await expectLoadError(text, 'UNSUPPORTED_FORMAT', /unrecognised audio format/);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file → FILE_NOT_READABLE "permission denied"', async () => {
    const locked = path.join(scratch, 'locked.wav');
    writeFileSync(locked, readFileSync(aiffNamedWav));
    chmodSync(locked, 0o000);
    await expectLoadError(locked, 'FILE_NOT_READABLE', /permission denied/);
  });

  it('a bad sr → INVALID_ARGUMENT', async () => {
    await expectLoadError(aiffNamedWav, 'INVALID_ARGUMENT', /sr must be a positive integer/, { sr: 0 });
    await expectLoadError(aiffNamedWav, 'INVALID_ARGUMENT', /sr must be a positive integer/, { sr: 22050.5 });
  });
});

describe('reading is bounded: maxFileBytes, devices and pipes, maxDecodedSamples', () => {
  it(
    'a regular file over maxFileBytes → TOO_LARGE naming its size, before reading it',
    needs('originals'),
    async () => {
      const size = readFileSync(stereo48k).length;
      await expect(loadAudio(stereo48k, { maxFileBytes: 1000 })).rejects.toMatchObject({
        code: 'TOO_LARGE',
        file: stereo48k,
        message: expect.stringMatching(
          new RegExp(
            `the file is ${size.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} bytes, more than the limit of 1 000 bytes \\(maxFileBytes\\)`,
          ),
        ),
      });
      await expect(readAudioBytes(stereo48k, { maxFileBytes: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    },
  );

  it('/dev/zero is refused after its first 64 KiB (not read forever), naming it', async () => {
    const started = performance.now();
    await expect(loadAudio('/dev/zero')).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      file: '/dev/zero',
      message: expect.stringMatching(/^\/dev\/zero: unrecognised audio format: the first bytes are 00 00/),
    });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it.skipIf(process.platform === 'win32')(
    'a FIFO is read like a file, and cut off at maxFileBytes',
    needs('ravdess'),
    async () => {
      const fifo = path.join(scratch, 'audio.fifo');
      execFileSync('mkfifo', [fifo]);
      const bytes = readFileSync(flac16k);
      const feed = () => {
        const writer = createWriteStream(fifo);
        writer.on('error', () => {}); // EPIPE once the reader gives up
        writer.end(bytes);
      };
      feed();
      const loaded = await loadAudio(fifo, { sr: null });
      expect(loaded.samples).toEqual((await loadAudio(flac16k, { sr: null })).samples);
      feed();
      await expect(loadAudio(fifo, { maxFileBytes: 10_000 })).rejects.toMatchObject({
        code: 'TOO_LARGE',
        file: fifo,
        message: expect.stringMatching(/the device or pipe delivered more than 10 000 bytes/),
      });
    },
  );

  it('maxDecodedSamples reaches the decoder; mono at the target rate is what is held', needs('originals'), async () => {
    // 48 kHz stereo: 4.24 s = 2 × 203 403 decoded samples.
    await expect(loadAudio(stereo48k, { maxDecodedSamples: 100_000 })).rejects.toMatchObject({
      code: 'TOO_LARGE',
      file: stereo48k,
    });
    const loaded = await loadAudio(stereo48k, { sr: 16000, maxDecodedSamples: 406_806 });
    expect(loaded.channels).toHaveLength(1);
    expect(loaded.sampleRate).toBe(16000);
  });
});
