import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { decodeAudio } from '../src/decode/index.js';
import { AudioFeaturesError, type AudioErrorCode } from '../src/errors.js';
import { ffmpegRecipe, makeFixtures, soxRecipe, type FixtureDir } from './audio-fixtures.js';

let fixtures: FixtureDir;
let wav: Uint8Array; // a real 16-bit mono WAV with a canonical 44-byte header

beforeAll(() => {
  fixtures = makeFixtures({
    ima: soxRecipe('ima-adpcm.wav', ['-e', 'ima-adpcm']),
    ms: soxRecipe('ms-adpcm.wav', ['-e', 'ms-adpcm']),
    gsm: soxRecipe('gsm.wav', ['-e', 'gsm-full-rate', '-r', '8000']),
    flac: soxRecipe('speech.flac', []),
    aac: ffmpegRecipe('speech.aac', ['-c:a', 'aac', '-f', 'adts']),
    m4a: ffmpegRecipe('speech.m4a', ['-c:a', 'aac']),
    float: soxRecipe('float32.wav', ['-e', 'floating-point', '-b', '32']),
    aifc: soxRecipe('speech.aifc', []),
    mp3: ffmpegRecipe('speech.mp3', ['-c:a', 'libmp3lame', '-b:a', '64k']),
    vorbis: ffmpegRecipe('speech.ogg', ['-c:a', 'libvorbis']),
    opus: ffmpegRecipe('speech.opus', ['-c:a', 'libopus']),
  });
  wav = new Uint8Array(readFileSync(fixtures.file('speech.wav')));
  expect(String.fromCharCode(...wav.subarray(36, 40))).toBe('data');
});
afterAll(() => fixtures?.cleanup());

/** Decodes and returns the typed error (failing if there is none or it is untyped). */
async function decodeError(bytes: Uint8Array | ArrayBuffer, fileName = 'clip.wav'): Promise<AudioFeaturesError> {
  try {
    await decodeAudio(bytes, { fileName });
  } catch (error) {
    expect(error).toBeInstanceOf(AudioFeaturesError);
    return error as AudioFeaturesError;
  }
  throw new Error('expected decodeAudio to throw');
}

async function expectError(bytes: Uint8Array, code: AudioErrorCode, pattern: RegExp, fileName = 'clip.wav') {
  const error = await decodeError(bytes, fileName);
  expect(error.code).toBe(code);
  expect(error.file).toBe(fileName);
  expect(error.message).toContain(fileName);
  expect(error.message).toMatch(pattern);
  return error;
}

/** A copy of `bytes` with a little-endian uint16/uint32 written at `offset`. */
function patched(bytes: Uint8Array, offset: number, value: number, size: 2 | 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (size === 2) view.setUint16(offset, value, true);
  else view.setUint32(offset, value, true);
  return copy;
}

describe('decodeAudio rejects bad input with typed errors naming the file', needs('espeak-ng', 'sox', 'ffmpeg'), () => {
  it('empty bytes → EMPTY_AUDIO', async () => {
    await expectError(new Uint8Array(0), 'EMPTY_AUDIO', /empty \(0 bytes\)/);
  });

  it('random bytes → UNSUPPORTED_FORMAT showing the first bytes and the supported formats', async () => {
    let seed = 12345;
    const random = Uint8Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    random[0] = 0x12; // not 0xFF, so never an accidental MPEG sync
    const error = await expectError(
      random,
      'UNSUPPORTED_FORMAT',
      /unrecognised audio format: the first bytes are 12 /,
      'noise.bin',
    );
    expect(error.message).toMatch(/WAV .*AIFF.*FLAC.*MP3.*Ogg Vorbis.*Ogg Opus/);
  });

  it('a text file → UNSUPPORTED_FORMAT with its bytes as text', async () => {
    await expectError(
      new TextEncoder().encode('hello, not audio'),
      'UNSUPPORTED_FORMAT',
      /\("hello, not a"\)/,
      'notes.wav',
    );
  });

  it('AAC and M4A → UNSUPPORTED_FORMAT saying what they look like', async () => {
    await expectError(readFileSync(fixtures.file('speech.aac')), 'UNSUPPORTED_FORMAT', /ADTS AAC/, 'speech.aac');
    await expectError(readFileSync(fixtures.file('speech.m4a')), 'UNSUPPORTED_FORMAT', /MP4\/M4A/, 'speech.m4a');
  });

  it('a WAV header cut in the middle → CORRUPT_AUDIO', async () => {
    await expectError(
      wav.slice(0, 30),
      'CORRUPT_AUDIO',
      /the file ends 10 bytes into the 16-byte 'fmt ' chunk \(the file is truncated\)/,
    );
    await expectError(
      patched(wav, 16, 12, 4),
      'CORRUPT_AUDIO',
      /the 'fmt ' chunk declares 12 bytes, expected at least 16/,
    );
    await expectError(wav.slice(0, 10), 'CORRUPT_AUDIO', /WAV header is truncated/);
  });

  it('a RIFF/WAVE with no data chunk → CORRUPT_AUDIO listing the chunks found', async () => {
    const noData = patched(wav.slice(0, 36), 4, 28, 4);
    await expectError(noData, 'CORRUPT_AUDIO', /no 'data' chunk in the WAV file \(chunks found: 'fmt '\)/);
  });

  it('a WAV claiming 0 channels or 0 Hz → CORRUPT_AUDIO', async () => {
    await expectError(patched(wav, 22, 0, 2), 'CORRUPT_AUDIO', /claims 0 channels/);
    await expectError(patched(wav, 24, 0, 4), 'CORRUPT_AUDIO', /sample rate of 0 Hz/);
  });

  it('unsupported WAV codecs → UNSUPPORTED_CODEC naming the codec id', async () => {
    await expectError(
      readFileSync(fixtures.file('ima-adpcm.wav')),
      'UNSUPPORTED_CODEC',
      /WAV codec 0x0011 \(IMA ADPCM\) is not supported/,
      'ima-adpcm.wav',
    );
    await expectError(
      readFileSync(fixtures.file('ms-adpcm.wav')),
      'UNSUPPORTED_CODEC',
      /0x0002 \(Microsoft ADPCM\)/,
      'ms-adpcm.wav',
    );
    await expectError(readFileSync(fixtures.file('gsm.wav')), 'UNSUPPORTED_CODEC', /0x0031 \(GSM 6\.10\)/, 'gsm.wav');
    await expectError(patched(wav, 20, 0x1234, 2), 'UNSUPPORTED_CODEC', /0x1234 \(unknown codec\)/);
  });

  it('a WAV data chunk cut short → CORRUPT_AUDIO with expected and found sizes; a partial last frame is tolerated', async () => {
    const declared = new DataView(wav.buffer, wav.byteOffset).getUint32(40, true);
    await expectError(
      wav.slice(0, 44 + 1000),
      'CORRUPT_AUDIO',
      new RegExp(`declares ${declared} bytes of samples but the file holds only 1000`),
    );
    const partial = await decodeAudio(wav.slice(0, wav.length - 1), { fileName: 'partial.wav' });
    expect(partial.channels[0]!.length).toBe(declared / 2 - 1);
  });

  it('a streaming WAV (data size 0xFFFFFFFF) reads to the end of the file', async () => {
    const streaming = await decodeAudio(patched(wav, 40, 0xffffffff, 4));
    expect(streaming.channels[0]!.length).toBe((wav.length - 44) / 2);
  });

  it('a WAV with no samples → EMPTY_AUDIO', async () => {
    await expectError(patched(patched(wav.slice(0, 44), 40, 0, 4), 4, 36, 4), 'EMPTY_AUDIO', /0 samples/);
  });

  it('a float WAV holding NaN → NON_FINITE_AUDIO naming the sample', async () => {
    const copy = new Uint8Array(readFileSync(fixtures.file('float32.wav')));
    // sox writes a 'fact' chunk before 'data': find 'data' and poison sample 10.
    const data = Buffer.from(copy.buffer).indexOf('data');
    new DataView(copy.buffer).setFloat32(data + 8 + 40, Number.NaN, true);
    await expectError(copy, 'NON_FINITE_AUDIO', /sample 10 of channel 0 is NaN/);
  });

  it('an AIFC with an unsupported compression type → UNSUPPORTED_CODEC naming it', async () => {
    const aifc = new Uint8Array(readFileSync(fixtures.file('speech.aifc')));
    const compression = Buffer.from(aifc.buffer).indexOf('NONE');
    expect(compression).toBeGreaterThan(0);
    aifc.set(new TextEncoder().encode('ima4'), compression);
    await expectError(aifc, 'UNSUPPORTED_CODEC', /AIFC compression type 'ima4' is not supported/, 'speech.aifc');
  });

  it('a truncated FLAC → CORRUPT_AUDIO', async () => {
    const flac = new Uint8Array(readFileSync(fixtures.file('speech.flac')));
    await expectError(flac.slice(0, Math.floor(flac.length / 2)), 'CORRUPT_AUDIO', /FLAC/, 'speech.flac');
    await expectError(flac.slice(0, 20), 'CORRUPT_AUDIO', /FLAC .*truncated/, 'speech.flac');
  });

  it('MP3, Ogg Vorbis and Ogg Opus cut in half → CORRUPT_AUDIO "truncated", not partial audio', async () => {
    for (const name of ['speech.mp3', 'speech.ogg', 'speech.opus']) {
      const bytes = new Uint8Array(readFileSync(fixtures.file(name)));
      expect((await decodeAudio(bytes)).channels[0]!.length).toBeGreaterThan(22050); // the whole file is fine
      await expectError(bytes.slice(0, Math.floor(bytes.length / 2)), 'CORRUPT_AUDIO', /truncated/, name);
    }
  });

  it('an Ogg file cut at a page boundary (no end-of-stream page) → CORRUPT_AUDIO', async () => {
    const bytes = new Uint8Array(readFileSync(fixtures.file('speech.opus')));
    const lastPage = Buffer.from(bytes.buffer).lastIndexOf('OggS');
    await expectError(bytes.slice(0, lastPage), 'CORRUPT_AUDIO', /no end-of-stream flag/, 'speech.opus');
  });

  it('input that is not bytes → INVALID_ARGUMENT', async () => {
    const error = await decodeError('speech.wav' as unknown as Uint8Array);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/expects a Uint8Array or ArrayBuffer, got string/);
  });

  it('accepts an ArrayBuffer as well as a Uint8Array', async () => {
    const copy = wav.slice();
    const audio = await decodeAudio(copy.buffer);
    expect(audio.channels[0]!.length).toBe((wav.length - 44) / 2);
  });
});
