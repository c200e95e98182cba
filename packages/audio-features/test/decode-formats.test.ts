import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { decodeAudio, type AudioData, type AudioFormat } from '../src/decode/index.js';
import {
  alignedCorrelation,
  bytesRecipe,
  ffmpegMono,
  ffmpegRecipe,
  makeFixtures,
  maxAbsDiff,
  run,
  soxChannels,
  soxRecipe,
  type FixtureDir,
} from './audio-fixtures.js';

/** An ID3v2.3 tag with one TIT2 frame, to put in front of a FLAC stream. */
function id3Tag(title: string): Uint8Array {
  const text = new TextEncoder().encode(title);
  const frame = new Uint8Array(10 + 1 + text.length);
  frame.set([0x54, 0x49, 0x54, 0x32]); // TIT2
  new DataView(frame.buffer).setUint32(4, 1 + text.length);
  frame.set(text, 11);
  const size = frame.length;
  const header = Uint8Array.of(
    0x49,
    0x44,
    0x33,
    3,
    0,
    0,
    (size >> 21) & 0x7f,
    (size >> 14) & 0x7f,
    (size >> 7) & 0x7f,
    size & 0x7f,
  );
  return Uint8Array.from([...header, ...frame]);
}

/** Lossless fixtures: file name → (expected format, sample rate, channels, WAVE format tag at byte 20 when relevant). */
const LOSSLESS: Record<
  string,
  {
    format: AudioFormat;
    sampleRate: number;
    channels: number;
    recipe: (f: (n: string) => string) => void;
    waveTag?: number;
  }
> = {
  'pcm-u8.wav': {
    format: 'wav',
    sampleRate: 22050,
    channels: 1,
    recipe: soxRecipe('pcm-u8.wav', ['-e', 'unsigned-integer', '-b', '8']),
    waveTag: 1,
  },
  'pcm-s16.wav': {
    format: 'wav',
    sampleRate: 22050,
    channels: 1,
    recipe: soxRecipe('pcm-s16.wav', ['-e', 'signed-integer', '-b', '16']),
    waveTag: 1,
  },
  'pcm-s24.wav': {
    format: 'wav',
    sampleRate: 22050,
    channels: 1,
    recipe: ffmpegRecipe('pcm-s24.wav', ['-c:a', 'pcm_s24le', '-rf64', 'never', '-write_bext', '0']),
  },
  'pcm-s32.wav': {
    format: 'wav',
    sampleRate: 22050,
    channels: 1,
    recipe: soxRecipe('pcm-s32.wav', ['-e', 'signed-integer', '-b', '32']),
  },
  'float32.wav': {
    format: 'wav',
    sampleRate: 22050,
    channels: 1,
    recipe: soxRecipe('float32.wav', ['-e', 'floating-point', '-b', '32']),
  },
  'float64.wav': {
    format: 'wav',
    sampleRate: 22050,
    channels: 1,
    recipe: soxRecipe('float64.wav', ['-e', 'floating-point', '-b', '64']),
  },
  'alaw.wav': {
    format: 'wav',
    sampleRate: 22050,
    channels: 1,
    recipe: soxRecipe('alaw.wav', ['-e', 'a-law']),
    waveTag: 6,
  },
  'ulaw.wav': {
    format: 'wav',
    sampleRate: 22050,
    channels: 1,
    recipe: soxRecipe('ulaw.wav', ['-e', 'u-law']),
    waveTag: 7,
  },
  'stereo-s24-extensible.wav': {
    format: 'wav',
    sampleRate: 22050,
    channels: 2,
    waveTag: 0xfffe,
    recipe: ffmpegRecipe('stereo-s24-extensible.wav', ['-c:a', 'pcm_s24le'], 'stereo.wav'),
  },
  'float-48k-rf64.wav': {
    format: 'wav',
    sampleRate: 48000,
    channels: 1,
    recipe: ffmpegRecipe('float-48k-rf64.wav', ['-c:a', 'pcm_f32le', '-rf64', 'always'], 'speech48k.wav'),
  },
  'odd-chunk.wav': {
    // An odd-sized unknown chunk (padded) before 'data' and a LIST chunk after it.
    format: 'wav',
    sampleRate: 22050,
    channels: 1,
    recipe: bytesRecipe('odd-chunk.wav', (f) => withOddChunk(readFileSync(f('speech.wav')))),
  },
  'ffmpeg-piped.wav': {
    // Written to a pipe: RIFF and data sizes are left at 0xFFFFFFFF ("until the end").
    format: 'wav',
    sampleRate: 22050,
    channels: 1,
    recipe: bytesRecipe('ffmpeg-piped.wav', (f) =>
      run('ffmpeg', ['-v', 'error', '-i', f('speech.wav'), '-f', 'wav', '-']),
    ),
  },
  'speech.aiff': { format: 'aiff', sampleRate: 22050, channels: 1, recipe: soxRecipe('speech.aiff', []) },
  'stereo-s24.aiff': {
    format: 'aiff',
    sampleRate: 22050,
    channels: 2,
    recipe: soxRecipe('stereo-s24.aiff', ['-b', '24'], 'stereo.wav'),
  },
  'speech.aifc': { format: 'aiff', sampleRate: 22050, channels: 1, recipe: soxRecipe('speech.aifc', []) },
  'sowt.aifc': {
    format: 'aiff',
    sampleRate: 22050,
    channels: 1,
    recipe: ffmpegRecipe('sowt.aifc', ['-c:a', 'pcm_s16le', '-f', 'aiff']),
  },
  'fl32.aifc': {
    format: 'aiff',
    sampleRate: 22050,
    channels: 1,
    recipe: ffmpegRecipe('fl32.aifc', ['-c:a', 'pcm_f32be', '-f', 'aiff']),
  },
  'fl64.aifc': {
    format: 'aiff',
    sampleRate: 22050,
    channels: 1,
    recipe: ffmpegRecipe('fl64.aifc', ['-c:a', 'pcm_f64be', '-f', 'aiff']),
  },
  'speech.flac': { format: 'flac', sampleRate: 22050, channels: 1, recipe: soxRecipe('speech.flac', []) },
  'ffmpeg-s24-96k.flac': {
    format: 'flac',
    sampleRate: 96000,
    channels: 2,
    recipe: ffmpegRecipe(
      'ffmpeg-s24-96k.flac',
      ['-ar', '96000', '-c:a', 'flac', '-sample_fmt', 's32', '-bits_per_raw_sample', '24', '-compression_level', '12'],
      'stereo.wav',
    ),
  },
  'stereo-24bit.flac': {
    format: 'flac',
    sampleRate: 22050,
    channels: 2,
    recipe: soxRecipe('stereo-24bit.flac', ['-b', '24'], 'stereo.wav'),
  },
};

/** Inserts an odd-sized unknown chunk before 'data' and appends a LIST chunk to a canonical 44-byte-header WAV. */
function withOddChunk(wav: Uint8Array): Uint8Array {
  const fmtEnd = 12 + 8 + new DataView(wav.buffer, wav.byteOffset).getUint32(16, true);
  const junk = Uint8Array.of(0x6a, 0x75, 0x6e, 0x6b, 3, 0, 0, 0, 1, 2, 3, 0); // 'junk', size 3, + pad byte
  const list = Uint8Array.of(0x4c, 0x49, 0x53, 0x54, 4, 0, 0, 0, 0x49, 0x4e, 0x46, 0x4f); // 'LIST' 'INFO'
  const out = new Uint8Array(wav.length + junk.length + list.length);
  out.set(wav.subarray(0, fmtEnd));
  out.set(junk, fmtEnd);
  out.set(wav.subarray(fmtEnd), fmtEnd + junk.length);
  out.set(list, wav.length + junk.length);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out;
}

const LOSSY: Record<string, { format: AudioFormat; recipe: (f: (n: string) => string) => void }> = {
  'speech.mp3': {
    format: 'mp3',
    recipe: ffmpegRecipe('speech.mp3', ['-c:a', 'libmp3lame', '-b:a', '128k'], 'speech48k.wav'),
  },
  'speech.ogg': {
    format: 'ogg-vorbis',
    recipe: ffmpegRecipe('speech.ogg', ['-c:a', 'libvorbis', '-q:a', '5'], 'speech48k.wav'),
  },
  'speech.opus': {
    format: 'ogg-opus',
    recipe: ffmpegRecipe('speech.opus', ['-c:a', 'libopus', '-b:a', '64k'], 'speech48k.wav'),
  },
};

let fixtures: FixtureDir;
const decode = async (name: string): Promise<AudioData> =>
  decodeAudio(readFileSync(fixtures.file(name)), { fileName: name });

beforeAll(() => {
  fixtures = makeFixtures({
    ...Object.fromEntries(Object.entries(LOSSLESS).map(([name, spec]) => [name, spec.recipe])),
    ...Object.fromEntries(Object.entries(LOSSY).map(([name, spec]) => [name, spec.recipe])),
    'speech-flac.oga': ffmpegRecipe('speech-flac.oga', ['-c:a', 'flac', '-f', 'ogg']),
    'id3-speech.flac': bytesRecipe('id3-speech.flac', (f) =>
      Uint8Array.from([...id3Tag('espeak'), ...readFileSync(f('speech.flac'))]),
    ),
  });
});
afterAll(() => fixtures?.cleanup());

describe('decodeAudio on lossless files made with sox/ffmpeg, against sox', needs('espeak-ng', 'sox', 'ffmpeg'), () => {
  for (const [name, spec] of Object.entries(LOSSLESS)) {
    it(`${name}: ${spec.format}, ${spec.channels} ch, max |diff| ≤ 1e-6`, async () => {
      const bytes = readFileSync(fixtures.file(name));
      if (spec.waveTag !== undefined) expect(bytes.readUInt16LE(20)).toBe(spec.waveTag);
      const audio = await decode(name);
      expect(audio.format).toBe(spec.format);
      expect(audio.sampleRate).toBe(spec.sampleRate);
      expect(audio.channels).toHaveLength(spec.channels);
      const reference = soxChannels(fixtures.file(name), spec.channels);
      for (let c = 0; c < spec.channels; c++) {
        expect(audio.channels[c]!.length).toBe(reference[c]!.length);
        expect(audio.channels[c]!.length).toBeGreaterThan(spec.sampleRate); // > 1 s of speech
        expect(maxAbsDiff(audio.channels[c]!, reference[c]!)).toBeLessThanOrEqual(1e-6);
      }
      if (spec.channels === 2) {
        // stereo.wav is speech on the left, −0.5 × speech on the right.
        const [left, right] = audio.channels as [Float32Array, Float32Array];
        const i = left.findIndex((v) => Math.abs(v) > 0.1);
        expect(right[i]! / left[i]!).toBeCloseTo(-0.5, 2);
      }
    });
  }

  it('every bit depth of WAV decodes to the same speech as the 16-bit file', async () => {
    const s16 = (await decode('pcm-s16.wav')).channels[0]!;
    for (const [name, tolerance] of [
      ['pcm-s24.wav', 1e-9],
      ['pcm-s32.wav', 1e-9],
      ['float32.wav', 1e-9],
      ['float64.wav', 1e-9],
      ['pcm-u8.wav', 2 / 128] /* sox dithers to 8 bits */,
    ] as const) {
      const other = (await decode(name)).channels[0]!;
      expect(other.length).toBe(s16.length);
      expect(maxAbsDiff(other, s16), name).toBeLessThanOrEqual(tolerance);
    }
  });

  it('decodes bytes that are a view at an odd offset into a larger buffer (e.g. pooled Node Buffers)', async () => {
    for (const name of ['pcm-s24.wav', 'fl32.aifc', 'speech.flac']) {
      const file = readFileSync(fixtures.file(name));
      const backing = new Uint8Array(file.length + 7);
      backing.set(file, 3);
      const view = backing.subarray(3, 3 + file.length);
      const [direct, offset] = [await decode(name), await decodeAudio(view)];
      expect(maxAbsDiff(offset.channels[0]!, direct.channels[0]!), name).toBe(0);
    }
  });

  it('decodes FLAC in Ogg exactly like the WAV it was made from', async () => {
    const ogg = await decode('speech-flac.oga');
    const wav = await decode('speech.wav');
    expect(ogg.format).toBe('flac');
    expect(ogg.channels[0]!.length).toBe(wav.channels[0]!.length);
    expect(maxAbsDiff(ogg.channels[0]!, wav.channels[0]!)).toBe(0);
  });

  it('finds FLAC behind an ID3v2 tag and decodes it like the untagged file', async () => {
    const tagged = await decode('id3-speech.flac');
    const plain = await decode('speech.flac');
    expect(tagged.format).toBe('flac');
    expect(maxAbsDiff(tagged.channels[0]!, plain.channels[0]!)).toBe(0);
  });
});

describe(
  'decodeAudio on lossy files (MP3, Ogg Vorbis, Ogg Opus) made with ffmpeg',
  needs('espeak-ng', 'sox', 'ffmpeg'),
  () => {
    for (const [name, spec] of Object.entries(LOSSY)) {
      it(`${name}: ${spec.format}, equals ffmpeg's own decoder within 1e-4`, async () => {
        const decoded = (await decode(name)).channels[0]!;
        const reference = ffmpegMono(fixtures.file(name));
        expect(decoded.length).toBe(reference.length);
        const worst = maxAbsDiff(decoded, reference);
        console.log(`${name}: max |ours − ffmpeg| = ${worst.toExponential(2)}`);
        expect(worst).toBeLessThanOrEqual(1e-4);
      });

      it(`${name}: ${spec.format}, 48 kHz, correlates with the source after alignment`, async () => {
        const audio = await decode(name);
        expect(audio.format).toBe(spec.format);
        expect(audio.sampleRate).toBe(48000);
        expect(audio.channels).toHaveLength(1);
        const source = soxChannels(fixtures.file('speech48k.wav'), 1)[0]!;
        const decoded = audio.channels[0]!;
        // Codec delay/padding change the length by at most a few frames.
        expect(Math.abs(decoded.length - source.length)).toBeLessThan(4800);
        const { lag, correlation } = alignedCorrelation(source, decoded, 2400, 24000, 48000);
        const rms = (y: Float32Array) => Math.sqrt(y.reduce((s, v) => s + v * v, 0) / y.length);
        const rmsRatio = rms(decoded) / rms(source);
        console.log(
          `${name}: ${decoded.length} samples (source ${source.length}), lag ${lag}, correlation ${correlation.toFixed(4)}, RMS ratio ${rmsRatio.toFixed(4)}`,
        );
        expect(correlation).toBeGreaterThan(0.97);
        // Lossy codecs drop some high-frequency energy: RMS within 8 %.
        expect(rmsRatio).toBeGreaterThan(0.92);
        expect(rmsRatio).toBeLessThan(1.08);
      });
    }
  },
);
