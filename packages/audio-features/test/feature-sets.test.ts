/** Feature configurations: defaults, validation errors, shapes, and computeFeatures on real speech. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS_DIR, needs } from '@ser/test-support';
import { decodeAudio } from '../src/decode/index.js';
import { AudioFeaturesError } from '../src/errors.js';
import {
  FEATURE_SETS,
  computeFeatures,
  featureConfig,
  featureShape,
  validateFeatureConfig,
} from '../src/dsp/feature-sets/feature-sets.js';
import { melSpectrogram } from '../src/dsp/features/mel.js';
import { mfcc } from '../src/dsp/features/mfcc.js';
import { powerToDb } from '../src/dsp/core/power-to-db.js';
import { serFeatureVector } from '../src/dsp/features/ser-feature-vector.js';
import { loadGolden, loadSignal } from './dsp-golden.js';

const speech = loadSignal('speech'); // 70 667 samples of espeak-ng speech at 22 050 Hz

function expectInvalid(fn: () => unknown, fragment: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AudioFeaturesError);
    expect((e as AudioFeaturesError).code).toBe('INVALID_ARGUMENT');
    expect((e as Error).message).toContain(fragment);
    return;
  }
  throw new Error(`expected an INVALID_ARGUMENT error mentioning ${fragment}`);
}

describe('featureConfig', () => {
  it('fills the documented defaults', () => {
    expect(featureConfig('ser180')).toEqual({
      featureSet: 'ser180',
      sr: 22050,
      nFft: 2048,
      hopLength: 512,
      nMels: 128,
      nMfcc: 40,
    });
    expect(featureConfig('logmel')).toEqual({
      featureSet: 'logmel',
      sr: 16000,
      nFft: 512,
      hopLength: 160,
      nMels: 64,
      fmin: 0,
      fmax: 8000,
      frames: 300,
    });
    expect(featureConfig('mfcc-frames')).toEqual({
      featureSet: 'mfcc-frames',
      sr: 16000,
      nFft: 512,
      hopLength: 160,
      nMels: 64,
      nMfcc: 40,
      frames: 300,
    });
  });

  it('applies overrides (and fmax follows an overridden sr)', () => {
    expect(featureConfig('logmel', { frames: 100 }).frames).toBe(100);
    expect(featureConfig('logmel', { sr: 22050 }).fmax).toBe(11025);
    expect(featureConfig('logmel', { sr: 22050, fmax: 4000 }).fmax).toBe(4000);
  });

  it('refuses an unknown feature set', () => {
    expectInvalid(() => featureConfig('wav2vec' as never), "unknown featureSet 'wav2vec'");
  });
});

describe('validateFeatureConfig', () => {
  it('returns a clean copy of a valid configuration', () => {
    const c = featureConfig('logmel');
    const v = validateFeatureConfig(JSON.parse(JSON.stringify(c)));
    expect(v).toEqual(c);
    expect(v).not.toBe(c);
  });

  it.each([
    [null, 'expected an object'],
    [{ featureSet: 'spectrogram' }, 'unknown featureSet "spectrogram"'],
    [{ ...featureConfig('ser180'), nMfccs: 40 }, "unknown parameter 'nMfccs'"],
    [{ featureSet: 'ser180', sr: 22050, nFft: 2048, hopLength: 512, nMels: 128 }, "missing parameter 'nMfcc'"],
    [{ ...featureConfig('ser180'), hopLength: 0 }, "'hopLength' must be an integer ≥ 1"],
    [{ ...featureConfig('ser180'), sr: -1 }, "'sr' must be a number > 0"],
    [{ ...featureConfig('mfcc-frames'), nMfcc: 80 }, "'nMfcc' (80) must be ≤ nMels (64)"],
    [{ ...featureConfig('logmel'), fmax: 9000 }, "'fmax' must be a number in (fmin, sr/2 = 8000]"],
    [{ ...featureConfig('logmel'), frames: 2.5 }, "'frames' must be an integer ≥ 1"],
  ])('refuses %j', (config, fragment) => {
    expectInvalid(() => validateFeatureConfig(config), fragment);
  });
});

describe('every registered feature set', () => {
  // 1 s of a voiced-like signal (harmonics of a gliding 150–250 Hz pitch) plus a little noise.
  const signal = new Float32Array(16000);
  let seed = 1;
  for (let i = 0, phase = 0; i < signal.length; i++) {
    phase += (2 * Math.PI * (150 + (100 * i) / signal.length)) / 16000;
    seed = (seed * 1103515245 + 12345) % 2147483648;
    signal[i] =
      0.3 * Math.sin(phase) + 0.2 * Math.sin(2 * phase) + 0.1 * Math.sin(3 * phase) + 0.01 * (seed / 2147483648 - 0.5);
  }

  it('are the four documented sets', () => {
    expect(FEATURE_SETS).toEqual(['ser180', 'logmel', 'mfcc-frames', 'stats']);
  });

  it.each(FEATURE_SETS)('%s round-trips: featureConfig → JSON → validateFeatureConfig → computeFeatures', (name) => {
    const config = featureConfig(name);
    expect(config.featureSet).toBe(name);
    const copy = validateFeatureConfig(JSON.parse(JSON.stringify(config)));
    expect(copy).toEqual(config);
    expect(validateFeatureConfig(copy)).toEqual(copy);
    const features = computeFeatures(signal, copy);
    expect(features.shape).toEqual(featureShape(copy));
    expect(features.data.length).toBe(features.shape.reduce((a, b) => a * b, 1));
    expect(features.data.every(Number.isFinite)).toBe(true);
    expect(features.data.some((v) => v !== 0)).toBe(true);
    expect(computeFeatures(signal, config).data).toEqual(features.data);
  });

  it.each(FEATURE_SETS)("%s's validation names an unknown, a missing and a mistyped parameter", (name) => {
    const config = featureConfig(name) as unknown as Record<string, unknown>;
    expectInvalid(
      () => validateFeatureConfig({ ...config, bogus: 1 }),
      `unknown parameter 'bogus' for featureSet '${name}'`,
    );
    for (const key of Object.keys(config).filter((k) => k !== 'featureSet')) {
      const rest = Object.fromEntries(Object.entries(config).filter(([k]) => k !== key));
      expectInvalid(() => validateFeatureConfig(rest), `missing parameter '${key}' for featureSet '${name}'`);
      expectInvalid(() => validateFeatureConfig({ ...config, [key]: 'x' }), `'${key}' must be`);
    }
  });
});

describe('featureShape', () => {
  it('gives the output shape of each set', () => {
    expect(featureShape(featureConfig('ser180'))).toEqual([180]);
    expect(featureShape(featureConfig('ser180', { nMfcc: 20, nMels: 64 }))).toEqual([96]);
    expect(featureShape(featureConfig('logmel'))).toEqual([300, 64]);
    expect(featureShape(featureConfig('mfcc-frames', { frames: 50 }))).toEqual([50, 40]);
  });
});

describe('computeFeatures', needs('golden'), () => {
  it('ser180 is serFeatureVector and matches librosa on speech', () => {
    const t = computeFeatures(speech, featureConfig('ser180'));
    expect(t.shape).toEqual([180]);
    expect(Array.from(t.data)).toEqual(Array.from(serFeatureVector(speech, { sr: 22050 })));
    const golden = loadGolden<{ ser_feature_vector: number[] }>('speech').ser_feature_vector;
    for (let i = 0; i < 40; i++) expect(Math.abs(t.data[i]! - golden[i]!)).toBeLessThan(1e-3);
  });

  const logmel22k = featureConfig('logmel', { sr: 22050 }); // hop 160 → 442 frames for the speech clip
  const reference = powerToDb(
    melSpectrogram({ y: speech, sr: 22050, nFft: 512, hopLength: 160, nMels: 64, fmin: 0, fmax: 11025 }),
  );

  it('logmel centre-crops a long utterance, time-major', () => {
    expect(reference.cols).toBe(442);
    const t = computeFeatures(speech, { ...logmel22k, frames: 300 });
    expect(t.shape).toEqual([300, 64]);
    const start = Math.floor((442 - 300) / 2);
    for (const frame of [0, 1, 150, 299]) {
      for (const band of [0, 10, 63]) {
        expect(t.data[frame * 64 + band]).toBe(reference.data[band * 442 + start + frame]);
      }
    }
  });

  it('logmel zero-pads a short utterance at the end: padded frames are silence (the dB floor)', () => {
    const t = computeFeatures(speech, { ...logmel22k, frames: 500 });
    expect(t.shape).toEqual([500, 64]);
    for (const band of [0, 32, 63]) {
      expect(t.data[0 * 64 + band]).toBe(reference.data[band * 442]);
      expect(t.data[441 * 64 + band]).toBe(reference.data[band * 442 + 441]);
    }
    let min = Infinity;
    for (const v of reference.data) min = Math.min(min, v);
    const floor = t.data[499 * 64];
    expect(floor).toBeCloseTo(min, 4);
    for (let band = 0; band < 64; band++) expect(t.data[499 * 64 + band]).toBe(floor);
    expect(t.data.every(Number.isFinite)).toBe(true);
  });

  it('mfcc-frames equals mfcc() transposed', () => {
    const config = featureConfig('mfcc-frames', { sr: 22050, frames: 442 });
    const t = computeFeatures(speech, config);
    const m = mfcc({ y: speech, sr: 22050, nFft: 512, hopLength: 160, nMels: 64, nMfcc: 40 });
    expect(t.shape).toEqual([442, 40]);
    for (const frame of [0, 200, 441]) {
      for (const k of [0, 1, 39]) expect(t.data[frame * 40 + k]).toBe(m.data[k * 442 + frame]);
    }
  });

  it('computes the default logmel of a real RAVDESS recording (16 kHz FLAC)', needs('ravdess'), async () => {
    const file = path.join(DATASETS_DIR, 'ravdess/Actor_01/03-01-05-01-01-01-01.flac');
    const audio = await decodeAudio(readFileSync(file), { fileName: file });
    expect(audio.sampleRate).toBe(16000);
    const t = computeFeatures(audio.channels[0]!, featureConfig('logmel'));
    expect(t.shape).toEqual([300, 64]);
    expect(t.data.length).toBe(300 * 64);
    expect(t.data.every(Number.isFinite)).toBe(true);
    // Speech has loud and quiet parts: a real dynamic range, within topDb = 80.
    let min = Infinity,
      max = -Infinity;
    for (const v of t.data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(max - min).toBeGreaterThan(30);
    expect(max - min).toBeLessThanOrEqual(80 + 1e-3);
  });

  it("normalize 'cmvn' gives every band mean 0 and std 1 over the frames, and is the plain features standardised per band", () => {
    const plain = computeFeatures(speech, { ...logmel22k, frames: 300 });
    const normalized = computeFeatures(speech, { ...logmel22k, frames: 300, normalize: 'cmvn' });
    expect(normalized.shape).toEqual([300, 64]);
    for (const band of [0, 20, 63]) {
      let mean = 0;
      let sq = 0;
      for (let t = 0; t < 300; t++) mean += plain.data[t * 64 + band]! / 300;
      for (let t = 0; t < 300; t++) sq += (plain.data[t * 64 + band]! - mean) ** 2 / 300;
      const std = Math.sqrt(sq);
      let m2 = 0;
      let s2 = 0;
      for (let t = 0; t < 300; t++) {
        const v = normalized.data[t * 64 + band]!;
        expect(v).toBeCloseTo((plain.data[t * 64 + band]! - mean) / (std + 1e-5), 4);
        m2 += v / 300;
        s2 += (v * v) / 300;
      }
      expect(Math.abs(m2)).toBeLessThan(1e-5);
      expect(Math.sqrt(s2)).toBeCloseTo(1, 4);
    }
    const mfccs = computeFeatures(speech, featureConfig('mfcc-frames', { sr: 22050, normalize: 'cmvn' }));
    expect(mfccs.data.every(Number.isFinite)).toBe(true);
  });

  it("keeps 'normalize' only when it does something, and refuses unknown values and other sets", () => {
    expect(featureConfig('logmel', { normalize: 'none' })).toEqual(featureConfig('logmel'));
    expect(featureConfig('logmel', { normalize: 'cmvn' }).normalize).toBe('cmvn');
    expectInvalid(
      () => featureConfig('logmel', { normalize: 'zscore' as never }),
      "'normalize' must be one of none, cmvn",
    );
    expectInvalid(
      () => validateFeatureConfig({ ...featureConfig('stats'), normalize: 'cmvn' }),
      "unknown parameter 'normalize'",
    );
  });

  it("padMode 'wrap' repeats a short recording's own frames instead of padding with silence", () => {
    const short = speech.subarray(0, 11025); // 0.5 s: 1 + floor(11025 / 160) = 69 frames
    const { sr, nFft, hopLength, nMels, fmin, fmax } = logmel22k;
    const own = powerToDb(melSpectrogram({ y: short, sr, nFft, hopLength, nMels, fmin, fmax }), {
      ref: 1,
      amin: 1e-10,
      topDb: 80,
    });
    const wrapped = computeFeatures(short, { ...logmel22k, frames: 150, padMode: 'wrap' });
    expect(wrapped.shape).toEqual([150, 64]);
    expect(own.cols).toBe(69);
    for (const t of [0, 68, 69, 137, 149]) {
      for (const band of [0, 31, 63]) {
        expect(wrapped.data[t * 64 + band]).toBeCloseTo(own.data[band * 69 + (t % 69)]!, 4);
      }
    }
    // Zero padding instead fills the last frames with the topDb floor of silence (max − 80 dB).
    const padded = computeFeatures(short, { ...logmel22k, frames: 150 });
    const floor = Math.max(...own.data) - 80;
    for (const band of [0, 31, 63]) expect(padded.data[149 * 64 + band]).toBeCloseTo(floor, 3);
    expect(wrapped.data[149 * 64 + 31]).toBeGreaterThan(floor + 10);
    // With CMVN, the recording once and twice over have the same normalised frames.
    const once = computeFeatures(short, { ...logmel22k, frames: 69, padMode: 'wrap', normalize: 'cmvn' });
    const twice = computeFeatures(short, { ...logmel22k, frames: 138, padMode: 'wrap', normalize: 'cmvn' });
    for (let i = 0; i < 69 * 64; i++) expect(twice.data[i]).toBeCloseTo(once.data[i]!, 3);
    // Longer recordings are centre-cropped in both modes, identically.
    const long = { ...logmel22k, frames: 50 };
    expect(computeFeatures(speech, { ...long, padMode: 'wrap' }).data).toEqual(computeFeatures(speech, long).data);
    // Shorter than one FFT window: the samples themselves wrap; finite features, no error.
    const tiny = computeFeatures(
      speech.subarray(10000, 10500),
      featureConfig('mfcc-frames', { sr: 22050, padMode: 'wrap' }),
    );
    expect(tiny.data.every(Number.isFinite)).toBe(true);
  });

  it("keeps 'padMode' only when it is not the default, and refuses unknown values", () => {
    expect(featureConfig('logmel', { padMode: 'constant' })).toEqual(featureConfig('logmel'));
    expect(featureConfig('mfcc-frames', { padMode: 'wrap' }).padMode).toBe('wrap');
    expectInvalid(
      () => featureConfig('logmel', { padMode: 'reflect' as never }),
      "'padMode' must be one of constant, wrap",
    );
    expectInvalid(
      () => validateFeatureConfig({ ...featureConfig('ser180'), padMode: 'wrap' }),
      "unknown parameter 'padMode'",
    );
  });

  it('refuses an invalid configuration before computing', () => {
    expectInvalid(() => computeFeatures(speech, { featureSet: 'logmel' } as never), "missing parameter 'sr'");
  });
});
