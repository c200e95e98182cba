/**
 * The pure-TypeScript FLAC decoder: bit-exact against sox (libFLAC) on real dataset files and on
 * files made here with ffmpeg and sox (every compression level, channel assignments, 8/16/24/32
 * bits, 8–96 kHz, odd block sizes, Ogg FLAC), and typed errors for damaged, cut and bad files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { AudioFeaturesError } from '../src/errors.js';
import { decodeAudio } from '../src/decode/index.js';
import { parseFrameHeader, type FlacChannelAssignment } from '../src/decode/flac/frame-header.js';
import { parseFlacHeader } from '../src/decode/flac/stream-info.js';
import { datasetsDir, ffmpegRecipe, makeFixtures, soxChannels, soxRecipe, type FixtureDir } from './audio-fixtures.js';
import { buildFlac, type HandFrame } from './flac-hand-built.js';

/** Largest |a − b|, or Infinity when the lengths differ. */
function maxDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Decodes `file` with our decoder and with sox; expects identical samples. */
async function expectSameAsSox(file: string, expected: { sampleRate: number; channels: number }): Promise<void> {
  const audio = await decodeAudio(readFileSync(file), { fileName: file });
  expect(audio.format).toBe('flac');
  expect(audio.sampleRate).toBe(expected.sampleRate);
  expect(audio.channels).toHaveLength(expected.channels);
  const reference = soxChannels(file, expected.channels);
  for (let c = 0; c < expected.channels; c++) {
    expect(audio.channels[c]!.length).toBe(reference[c]!.length);
    expect(maxDifference(audio.channels[c]!, reference[c]!)).toBe(0);
  }
}

/** Every frame header of a native FLAC file, found by walking the frames (headers are CRC-8 checked). */
function frameHeaders(bytes: Uint8Array) {
  const { framesOffset } = parseFlacHeader(bytes);
  const headers = [];
  for (let p = framesOffset; p < bytes.length - 1; p++) {
    const header = bytes[p] === 0xff ? parseFrameHeader(bytes, p) : undefined;
    if (header) headers.push({ ...header, offset: p });
  }
  return headers;
}

describe('FLAC decoder on dataset files (vs sox)', needs('ravdess', 'tess', 'sox'), () => {
  const files = [
    'ravdess/Actor_03/03-01-02-01-01-01-03.flac',
    'ravdess/Actor_08/03-01-06-02-02-02-08.flac',
    'ravdess/Actor_15/03-01-03-01-02-01-15.flac',
    'ravdess/Actor_19/03-01-07-02-01-02-19.flac',
    'tess/OAF_happy/OAF_back_happy.flac',
    'tess/YAF_fear/YAF_bar_fear.flac',
    'tess/YAF_neutral/YAF_youth_neutral.flac',
  ];
  for (const name of files) {
    it(`${name} equals sox sample for sample`, async () => {
      await expectSameAsSox(path.join(datasetsDir, name), { sampleRate: 16000, channels: 1 });
    });
  }
});

interface GeneratedCase {
  recipe: (f: (name: string) => string) => void;
  sampleRate: number;
  channels: number;
  /** A channel assignment at least one frame must use. */
  assignment?: FlacChannelAssignment;
  /** The block size of the first frame. */
  blockSize?: number;
  /** A 6-bit subframe type the first subframe of at least one frame must have (0x3f: LPC order 32). */
  firstSubframeType?: number;
}

const levels = Array.from({ length: 13 }, (_, level) => level);
const generated: Record<string, GeneratedCase> = {
  ...Object.fromEntries(
    levels.map((level) => [
      `level-${level}.flac`,
      {
        recipe: ffmpegRecipe(
          `level-${level}.flac`,
          ['-c:a', 'flac', '-compression_level', String(level)],
          'stereo.wav',
        ),
        sampleRate: 22050,
        channels: 2,
      },
    ]),
  ),
  ...Object.fromEntries(
    (
      [
        ['left_side', 'left-side'],
        ['right_side', 'side-right'],
        ['mid_side', 'mid-side'],
        ['indep', 'independent'],
      ] as const
    ).map(([mode, assignment]) => [
      `${mode}.flac`,
      {
        recipe: ffmpegRecipe(`${mode}.flac`, ['-ar', '48000', '-c:a', 'flac', '-ch_mode', mode], 'stereo.wav'),
        sampleRate: 48000,
        channels: 2,
        assignment,
      },
    ]),
  ),
  's24-96k.flac': {
    recipe: ffmpegRecipe(
      's24-96k.flac',
      ['-ar', '96000', '-c:a', 'flac', '-sample_fmt', 's32', '-bits_per_raw_sample', '24'],
      'stereo.wav',
    ),
    sampleRate: 96000,
    channels: 2,
  },
  's32.flac': {
    recipe: ffmpegRecipe(
      's32.flac',
      ['-c:a', 'flac', '-sample_fmt', 's32', '-bits_per_raw_sample', '32', '-strict', 'experimental'],
      'stereo.wav',
    ),
    sampleRate: 22050,
    channels: 2,
  },
  'sox-8bit.flac': { recipe: soxRecipe('sox-8bit.flac', ['-b', '8']), sampleRate: 22050, channels: 1 },
  'sox-24bit-44k.flac': {
    recipe: soxRecipe('sox-24bit-44k.flac', ['-b', '24', '-r', '44100'], 'stereo.wav'),
    sampleRate: 44100,
    channels: 2,
  },
  'frame-16.flac': {
    recipe: ffmpegRecipe('frame-16.flac', ['-c:a', 'flac', '-frame_size', '16']),
    sampleRate: 22050,
    channels: 1,
    blockSize: 16,
  },
  'frame-777-8k.flac': {
    recipe: ffmpegRecipe('frame-777-8k.flac', ['-ar', '8000', '-c:a', 'flac', '-frame_size', '777']),
    sampleRate: 8000,
    channels: 1,
    blockSize: 777,
  },
  'frame-1000-44k.flac': {
    recipe: ffmpegRecipe('frame-1000-44k.flac', [
      '-ar',
      '44100',
      '-c:a',
      'flac',
      '-frame_size',
      '1000',
      '-compression_level',
      '12',
    ]),
    sampleRate: 44100,
    channels: 1,
    blockSize: 1000,
  },
  'frame-65535.flac': {
    recipe: ffmpegRecipe('frame-65535.flac', ['-c:a', 'flac', '-frame_size', '65535']),
    sampleRate: 22050,
    channels: 1,
    blockSize: 65535,
  },
  'lpc-32.flac': {
    recipe: ffmpegRecipe('lpc-32.flac', [
      '-c:a',
      'flac',
      '-lpc_type',
      'levinson',
      '-min_prediction_order',
      '32',
      '-max_prediction_order',
      '32',
      '-max_partition_order',
      '8',
    ]),
    sampleRate: 22050,
    channels: 1,
    firstSubframeType: 0x3f,
  },
  'fixed-only.flac': {
    recipe: ffmpegRecipe('fixed-only.flac', ['-ar', '48000', '-c:a', 'flac', '-lpc_type', 'fixed'], 'stereo.wav'),
    sampleRate: 48000,
    channels: 2,
  },
};

describe('FLAC decoder on files made with ffmpeg and sox (vs sox)', needs('espeak-ng', 'sox', 'ffmpeg'), () => {
  let fixtures: FixtureDir;
  beforeAll(() => {
    fixtures = makeFixtures(Object.fromEntries(Object.entries(generated).map(([name, c]) => [name, c.recipe])));
  }, 120_000);
  afterAll(() => fixtures?.cleanup());

  for (const [name, expected] of Object.entries(generated)) {
    it(`${name}: ${expected.channels} ch, ${expected.sampleRate} Hz, equals sox`, async () => {
      const file = fixtures.file(name);
      await expectSameAsSox(file, expected);
      const bytes = new Uint8Array(readFileSync(file));
      const headers = frameHeaders(bytes);
      if (expected.assignment) expect(headers.map((h) => h.channelAssignment)).toContain(expected.assignment);
      if (expected.blockSize) expect(headers[0]!.blockSize).toBe(expected.blockSize);
      if (expected.firstSubframeType !== undefined) {
        expect(headers.map((h) => (bytes[h.offset + h.length]! >> 1) & 0x3f)).toContain(expected.firstSubframeType);
      }
    });
  }

  it('decodes FLAC in Ogg like the native stream made from the same audio', async () => {
    const dir = makeFixtures({
      'speech.oga': ffmpegRecipe('speech.oga', ['-c:a', 'flac', '-f', 'ogg'], 'stereo.wav'),
      'speech.flac': ffmpegRecipe('speech.flac', ['-c:a', 'flac'], 'stereo.wav'),
    });
    try {
      const ogg = await decodeAudio(readFileSync(dir.file('speech.oga')));
      const native = await decodeAudio(readFileSync(dir.file('speech.flac')));
      expect(ogg.format).toBe('flac');
      expect(ogg.channels).toHaveLength(2);
      for (let c = 0; c < 2; c++) expect(maxDifference(ogg.channels[c]!, native.channels[c]!)).toBe(0);
      // Cut at the start of its last page (whole frames, no end-of-stream flag) and in the middle of a page.
      const bytes = new Uint8Array(readFileSync(dir.file('speech.oga')));
      const lastPage = Buffer.from(bytes).lastIndexOf('OggS');
      for (const [cut, message] of [
        [lastPage, /truncated Ogg FLAC stream: the last Ogg page has no end-of-stream flag/],
        [lastPage + 100, /truncated Ogg FLAC stream: the file ends in the middle of an Ogg page/],
      ] as const) {
        const error = await decodeAudio(bytes.subarray(0, cut), { fileName: 'cut.oga' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AudioFeaturesError);
        expect((error as AudioFeaturesError).code).toBe('CORRUPT_AUDIO');
        expect((error as AudioFeaturesError).message).toMatch(message);
      }
    } finally {
      dir.cleanup();
    }
  });
});

describe('FLAC decoder on damaged files', needs('ravdess'), () => {
  const name = 'ravdess/Actor_01/03-01-01-01-01-01-01.flac';
  let original: Uint8Array;
  let info: ReturnType<typeof parseFlacHeader>['info'];
  let framesOffset: number;
  beforeAll(() => {
    original = new Uint8Array(readFileSync(path.join(datasetsDir, name)));
    ({ info, framesOffset } = parseFlacHeader(original));
  });

  async function expectCorrupt(bytes: Uint8Array, message: RegExp): Promise<AudioFeaturesError> {
    const error = await decodeAudio(bytes, { fileName: 'damaged.flac' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AudioFeaturesError);
    const typed = error as AudioFeaturesError;
    expect(typed.code).toBe('CORRUPT_AUDIO');
    expect(typed.file).toBe('damaged.flac');
    expect(typed.message).toMatch(message);
    return typed;
  }

  const modified = (change: (bytes: Uint8Array) => void) => {
    const copy = original.slice();
    change(copy);
    return copy;
  };

  it('the undamaged file decodes to STREAMINFO’s length', async () => {
    const audio = await decodeAudio(original);
    expect(audio.channels[0]!.length).toBe(info.totalSamples);
  });

  it('a flipped byte in the last frame’s CRC-16 → CRC-16 error naming the frame', async () => {
    const frames = frameHeaders(original).length;
    await expectCorrupt(
      modified((b) => (b[b.length - 1]! ^= 0x01)),
      new RegExp(`FLAC frame ${frames - 1} \\(bytes \\d+–${original.length - 1}\\) fails its CRC-16 check`),
    );
  });

  it('a flipped byte inside the audio data → CORRUPT_AUDIO naming a frame', async () => {
    await expectCorrupt(
      modified((b) => (b[Math.floor(b.length / 2)]! ^= 0x10)),
      /FLAC frame \d+|frame \d+\)/,
    );
  });

  it('a flipped byte in a frame header → CRC-8 mismatch at that byte', async () => {
    await expectCorrupt(
      modified((b) => (b[framesOffset + 4]! ^= 0x01)),
      new RegExp(`no valid FLAC frame header at byte ${framesOffset} \\(frame 0\\).*CRC-8`),
    );
  });

  it('a file cut inside a frame → truncation error naming the frame', async () => {
    await expectCorrupt(
      original.slice(0, Math.floor(original.length * 0.7)),
      /truncated FLAC stream: the file ends inside frame \d+ .* of the \d+ STREAMINFO declares/,
    );
  });

  it('a file cut at a frame boundary → fewer samples than STREAMINFO declares', async () => {
    const last = frameHeaders(original).at(-1)!;
    await expectCorrupt(
      original.slice(0, last.offset),
      new RegExp(`truncated FLAC stream: the header declares ${info.totalSamples} samples per channel but only \\d+`),
    );
  });

  it('a file cut inside the metadata → truncated metadata', async () => {
    await expectCorrupt(original.slice(0, 30), /FLAC STREAMINFO block is truncated/);
  });

  it('STREAMINFO with a sample rate of 0 Hz → CORRUPT_AUDIO', async () => {
    // Sample rate: the 20 bits starting at byte 10 of the STREAMINFO body (file offset 18).
    await expectCorrupt(
      modified((b) => {
        b[18] = 0;
        b[19] = 0;
        b[20]! &= 0x0f;
      }),
      /sample rate of 0 Hz/,
    );
  });

  it('STREAMINFO declaring 2 channels for mono frames → the frame disagrees with STREAMINFO', async () => {
    await expectCorrupt(
      modified((b) => (b[20] = (b[20]! & 0xf1) | (1 << 1))),
      /FLAC frame 0 has 1 channels but STREAMINFO declares 2/,
    );
  });

  it('STREAMINFO declaring 2^36 − 1 samples → TOO_LARGE before decoding; without a budget a truncation error, not a huge allocation', async () => {
    const damaged = modified((b) => {
      b[21]! |= 0x0f;
      for (let i = 22; i < 26; i++) b[i] = 0xff;
    });
    await expect(decodeAudio(damaged, { fileName: 'damaged.flac' })).rejects.toMatchObject({
      code: 'TOO_LARGE',
      file: 'damaged.flac',
      message: expect.stringMatching(
        /the FLAC STREAMINFO declares 68 719 476 735 frames .* more than the limit of 172 800 000 samples \(maxDecodedSamples/,
      ),
    });
    const error = await decodeAudio(damaged, { fileName: 'damaged.flac', maxDecodedSamples: Infinity }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'CORRUPT_AUDIO', file: 'damaged.flac' });
    expect((error as Error).message).toMatch(
      /the header declares 68719476735 samples per channel but only \d+ could be decoded/,
    );
  });

  it('a stream without STREAMINFO → CORRUPT_AUDIO', async () => {
    await expectCorrupt(
      modified((b) => (b[4] = (b[4]! & 0x80) | 1)),
      /no STREAMINFO block/,
    );
  });
});

describe('FLAC decoder on hand-built streams (subframe and residual codings encoders rarely emit)', () => {
  const sine = (n: number, amplitude: number, phase = 0) =>
    Array.from({ length: n }, (_, i) => Math.round(amplitude * Math.sin(phase + i / 5)));
  /** A sine whose last 16 samples continue linearly, so a FIXED order-2 residual is exactly 0 there. */
  const sineThenLine = () => {
    const s = sine(64, 500, 1);
    for (let i = 48; i < 64; i++) s[i] = 2 * s[i - 1]! - s[i - 2]!;
    return s;
  };
  const frames: HandFrame[] = [
    { samples: Array(64).fill(-1234), subframe: { kind: 'constant' }, sampleRateCode: 'table' },
    { samples: sine(40, 300).map((v) => v * 8), subframe: { kind: 'verbatim', wasted: 3 }, sampleRateCode: 'khz' },
    {
      samples: sineThenLine(),
      subframe: { kind: 'fixed', order: 2, partitionOrder: 2, rice2: true, escapes: { 1: 12, 3: 0 } },
      sampleRateCode: 'hz',
    },
    {
      samples: sine(64, 2000, 2),
      subframe: {
        kind: 'lpc',
        coefficients: [1004, -512, 0],
        precision: 12,
        shift: 9,
        partitionOrder: 1,
        escapes: { 0: 10 },
      },
      sampleRateCode: 'tens-of-hz',
    },
    {
      samples: sine(100, 700, 3).map((v) => v * 4),
      subframe: { kind: 'fixed', order: 4, partitionOrder: 0, wasted: 2 },
      sampleRateCode: 'streaminfo',
    },
    { samples: sine(17, 30000, 4), subframe: { kind: 'fixed', order: 0, partitionOrder: 0 }, sampleRateCode: 'table' },
  ];
  const bytes = buildFlac(frames);
  const expected = frames.flatMap((f) => f.samples).map((v) => v / 32768);

  it('decodes to exactly the samples the stream was built from', async () => {
    const audio = await decodeAudio(bytes, { fileName: 'hand-built.flac' });
    expect(audio.sampleRate).toBe(16000);
    expect(Array.from(audio.channels[0]!)).toEqual(expected);
  });

  it('sox (libFLAC) accepts the hand-built stream and decodes the same samples', needs('sox'), () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ser-flac-hand-'));
    try {
      const file = path.join(dir, 'hand-built.flac');
      writeFileSync(file, bytes);
      const [reference] = soxChannels(file, 1);
      expect(Array.from(reference!)).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
