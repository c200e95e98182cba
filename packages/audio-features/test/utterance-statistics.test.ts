/**
 * Utterance statistics and their frame descriptors: YIN pitch on signals of known pitch (and real speech),
 * spectral descriptors against numpy formulas evaluated independently here, functionals against numpy's
 * percentile definition, and the `stats` feature set end to end on a real RAVDESS file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS_DIR, needs, python3With } from '@ser/test-support';
import { delta } from '../src/dsp/features/delta.js';
import { AudioFeaturesError } from '../src/errors.js';
import { computeFeatures, featureConfig, featureShape } from '../src/dsp/feature-sets/feature-sets.js';
import { describeFrames, percentilesOf } from '../src/dsp/features/functionals.js';
import { createMatrix } from '../src/dsp/core/matrix.js';
import {
  spectralCentroid,
  spectralFlatness,
  spectralRolloff,
  rmsFromMagnitude,
} from '../src/dsp/features/spectral-descriptors.js';
import { spectrogramFrames } from '../src/dsp/core/spectrogram.js';
import {
  utteranceStatisticNames,
  utteranceStatistics,
  utteranceStatisticsLength,
} from '../src/dsp/features/utterance-statistics.js';
import { yin } from '../src/dsp/features/yin.js';
import { zeroCrossingRate } from '../src/dsp/features/zero-crossing-rate.js';
import { loadSignal } from './dsp-golden.js';

const DATASETS = DATASETS_DIR;

function tone(frequency: number, sr: number, seconds: number, amplitude = 0.5): Float32Array {
  const y = new Float32Array(Math.round(sr * seconds));
  for (let n = 0; n < y.length; n++) y[n] = amplitude * Math.sin((2 * Math.PI * frequency * n) / sr);
  return y;
}

/** A glottal-like pulse train with harmonics (harder for pitch trackers than a sine). */
function buzz(frequency: number, sr: number, seconds: number): Float32Array {
  const y = new Float32Array(Math.round(sr * seconds));
  for (let h = 1; h <= 12; h++) {
    for (let n = 0; n < y.length; n++) y[n]! += (0.4 / h) * Math.sin((2 * Math.PI * h * frequency * n) / sr + h);
  }
  return y;
}

describe('yin', () => {
  it.each([80, 110, 220, 330, 450])('finds the pitch of a %i Hz tone and of a harmonic buzz within 0.5 %', (f) => {
    for (const signal of [tone(f, 16000, 0.5), buzz(f, 16000, 0.5)]) {
      const { f0, voiced } = yin(signal, { sr: 16000, hopLength: 160 });
      expect(f0.length).toBe(1 + Math.floor(signal.length / 160));
      const inner = Array.from(f0.slice(5, -5));
      expect(Array.from(voiced.slice(5, -5)).every((v) => v === 1)).toBe(true);
      for (const estimate of inner) expect(Math.abs(estimate - f) / f).toBeLessThan(0.005);
    }
  });

  it('marks silence and white noise unvoiced', () => {
    const silence = yin(new Float32Array(8000), { sr: 16000, hopLength: 160 });
    expect(Array.from(silence.voiced).every((v) => v === 0)).toBe(true);
    let seed = 1;
    const noise = new Float32Array(16000).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31 - 0.5;
    });
    const result = yin(noise, { sr: 16000, hopLength: 160 });
    const voicedShare = Array.from(result.voiced).filter((v) => v === 1).length / result.voiced.length;
    expect(voicedShare).toBeLessThan(0.1);
  });

  it('tracks real (espeak-ng) speech in a plausible voice range', needs('golden'), () => {
    const speech = loadSignal('speech');
    const { f0, voiced } = yin(speech, { sr: 22050, hopLength: 256 });
    const values = Array.from(f0).filter((_, t) => voiced[t] === 1);
    expect(values.length).toBeGreaterThan(0.3 * f0.length);
    const sorted = values.sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeGreaterThan(70);
    expect(median).toBeLessThan(250);
  });

  it('refuses a search range beyond Nyquist or inverted', () => {
    expect(() => yin(tone(100, 8000, 0.2), { sr: 8000, fmax: 5000 })).toThrow(AudioFeaturesError);
    expect(() => yin(tone(100, 8000, 0.2), { sr: 8000, fmin: 300, fmax: 200 })).toThrow(/fmax/);
  });
});

describe('frame descriptors', () => {
  it('sine: centroid and roll-off at the tone, ZCR = 2f/sr, RMS of a Hann-windowed sine', () => {
    const y = tone(1000, 16000, 0.5, 0.5);
    const spec = spectrogramFrames(y, { nFft: 512, hopLength: 160 }, 1);
    const t = 20;
    expect(spectralCentroid(spec, 16000)[t]).toBeCloseTo(1000, -1);
    expect(Math.abs(spectralRolloff(spec, 16000)[t]! - 1000)).toBeLessThanOrEqual(16000 / 512 + 1e-9);
    expect(rmsFromMagnitude(spec)[t]).toBeCloseTo(0.5 * Math.sqrt(3 / 16), 3);
    expect(zeroCrossingRate(y, { frameLength: 512, hopLength: 160 })[t]).toBeCloseTo((2 * 1000) / 16000, 2);
    expect(spectralFlatness(spec)[t]).toBeLessThan(1e-3);
  });

  const python = python3With('numpy');

  it(
    'centroid, roll-off, flatness and RMS equal librosa’s formulas evaluated in numpy on real speech',
    needs('python3-numpy', 'golden'),
    () => {
      const speech = loadSignal('speech');
      const spec = spectrogramFrames(speech, { nFft: 2048, hopLength: 512 }, 1);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ser-descriptors-'));
      writeFileSync(
        path.join(dir, 'spec.f32'),
        Buffer.from(spec.data.buffer, spec.data.byteOffset, spec.data.byteLength),
      );
      const script = `
import numpy as np, sys
d = sys.argv[1]
S = np.fromfile(d + '/spec.f32', dtype=np.float32).reshape(-1, 1025).T.astype(np.float64)  # [bin][frame]
freq = np.fft.rfftfreq(2048, 1 / 22050)
cent = (freq[:, None] * S).sum(0) / np.maximum(S.sum(0), 1e-300)
cum = np.cumsum(S, axis=0); thr = 0.85 * cum[-1]
roll = np.array([freq[np.argmax(cum[:, t] >= thr[t])] for t in range(S.shape[1])])
P = np.maximum(1e-10, S ** 2)
flat = np.exp(np.mean(np.log(P), axis=0)) / np.mean(P, axis=0)
x = 2 * np.sum(S ** 2, axis=0) - S[0] ** 2 - S[-1] ** 2
rms = np.sqrt(x / 2048 ** 2)
np.stack([cent, roll, flat, rms]).astype(np.float64).tofile(d + '/ref.f64')
`;
      execFileSync(python!, ['-c', script, dir]);
      const ref = new Float64Array(readFileSync(path.join(dir, 'ref.f64')).buffer.slice(0));
      const T = spec.nFrames;
      const ours = [
        spectralCentroid(spec, 22050),
        spectralRolloff(spec, 22050),
        spectralFlatness(spec),
        rmsFromMagnitude(spec),
      ];
      const names = ['centroid', 'rolloff', 'flatness', 'rms'];
      ours.forEach((values, k) => {
        let worst = 0,
          peak = 0;
        for (let t = 0; t < T; t++) {
          const r = ref[k * T + t]!;
          peak = Math.max(peak, Math.abs(r));
          worst = Math.max(worst, Math.abs(values[t]! - r));
        }
        console.log(`${names[k]}: worst |ours − numpy| ${worst.toExponential(2)} (peak ${peak.toExponential(2)})`);
        expect(worst).toBeLessThanOrEqual(1e-4 * peak + (k === 1 ? 1e-9 : 0));
      });
    },
  );

  it('delta of a ramp is its slope, with repeated edges', () => {
    const m = createMatrix(1, 20);
    for (let t = 0; t < 20; t++) m.data[t] = 3 * t;
    const d = delta(m, 9);
    for (let t = 4; t < 16; t++) expect(d.data[t]).toBeCloseTo(3, 6);
    expect(d.data[0]).toBeGreaterThan(0);
    expect(d.data[0]).toBeLessThan(3);
    expect(() => delta(m, 4)).toThrow(/odd/);
  });

  it('percentiles follow numpy’s linear interpolation', () => {
    const values = [5, 1, 4, 2, 3];
    expect(percentilesOf(values, [0, 1, 2, 3, 4], [0, 10, 50, 90, 100])).toEqual([1, 1.4, 3, 4.6, 5]);
    expect(describeFrames(values, [])).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('utteranceStatistics / the stats feature set', () => {
  it('has documented names and length (231 by default)', () => {
    expect(utteranceStatisticsLength()).toBe(231);
    const names = utteranceStatisticNames();
    expect(names).toHaveLength(231);
    expect(names.slice(0, 2)).toEqual(['mfcc0_mean', 'mfcc0_std']);
    expect(names.at(-1)).toBe('voiced_fraction');
    expect(featureShape(featureConfig('stats'))).toEqual([231]);
  });

  it('is finite on silence and on a very short clip, with no voiced frames in silence', () => {
    const silent = utteranceStatistics(new Float32Array(16000), { sr: 16000 });
    expect(silent.every(Number.isFinite)).toBe(true);
    expect(silent.at(-1)).toBe(0);
    const short = utteranceStatistics(tone(200, 16000, 0.02), { sr: 16000 });
    expect(short.every(Number.isFinite)).toBe(true);
  });

  it('separates a low from a high voice and a flat from a varying pitch', () => {
    const names = utteranceStatisticNames();
    const at = (stats: Float32Array, name: string) => stats[names.indexOf(name)]!;
    const low = utteranceStatistics(buzz(110, 16000, 1), { sr: 16000 });
    const high = utteranceStatistics(buzz(220, 16000, 1), { sr: 16000 });
    expect(at(high, 'pitch_p50') - at(low, 'pitch_p50')).toBeCloseTo(12, 0); // one octave
    expect(at(low, 'voiced_fraction')).toBeGreaterThan(0.9);
    const gliding = new Float32Array(16000);
    let phase = 0;
    for (let n = 0; n < gliding.length; n++) {
      phase += (2 * Math.PI * (120 + 120 * (n / gliding.length))) / 16000;
      gliding[n] = 0.5 * Math.sin(phase);
    }
    const glide = utteranceStatistics(gliding, { sr: 16000 });
    expect(at(glide, 'pitch_std')).toBeGreaterThan(2);
    expect(at(low, 'pitch_std')).toBeLessThan(0.2);
  });

  const file = path.join(DATASETS, 'originals/ravdess/Actor_01/03-01-05-01-01-01-01.wav');
  it(
    'computes the stats set of a real RAVDESS recording (16 kHz) through computeFeatures',
    needs('originals'),
    async () => {
      const { loadAudio } = await import('../src/node.js');
      const { samples } = await loadAudio(file, { sr: 16000 });
      const { shape, data } = computeFeatures(samples, featureConfig('stats'));
      expect(shape).toEqual([231]);
      expect(data.every(Number.isFinite)).toBe(true);
      const names = utteranceStatisticNames();
      const f0 = 55 * 2 ** (data[names.indexOf('pitch_p50')]! / 12);
      expect(f0).toBeGreaterThan(70); // actor 01 is male, angry: a raised but male voice
      expect(f0).toBeLessThan(350);
      expect(data[names.indexOf('voiced_fraction')]).toBeGreaterThan(0.15); // RAVDESS files have long pauses
    },
  );
});
