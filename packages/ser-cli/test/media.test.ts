import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAudio } from '@ser/audio-features';
import { findPlayer } from '../src/media/player.js';
import { fileNameFromUrl, isHttpUrl, isYouTubeUrl } from '../src/media/urls.js';
import { encodeWav16 } from '../src/media/wav-writer.js';
import { findExecutable } from '@ser/audio-features/node';

const dir = mkdtempSync(join(tmpdir(), 'ser-cli-media-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('urls', () => {
  it('recognises http(s) and YouTube URLs', () => {
    expect(isHttpUrl('https://example.org/a.wav')).toBe(true);
    expect(isHttpUrl('HTTP://example.org')).toBe(true);
    expect(isHttpUrl('ftp://example.org/a.wav')).toBe(false);
    expect(isHttpUrl('a.wav')).toBe(false);
    expect(isYouTubeUrl('https://www.youtube.com/watch?v=abc')).toBe(true);
    expect(isYouTubeUrl('https://youtu.be/abc')).toBe(true);
    expect(isYouTubeUrl('https://m.youtube.com/shorts/abc')).toBe(true);
    expect(isYouTubeUrl('https://notyoutube.com/watch?v=abc')).toBe(false);
    expect(fileNameFromUrl('https://x.org/dir/my%20voice.flac?x=1')).toBe('my_voice.flac');
    expect(fileNameFromUrl('https://x.org/')).toBe('download');
  });
});

describe('encodeWav16', () => {
  it('writes a WAV our decoder reads back (rate, channels, samples within 16-bit precision, clipping)', async () => {
    const left = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 10) * 0.9);
    const right = Float32Array.from({ length: 1000 }, (_, i) => (i === 0 ? 2 : i === 1 ? -2 : Math.cos(i / 7) * 0.5));
    const audio = await decodeAudio(encodeWav16([left, right], 44100));
    expect(audio.format).toBe('wav');
    expect(audio.sampleRate).toBe(44100);
    expect(audio.channels).toHaveLength(2);
    expect(audio.channels[0]!.length).toBe(1000);
    for (let i = 0; i < 1000; i++) expect(Math.abs(audio.channels[0]![i]! - left[i]!)).toBeLessThan(1 / 16384);
    expect(audio.channels[1]![0]).toBeCloseTo(32767 / 32768, 6);
    expect(audio.channels[1]![1]).toBe(-1);
  });

  it('rejects inconsistent input', () => {
    expect(() => encodeWav16([], 16000)).toThrow(/at least one channel/);
    expect(() => encodeWav16([new Float32Array(2), new Float32Array(3)], 16000)).toThrow(/differ in length/);
    expect(() => encodeWav16([new Float32Array(2)], 0)).toThrow(/sample rate/);
  });
});

describe('finding programs', () => {
  it('finds executables on PATH only when they are executable files', () => {
    const bin = join(dir, 'bin');
    const other = join(dir, 'other');
    for (const d of [bin, other]) rmSync(d, { recursive: true, force: true });
    mkdirSync(bin);
    mkdirSync(other);
    writeFileSync(join(bin, 'ffplay'), '#!/bin/sh\n');
    chmodSync(join(bin, 'ffplay'), 0o755);
    writeFileSync(join(other, 'play'), 'not executable');
    const env = { PATH: [other, bin].join(':') };
    expect(findExecutable('ffplay', env)).toBe(join(bin, 'ffplay'));
    expect(findExecutable('play', env)).toBeUndefined();
    expect(findPlayer(env)?.name).toBe('ffplay');
    expect(findPlayer({ PATH: other })).toBeUndefined();
  });
});
