/**
 * Hostile and faulty input (issue #14): forged headers are refused before any allocation, decoding stops at the
 * budget, mono/resampled decoding streams, and corrupt lossy streams give one typed error. Every hostile file is
 * made here, a few hundred bytes each.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { needs } from '@ser/test-support';
import { decodeAudio, DEFAULT_MAX_DECODED_SAMPLES } from '../src/decode/index.js';
import { oggPackets } from '../src/decode/ogg-packets.js';
import { AudioFeaturesError, type AudioErrorCode } from '../src/errors.js';
import { toMono } from '../src/dsp/core/mono.js';
import { resample } from '../src/dsp/core/resample/resample.js';
import { ffmpegRecipe, makeFixtures, type FixtureDir } from './audio-fixtures.js';
import { buildFlac } from './flac-hand-built.js';

/** A canonical PCM (or float, tag 3) WAV: 'RIFF' 'WAVE' 'fmt ' 'data'. */
function wav(options: {
  rate: number;
  channels?: number;
  bits?: number;
  tag?: number;
  data: Uint8Array;
  chunksBeforeData?: Uint8Array;
}): Uint8Array {
  const channels = options.channels ?? 1;
  const bits = options.bits ?? 16;
  const block = (channels * bits) / 8;
  const before = options.chunksBeforeData ?? new Uint8Array(0);
  const out = new Uint8Array(44 + before.length + options.data.length);
  const view = new DataView(out.buffer);
  const ascii = (at: number, text: string) => Array.from(text).forEach((ch, i) => (out[at + i] = ch.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, out.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, options.tag ?? 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, options.rate, true);
  view.setUint32(28, (options.rate * block) >>> 0, true);
  view.setUint16(32, block, true);
  view.setUint16(34, bits, true);
  out.set(before, 36);
  ascii(36 + before.length, 'data');
  view.setUint32(40 + before.length, options.data.length, true);
  out.set(options.data, 44 + before.length);
  return out;
}

/** `frames` frames of 16-bit noise-like samples. */
function pcm16(frames: number, channels = 1): Uint8Array {
  const samples = Int16Array.from({ length: frames * channels }, (_, i) => ((i * 7919) % 20000) - 10000);
  return new Uint8Array(samples.buffer);
}

/** An AIFF with the given COMM fields (80-bit rate written exactly for powers of two and integers < 2^63). */
function aiff(rate: number, channels: number, frames: number): Uint8Array {
  const data = new Uint8Array(frames * channels * 2);
  const out = new Uint8Array(12 + 26 + 16 + data.length);
  const view = new DataView(out.buffer);
  const ascii = (at: number, text: string) => Array.from(text).forEach((ch, i) => (out[at + i] = ch.charCodeAt(0)));
  ascii(0, 'FORM');
  view.setUint32(4, out.length - 8);
  ascii(8, 'AIFF');
  ascii(12, 'COMM');
  view.setUint32(16, 18);
  view.setInt16(20, channels);
  view.setUint32(22, frames);
  view.setInt16(26, 16);
  const exponent = Math.floor(Math.log2(rate));
  view.setUint16(28, 16383 + exponent);
  const mantissa = BigInt(rate) << BigInt(63 - exponent);
  view.setBigUint64(30, mantissa);
  ascii(38, 'SSND');
  view.setUint32(42, 8 + data.length);
  out.set(data, 54);
  return out;
}

/** A small valid FLAC (mono 16 kHz, three constant frames) with STREAMINFO fields overwritten. */
function flac(change: { sampleRate?: number; channels?: number; totalSamples?: number } = {}): Uint8Array {
  const bytes = buildFlac(
    [0, 1, 2].map((k) => ({
      samples: new Array(4096).fill(1000 * (k + 1)),
      subframe: { kind: 'constant' },
      sampleRateCode: 'streaminfo',
    })),
  );
  const r = 18; // STREAMINFO: 4 ('fLaC') + 4 (block header) + 10 bytes of block/frame sizes
  if (change.sampleRate !== undefined) {
    bytes[r] = (change.sampleRate >> 12) & 0xff;
    bytes[r + 1] = (change.sampleRate >> 4) & 0xff;
    bytes[r + 2] = ((change.sampleRate & 0x0f) << 4) | (bytes[r + 2]! & 0x0f);
  }
  if (change.channels !== undefined) bytes[r + 2] = (bytes[r + 2]! & 0xf1) | ((change.channels - 1) << 1);
  if (change.totalSamples !== undefined) {
    const total = change.totalSamples;
    bytes[r + 3] = (bytes[r + 3]! & 0xf0) | Math.floor(total / 2 ** 32);
    new DataView(bytes.buffer).setUint32(r + 4, total % 2 ** 32);
  }
  return bytes;
}

async function decodeError(
  bytes: Uint8Array,
  options: Parameters<typeof decodeAudio>[1] = {},
  fileName = 'hostile.bin',
): Promise<AudioFeaturesError> {
  const error = await decodeAudio(bytes, { fileName, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected decodeAudio to throw').toBeInstanceOf(AudioFeaturesError);
  return error as AudioFeaturesError;
}

async function expectError(
  bytes: Uint8Array,
  code: AudioErrorCode,
  pattern: RegExp,
  options: Parameters<typeof decodeAudio>[1] = {},
) {
  const error = await decodeError(bytes, options);
  expect(error.code).toBe(code);
  expect(error.file).toBe('hostile.bin');
  expect(error.message.startsWith('hostile.bin: ')).toBe(true);
  expect(error.message).toMatch(pattern);
  return error;
}

describe('implausible sample rates and channel counts are refused from the header', () => {
  it('WAV at 1 Hz, 999 Hz, 768 001 Hz and 4 294 967 295 Hz → CORRUPT_AUDIO saying what was expected', async () => {
    for (const rate of [1, 999, 768_001, 0xffffffff]) {
      await expectError(
        wav({ rate, data: pcm16(1000) }),
        'CORRUPT_AUDIO',
        new RegExp(`the WAV header claims a sample rate of ${rate} Hz \\(expected 1000–768000 Hz`),
      );
    }
    for (const rate of [1000, 768_000])
      expect((await decodeAudio(wav({ rate, data: pcm16(10) }))).sampleRate).toBe(rate);
  });

  it('WAV with 257 or 65 535 channels → CORRUPT_AUDIO', async () => {
    for (const channels of [257, 65535]) {
      await expectError(
        wav({ rate: 16000, channels, data: pcm16(4, channels) }),
        'CORRUPT_AUDIO',
        new RegExp(`claims ${channels} channels \\(expected 1–256\\)`),
      );
    }
  });

  it('AIFF at 1 Hz and FLAC at 1 Hz → CORRUPT_AUDIO', async () => {
    await expectError(aiff(1, 1, 100), 'CORRUPT_AUDIO', /the AIFF header claims a sample rate of 1 Hz/);
    expect((await decodeAudio(aiff(16384, 1, 100))).sampleRate).toBe(16384);
    await expectError(flac({ sampleRate: 1 }), 'CORRUPT_AUDIO', /the FLAC STREAMINFO claims a sample rate of 1 Hz/);
    await expectError(flac({ sampleRate: 1_000_000 }), 'CORRUPT_AUDIO', /sample rate of 1000000 Hz/);
  });
});

describe('the decode budget (maxDecodedSamples)', () => {
  it('defaults to three hours of mono 16 kHz audio', () => {
    expect(DEFAULT_MAX_DECODED_SAMPLES).toBe(3 * 3600 * 16000);
  });

  it('a FLAC header declaring 1 h of 8-channel 96 kHz audio is refused at once (a few hundred bytes, no allocation)', async () => {
    const forged = flac({ channels: 8, sampleRate: 96000, totalSamples: 3600 * 96000 });
    expect(forged.length).toBeLessThan(1000);
    const started = performance.now();
    await expectError(
      forged,
      'TOO_LARGE',
      /the FLAC STREAMINFO declares 345 600 000 frames of 8-channel 96000 Hz audio \(1 h 0 min\): decoding 2 764 800 000 samples is more than the limit of 172 800 000 samples \(maxDecodedSamples/,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("counts every channel at the file's rate, also when decoding to mono at another rate", async () => {
    const stereo = wav({ rate: 48000, channels: 2, data: pcm16(1000, 2) });
    await expectError(
      stereo,
      'TOO_LARGE',
      /declares 1 000 frames of 2-channel 48000 Hz audio .* decoding 2 000 samples is more than the limit of 1 999 samples/,
      { maxDecodedSamples: 1999 },
    );
    await expectError(stereo, 'TOO_LARGE', /decoding 2 000 samples/, {
      maxDecodedSamples: 1999,
      mono: true,
      sr: 16000,
    });
    expect((await decodeAudio(stereo, { maxDecodedSamples: 2000 })).channels).toHaveLength(2);
  });

  it('counts the samples returned when they are more (upsampling)', async () => {
    const narrow = wav({ rate: 8000, data: pcm16(1000) });
    await expectError(narrow, 'TOO_LARGE', /decoding 6 000 samples/, { maxDecodedSamples: 5000, sr: 48000 });
    expect((await decodeAudio(narrow, { maxDecodedSamples: 6000, sr: 48000 })).channels[0]).toHaveLength(6000);
  });

  it('a stream that does not declare its length is stopped at the budget', async () => {
    const undeclared = flac({ totalSamples: 0 });
    expect((await decodeAudio(undeclared)).channels[0]).toHaveLength(3 * 4096);
    await expectError(
      undeclared,
      'TOO_LARGE',
      /decoding stopped at the limit of 5 000 samples .* the FLAC stream holds more than/,
      { maxDecodedSamples: 5000 },
    );
  });

  it('refuses a budget that is not a positive integer (Infinity lifts it)', async () => {
    const bytes = wav({ rate: 16000, data: pcm16(10) });
    for (const bad of [0, -1, 1.5, Number.NaN, '100' as unknown as number]) {
      await expectError(bytes, 'INVALID_ARGUMENT', /maxDecodedSamples must be a positive integer or Infinity/, {
        maxDecodedSamples: bad,
      });
    }
    expect((await decodeAudio(bytes, { maxDecodedSamples: Infinity })).channels[0]).toHaveLength(10);
  });
});

describe('truncated headers and chunk layouts', () => {
  it("an AIFF cut inside its 'COMM' chunk says where the file ends, not '18 bytes, expected at least 18'", async () => {
    const error = await expectError(
      aiff(16000, 1, 100).slice(0, 30),
      'CORRUPT_AUDIO',
      /the file ends 10 bytes into the 18-byte AIFF 'COMM' chunk \(30 bytes in all; the file is truncated\)/,
    );
    expect(error.message).not.toMatch(/18 bytes, expected at least 18/);
  });

  it('an odd-sized LIST chunk whose pad byte is missing is read past (the next chunk id is one byte earlier)', async () => {
    const list = (pad: boolean) => {
      const text = 'Lavf58.76.100'; // 13 bytes: LIST payload 'INFO' 'ISFT' <13> text = 25 bytes, odd
      const bytes = new Uint8Array(8 + 25 + (pad ? 1 : 0));
      const view = new DataView(bytes.buffer);
      Array.from(`LIST`).forEach((ch, i) => (bytes[i] = ch.charCodeAt(0)));
      view.setUint32(4, 25, true);
      Array.from(`INFOISFT`).forEach((ch, i) => (bytes[8 + i] = ch.charCodeAt(0)));
      view.setUint32(16, 13, true);
      Array.from(text).forEach((ch, i) => (bytes[20 + i] = ch.charCodeAt(0)));
      return bytes;
    };
    const padded = await decodeAudio(wav({ rate: 16000, data: pcm16(300), chunksBeforeData: list(true) }));
    const unpadded = await decodeAudio(wav({ rate: 16000, data: pcm16(300), chunksBeforeData: list(false) }));
    expect(unpadded.channels[0]).toHaveLength(300);
    expect(unpadded.channels).toEqual(padded.channels);
  });
});

describe('mono and sr: mixing and resampling while decoding', needs('espeak-ng', 'sox', 'ffmpeg'), () => {
  let fixtures: FixtureDir;
  beforeAll(() => {
    fixtures = makeFixtures({
      'stereo96k.flac': ffmpegRecipe('stereo96k.flac', ['-ar', '96000', '-c:a', 'flac'], 'stereo.wav'),
      'stereo.mp3': ffmpegRecipe('stereo.mp3', ['-c:a', 'libmp3lame', '-write_xing', '0'], 'stereo.wav'),
      'speech.opus': ffmpegRecipe('speech.opus', ['-c:a', 'libopus', '-b:a', '32k'], 'speech48k.wav'),
      'stereo.opus': ffmpegRecipe('stereo.opus', ['-c:a', 'libopus', '-b:a', '32k'], 'stereo.wav'),
    });
  });
  afterAll(() => fixtures?.cleanup());

  it('equals resample(toMono(every channel)) exactly, for WAV, FLAC and MP3', async () => {
    for (const name of ['stereo.wav', 'stereo96k.flac', 'stereo.mp3']) {
      const bytes = readFileSync(fixtures.file(name));
      const full = await decodeAudio(bytes);
      expect(full.channels, name).toHaveLength(2);
      const streamed = await decodeAudio(bytes, { mono: true, sr: 16000 });
      expect(streamed.sampleRate).toBe(16000);
      expect(streamed.channels).toHaveLength(1);
      expect(streamed).toMatchObject({ fileSampleRate: full.sampleRate, fileChannels: 2 });
      expect(streamed.channels[0], name).toEqual(resample(toMono(full.channels), full.sampleRate, 16000));
      expect((await decodeAudio(bytes, { mono: true })).channels[0], name).toEqual(toMono(full.channels));
    }
  });

  it('an MP3 without a Xing frame count (length unknown) is stopped at the budget', async () => {
    const bytes = readFileSync(fixtures.file('stereo.mp3'));
    await expectError(
      bytes,
      'TOO_LARGE',
      /decoding stopped at the limit of 20 000 samples .* the MP3 stream holds more than/,
      { maxDecodedSamples: 20000 },
    );
  });

  it('our Ogg demuxer decodes chained Opus streams one after the other, each trimmed to its granule position', async () => {
    const one = readFileSync(fixtures.file('speech.opus'));
    const single = await decodeAudio(one);
    const chained = await decodeAudio(Buffer.concat([one, one]));
    expect(chained.channels[0]).toHaveLength(2 * single.channels[0]!.length);
    expect(chained.channels[0]!.subarray(0, single.channels[0]!.length)).toEqual(single.channels[0]);
    const stereo = await decodeAudio(readFileSync(fixtures.file('stereo.opus')));
    expect(stereo.channels).toHaveLength(2);
    await expectError(
      Buffer.concat([one, readFileSync(fixtures.file('stereo.opus'))]),
      'UNSUPPORTED_CODEC',
      /chained Ogg Opus streams with different channel counts \(1, then 2\)/,
    );
  });

  it('a corrupt Opus stream is one CORRUPT_AUDIO naming the packet, with nothing printed to the console', async () => {
    const bytes = new Uint8Array(readFileSync(fixtures.file('speech.opus')));
    // Make five audio packets invalid: TOC code 3 (a frame count follows) with a count of 0.
    const packets = [...oggPackets(bytes)].slice(5, 10);
    for (const packet of packets) {
      const at = packet.data.byteOffset - bytes.byteOffset;
      bytes[at] = (bytes[at]! & 0xfc) | 0x03;
      bytes[at + 1] = 0;
    }
    const printed = vi.spyOn(console, 'error');
    const warned = vi.spyOn(console, 'warn');
    const written = vi.spyOn(process.stderr, 'write');
    try {
      const error = await expectError(
        bytes,
        'CORRUPT_AUDIO',
        /the Ogg Opus stream is corrupt: packet 5 \(in the page at byte \d+\) cannot be decoded \(libopus -4 OPUS_INVALID_PACKET/,
      );
      expect(error.message.match(/OPUS_INVALID_PACKET/g)).toHaveLength(1);
      expect(printed).not.toHaveBeenCalled();
      expect(warned).not.toHaveBeenCalled();
      expect(written).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
      warned.mockRestore();
      written.mockRestore();
    }
    // The console works again afterwards.
    expect(console.error).not.toBe(undefined);
  });
});

describe('maxSeconds: refuse recordings longer than a duration', () => {
  it('from the declared length, before decoding; while decoding when none is declared', async () => {
    const tenSeconds = wav({ rate: 8000, data: pcm16(80_000) });
    await expectError(
      tenSeconds,
      'TOO_LARGE',
      /the WAV header declares 10 s of audio \(80 000 frames at 8000 Hz\), longer than the limit of 9\.5 s \(maxSeconds\)/,
      { maxSeconds: 9.5 },
    );
    expect((await decodeAudio(tenSeconds, { maxSeconds: 10 })).channels[0]).toHaveLength(80_000);
    const undeclared = flac({ totalSamples: 0 }); // 3 × 4096 frames at 16 kHz = 0.768 s
    await expectError(
      undeclared,
      'TOO_LARGE',
      /decoding stopped: the FLAC stream is longer than the limit of 0\.5 s \(maxSeconds\)/,
      { maxSeconds: 0.5 },
    );
    await expectError(tenSeconds, 'INVALID_ARGUMENT', /maxSeconds must be a number of seconds > 0/, { maxSeconds: 0 });
  });
});
