/**
 * Bad input to the DSP functions: typed AudioFeaturesError with a clear message, never a crash, NaN or
 * silent garbage; silence and too-short signals give librosa's values and warnings.
 */
import { describe, expect, it } from 'vitest';
import { chromaStft } from '../src/dsp/features/chroma-stft.js';
import { AudioFeaturesError, type AudioErrorCode } from '../src/errors.js';
import { estimateTuning } from '../src/dsp/features/estimate-tuning.js';
import { computeFeatures, featureConfig } from '../src/dsp/feature-sets/feature-sets.js';
import { melSpectrogram } from '../src/dsp/features/mel.js';
import { mfcc } from '../src/dsp/features/mfcc.js';
import { powerToDb } from '../src/dsp/core/power-to-db.js';
import { serFeatureVector } from '../src/dsp/features/ser-feature-vector.js';
import { stft } from '../src/dsp/core/stft.js';
import { piptrack } from '../src/dsp/features/piptrack.js';
import { melFilterbank } from '../src/dsp/filters/mel-filterbank.js';
import { chromaFilterbank } from '../src/dsp/filters/chroma-filterbank.js';
import type { Matrix } from '../src/dsp/core/matrix.js';

function expectError(fn: () => unknown, code: AudioErrorCode, fragment: string | RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected ${code}`).toBeInstanceOf(AudioFeaturesError);
  expect((thrown as AudioFeaturesError).code).toBe(code);
  if (typeof fragment === 'string') expect((thrown as Error).message).toContain(fragment);
  else expect((thrown as Error).message).toMatch(fragment);
}

const sr = 22050;
const tone = Float32Array.from({ length: 22050 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / sr));
const withNaN = tone.slice();
withNaN[1234] = NaN;
const withInf = tone.slice();
withInf[7] = -Infinity;

const entryPoints: [string, (y: Float32Array) => unknown][] = [
  ['stft', (y) => stft(y)],
  ['melSpectrogram', (y) => melSpectrogram({ y, sr })],
  ['mfcc', (y) => mfcc({ y, sr })],
  ['chromaStft', (y) => chromaStft({ y, sr })],
  ['estimateTuning', (y) => estimateTuning({ y, sr })],
  ['serFeatureVector', (y) => serFeatureVector(y, { sr })],
  ['computeFeatures(logmel)', (y) => computeFeatures(y, featureConfig('logmel'))],
  ['computeFeatures(mfcc-frames)', (y) => computeFeatures(y, featureConfig('mfcc-frames'))],
];

describe.each(entryPoints)('%s', (_name, run) => {
  it('refuses an empty signal with EMPTY_AUDIO', () => {
    expectError(() => run(new Float32Array(0)), 'EMPTY_AUDIO', 'the audio signal is empty');
  });
  it('refuses NaN and ±Infinity with NON_FINITE_AUDIO naming the index', () => {
    expectError(() => run(withNaN), 'NON_FINITE_AUDIO', 'at index 1234');
    expectError(() => run(withInf), 'NON_FINITE_AUDIO', '(-Infinity) at index 7');
  });
});

describe('parameters', () => {
  it.each([
    ['sr = 0', () => melSpectrogram({ y: tone, sr: 0 }), 'sr must be a finite number > 0'],
    ['sr < 0', () => serFeatureVector(tone, { sr: -22050 }), 'sr must be a finite number > 0'],
    ['sr NaN', () => mfcc({ y: tone, sr: NaN }), 'sr must be a finite number > 0'],
    ['hopLength 0', () => stft(tone, { hopLength: 0 }), 'hopLength must be an integer ≥ 1'],
    ['hopLength 0 (mel)', () => melSpectrogram({ y: tone, hopLength: 0 }), 'hopLength must be an integer ≥ 1'],
    ['nFft 0', () => stft(tone, { nFft: 0 }), 'nFft must be an integer ≥ 1'],
    ['nFft 100.5', () => stft(tone, { nFft: 100.5 }), 'nFft must be an integer ≥ 1'],
    ['winLength > nFft', () => stft(tone, { nFft: 512, winLength: 1024 }), 'winLength=1024 must be ≤ nFft=512'],
    ['unknown window', () => stft(tone, { window: 'kaiser' as never }), "unknown window 'kaiser'"],
    ['unknown padMode', () => stft(tone, { padMode: 'wrap' as never }), "padMode must be 'constant' or 'reflect'"],
    ['nMels 0', () => melSpectrogram({ y: tone, nMels: 0 }), 'nMels must be an integer ≥ 1'],
    ['fmax ≤ fmin', () => melSpectrogram({ y: tone, fmin: 4000, fmax: 2000 }), 'fmax must be a finite number > fmin'],
    ['nMfcc > nMels', () => mfcc({ y: tone, nMels: 20, nMfcc: 40 }), 'nMfcc=40 exceeds the number of mel bands (20)'],
    ['negative lifter', () => mfcc({ y: tone, lifter: -1 }), 'lifter must be a number ≥ 0'],
    ['neither y nor S', () => melSpectrogram({ sr }), 'either y (audio samples) or S (a spectrogram) is required'],
    ['amin ≤ 0', () => powerToDb({ rows: 1, cols: 1, data: new Float32Array(1) }, { amin: 0 }), 'amin must be'],
    ['topDb < 0', () => powerToDb({ rows: 1, cols: 1, data: new Float32Array(1) }, { topDb: -1 }), 'topDb must be'],
    ['resolution ≥ 1', () => estimateTuning({ y: tone, resolution: 1 }), 'resolution must be in (0, 1)'],
    ['non-finite tuning', () => chromaStft({ y: tone, tuning: NaN }), 'tuning must be a finite number'],
  ])('%s → INVALID_ARGUMENT', (_name, fn, fragment) => {
    expectError(fn, 'INVALID_ARGUMENT', fragment);
  });

  it('refuses absurd amplitudes whose power spectrum would overflow float32, instead of returning NaN', () => {
    const huge = tone.map((v) => v * 1e20);
    expectError(() => serFeatureVector(huge, { sr }), 'INVALID_ARGUMENT', 'would overflow float32');
    // The message speaks of the audio, not of an internal variable (it reaches CLI and HTTP users).
    expectError(
      () => serFeatureVector(huge, { sr }),
      'INVALID_ARGUMENT',
      /^the audio signal has samples up to \d\.\d\de\+\d+ in magnitude/,
    );
    const int16Scaled = tone.map((v) => Math.round(v * 32767));
    expect(serFeatureVector(int16Scaled, { sr }).every(Number.isFinite)).toBe(true);
  });

  it('refuses malformed or non-finite spectrogram matrices', () => {
    const wrongLength: Matrix = { rows: 1025, cols: 2, data: new Float32Array(10) };
    expectError(() => melSpectrogram({ S: wrongLength }), 'INVALID_ARGUMENT', 'data.length === rows * cols');
    const nan: Matrix = { rows: 1025, cols: 2, data: new Float32Array(2050) };
    nan.data[2049] = NaN;
    expectError(() => chromaStft({ S: nan }), 'NON_FINITE_AUDIO', 'row 1024, column 1');
    expectError(() => mfcc({ S: { rows: 0, cols: 0, data: new Float32Array(0) } }), 'EMPTY_AUDIO', 'S is empty');
  });
});

describe('signals shorter than nFft', () => {
  it('a centred STFT pads, warns like librosa and gives finite values', () => {
    const warnings: string[] = [];
    const short = tone.subarray(0, 1000);
    const v = serFeatureVector(short, { sr, onWarning: (m) => warnings.push(m) });
    expect(v.every(Number.isFinite)).toBe(true);
    expect(warnings).toContain('n_fft=2048 is too large for input signal of length=1000');
    const one = serFeatureVector(tone.subarray(0, 1), { sr, onWarning: () => {} });
    expect(one.every(Number.isFinite)).toBe(true);
  });
  it('an uncentred STFT refuses, as librosa does', () => {
    expectError(
      () => stft(tone.subarray(0, 1000), { center: false }),
      'INVALID_ARGUMENT',
      'too large for uncentered analysis',
    );
  });
});

describe('silence', () => {
  it("gives librosa's values, never NaN: MFCC c0 = −1131.371, chroma 0, mel 0", () => {
    const warnings: string[] = [];
    const v = serFeatureVector(new Float32Array(22050), { sr, onWarning: (m) => warnings.push(m) });
    expect(v.every(Number.isFinite)).toBe(true);
    expect(v[0]).toBeCloseTo(-1131.371, 3);
    for (let i = 1; i < 180; i++) expect(Math.abs(v[i]!)).toBeLessThan(1e-9);
    expect(warnings).toEqual(['Trying to estimate tuning from empty frequency set.']);
    const logmel = computeFeatures(new Float32Array(16000), featureConfig('logmel'));
    expect(logmel.data.every((x) => x === -100)).toBe(true);
  });
});

describe('functions taking an options object, called from JavaScript without one', () => {
  const y = Float32Array.from({ length: 4096 }, (_, i) => Math.sin(i / 5));
  const calls = {
    mfcc,
    melSpectrogram,
    chromaStft,
    estimateTuning,
    piptrack,
    melFilterbank,
    chromaFilterbank,
  } as Record<string, (options?: unknown) => unknown>;
  for (const [name, fn] of Object.entries(calls)) {
    it(`${name}() and ${name}(samples) say what was expected instead of a TypeError`, () => {
      for (const wrong of [undefined, y, null, 'y']) {
        expect(() => fn(wrong)).toThrow(
          expect.objectContaining({
            code: 'INVALID_ARGUMENT',
            message: expect.stringContaining(`${name} expects an options object such as {`),
          }),
        );
      }
    });
  }
});
