import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS_DIR, needs } from '@ser/test-support';
import { loadAudio } from '@ser/audio-features/node';
import {
  addNoise,
  applyGain,
  augmentWaveform,
  randomCrop,
  specAugment,
  speedPerturb,
  timeShift,
} from '../src/augment/index.js';
import { createRandom } from '../src/random.js';
import { ModelError } from '../src/errors.js';

const ravdessFile = path.join(DATASETS_DIR, 'ravdess/Actor_17/03-01-05-01-01-01-17.flac');

const power = (y: Float32Array) => y.reduce((a, v) => a + v * v, 0) / y.length;

describe('waveform augmentation', () => {
  it('addNoise reaches the requested SNR on real speech and is seeded', needs('ravdess'), async () => {
    const { samples } = await loadAudio(ravdessFile, { sr: 16000 });
    const noisy = addNoise(samples, { snrDb: 10, random: createRandom(3) });
    const noise = noisy.map((v, i) => v - samples[i]!);
    const snr = 10 * Math.log10(power(samples) / power(noise));
    expect(snr).toBeGreaterThan(9.8);
    expect(snr).toBeLessThan(10.2);
    expect(addNoise(samples, { snrDb: 10, random: createRandom(3) })).toEqual(noisy);
    expect(addNoise(samples, { snrDb: 10, random: createRandom(4) })).not.toEqual(noisy);
    expect(Array.from(addNoise(new Float32Array(8), { snrDb: 0, random: createRandom(1) }))).toEqual(
      new Array(8).fill(0),
    );
  });

  it('applyGain scales amplitude by 10^(dB/20)', () => {
    const y = applyGain(new Float32Array([0.5, -0.25]), 6.0206);
    expect(y[0]).toBeCloseTo(1, 4);
    expect(y[1]).toBeCloseTo(-0.5, 4);
  });

  it('timeShift delays and advances with zero fill, keeping the length', () => {
    const y = new Float32Array([1, 2, 3, 4]);
    expect(Array.from(timeShift(y, 1))).toEqual([0, 1, 2, 3]);
    expect(Array.from(timeShift(y, -2))).toEqual([3, 4, 0, 0]);
    expect(Array.from(timeShift(y, 9))).toEqual([0, 0, 0, 0]);
    expect(() => timeShift(y, 0.5)).toThrow(ModelError);
  });

  it('speedPerturb changes duration and pitch by the rate', () => {
    const sr = 16000;
    const tone = Float32Array.from({ length: sr }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / sr));
    const fast = speedPerturb(tone, { sampleRate: sr, rate: 1.1 });
    expect(fast.length).toBeGreaterThan(sr / 1.1 - 2);
    expect(fast.length).toBeLessThan(sr / 1.1 + 2);
    // zero crossings per second scale with the rate: 440 Hz → 484 Hz
    let crossings = 0;
    for (let i = 1000; i < fast.length - 1000; i++) if (fast[i - 1]! < 0 && fast[i]! >= 0) crossings++;
    const hz = crossings / ((fast.length - 2000) / sr);
    expect(hz).toBeGreaterThan(480);
    expect(hz).toBeLessThan(488);
    expect(() => speedPerturb(tone, { sampleRate: sr, rate: 3 })).toThrow(/rate/);
  });

  it('randomCrop returns a window of the signal', () => {
    const y = Float32Array.from({ length: 100 }, (_, i) => i);
    const c = randomCrop(y, 10, createRandom(1));
    expect(c.length).toBe(10);
    expect(c[9]! - c[0]!).toBe(9);
    expect(randomCrop(y, 200, createRandom(1)).length).toBe(100);
  });

  it('augmentWaveform is reproducible and reports what it drew', needs('ravdess'), async () => {
    const { samples } = await loadAudio(ravdessFile, { sr: 16000 });
    const options = {
      sampleRate: 16000,
      speedRange: [0.9, 1.1] as [number, number],
      speedProbability: 1,
      gainDbRange: [-6, 6] as [number, number],
      maxShiftSeconds: 0.2,
      snrDbRange: [10, 30] as [number, number],
      noiseProbability: 1,
    };
    const a = augmentWaveform(samples, { ...options, random: createRandom(7) });
    const b = augmentWaveform(samples, { ...options, random: createRandom(7) });
    expect(a.y).toEqual(b.y);
    expect(a.applied.speed).toBeGreaterThanOrEqual(0.9);
    expect(a.applied.speed).toBeLessThanOrEqual(1.1);
    expect(Math.abs(a.y.length - samples.length / a.applied.speed!)).toBeLessThan(3);
    expect(a.applied.snrDb).toBeDefined();
    expect(() => augmentWaveform(new Float32Array(0), { ...options, random: createRandom(1) })).toThrow(/empty/);
    expect(() => augmentWaveform(new Float32Array([0, NaN]), { ...options, random: createRandom(1) })).toThrow(
      /not finite/,
    );
  });
});

describe('specAugment', () => {
  it('masks whole frames and whole bins with the fill value', () => {
    const frames = 50;
    const bins = 20;
    const x = Float32Array.from({ length: frames * bins }, (_, i) => 1 + i);
    const out = specAugment(x, [frames, bins], {
      timeMasks: 1,
      maxTimeWidth: 5,
      freqMasks: 1,
      maxFreqWidth: 4,
      fillValue: -1,
      random: createRandom(5),
    });
    const maskedFrames = Array.from({ length: frames }, (_, t) =>
      out.subarray(t * bins, (t + 1) * bins).every((v) => v === -1),
    ).filter(Boolean).length;
    const maskedBins = Array.from({ length: bins }, (_, f) =>
      Array.from({ length: frames }, (_, t) => out[t * bins + f]).every((v) => v === -1),
    ).filter(Boolean).length;
    expect(maskedFrames).toBeLessThanOrEqual(5);
    expect(maskedBins).toBeLessThanOrEqual(4);
    const changed = out.filter((v, i) => v !== x[i]).length;
    expect(changed).toBe(out.filter((v) => v === -1).length);
    expect(changed).toBeGreaterThan(0);
    expect(x[0]).toBe(1); // input untouched
  });

  it('refuses a wrong shape', () => {
    expect(() =>
      specAugment(new Float32Array(10), [3, 4], {
        timeMasks: 1,
        maxTimeWidth: 1,
        freqMasks: 0,
        maxFreqWidth: 0,
        random: createRandom(1),
      }),
    ).toThrow(/\[frames, bins\]/);
  });
});
