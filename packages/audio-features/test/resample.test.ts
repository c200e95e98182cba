import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS_DIR, GOLDEN_DIR, has, needs, python3With } from '@ser/test-support';
import { AudioFeaturesError } from '../src/errors.js';
import { resample } from '../src/dsp/core/resample/resample.js';
import { toMono } from '../src/dsp/core/mono.js';
import { decodeAudio } from '../src/decode/index.js';

const goldenDir = GOLDEN_DIR;

interface ResampleCase {
  input: string;
  orig_sr: number;
  target_sr: number;
  res_type: string;
  output_file?: string;
  n_out?: number;
}

function readF32(relative: string): Float32Array {
  const buffer = readFileSync(path.join(goldenDir, relative));
  return new Float32Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
}

// Without shared/golden the tests below are skipped (needs('golden')) and there are no cases to list.
const cases = (
  has('golden')
    ? (JSON.parse(readFileSync(path.join(goldenDir, 'resample.json'), 'utf8')) as { cases: ResampleCase[] })
    : { cases: [] }
).cases.filter(
  (c): c is ResampleCase & { output_file: string; n_out: number } =>
    c.output_file !== undefined && (c.res_type === 'polyphase' || c.res_type === 'fft'),
);

describe('resample against librosa 0.11 golden outputs', needs('golden'), () => {
  it('has golden cases for both methods', () => {
    expect(cases.map((c) => c.res_type).sort()).toEqual(expect.arrayContaining(['fft', 'polyphase']));
  });

  for (const c of cases) {
    it(`${c.res_type}: ${c.input} ${c.orig_sr} → ${c.target_sr} Hz`, () => {
      const input = readF32(c.input);
      const expected = readF32(c.output_file);
      const actual = resample(input, c.orig_sr, c.target_sr, { method: c.res_type as 'polyphase' | 'fft' });
      expect(actual.length).toBe(c.n_out);
      expect(actual.length).toBe(expected.length);
      let peak = 0;
      let worst = 0;
      let worstIndex = -1;
      for (let i = 0; i < expected.length; i++) {
        peak = Math.max(peak, Math.abs(expected[i]!));
        const error = Math.abs(actual[i]! - expected[i]!);
        if (error > worst) [worst, worstIndex] = [error, i];
      }
      console.log(
        `resample ${c.res_type} ${c.orig_sr}→${c.target_sr}: max abs error ${worst.toExponential(3)} ` +
          `(${(worst / peak).toExponential(3)} of peak ${peak.toFixed(4)}) at sample ${worstIndex}`,
      );
      expect(worst).toBeLessThanOrEqual(1e-4 * peak);
    });
  }
});

/** Max |a − b| and the peak |b|. */
function worstError(actual: Float32Array, expected: Float32Array) {
  let peak = 0;
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    peak = Math.max(peak, Math.abs(expected[i]!));
    const error = Math.abs(actual[i]! - expected[i]!);
    if (error > worst) [worst, at] = [error, i];
  }
  return { worst, peak, at };
}

/** A Python with SciPy (first that imports it), or undefined: these extra checks then skip. */
const python = python3With('scipy.signal');

describe(
  'resample against SciPy for the rates speech corpora use (librosa calls, real speech)',
  needs('python3-scipy', 'ravdess'),
  () => {
    const pairs = [
      [16000, 22050],
      [22050, 16000],
      [48000, 22050],
      [48000, 16000],
      [24414, 22050],
      [96000, 22050],
      [44100, 22050],
      [8000, 22050],
    ] as const;
    const dir = mkdtempSync(path.join(tmpdir(), 'ser-resample-scipy-'));
    let input: Float32Array;
    let scipyVersion = '';

    it('SciPy computes the references', async () => {
      const flac = path.join(DATASETS_DIR, 'ravdess/Actor_01/03-01-01-01-01-01-01.flac');
      const speech = (await decodeAudio(readFileSync(flac))).channels[0]!;
      input = speech.slice(20000, 20000 + 16001); // 1 s of speech, odd length
      writeFileSync(path.join(dir, 'input.f32'), input);
      const specs = [...pairs.map(([a, b]) => `${a}:${b}`), '16000:22050:fft', '22050:16000:fft'];
      scipyVersion = execFileSync(
        python!,
        [path.join(__dirname, 'scipy-reference.py'), path.join(dir, 'input.f32'), dir, ...specs],
        {
          encoding: 'utf8',
        },
      ).trim();
      expect(scipyVersion).toMatch(/^\d+\.\d+/);
    });

    for (const [from, to, method] of [
      ...pairs.map(([a, b]) => [a, b, 'polyphase'] as const),
      [16000, 22050, 'fft'] as const,
      [22050, 16000, 'fft'] as const,
    ]) {
      it(`${method} ${from} → ${to} Hz`, () => {
        const buffer = readFileSync(path.join(dir, `${from}_${to}_${method}.f32`));
        const expected = new Float32Array(
          buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength),
        );
        const actual = resample(input, from, to, { method });
        expect(actual.length).toBe(expected.length);
        const { worst, peak, at } = worstError(actual, expected);
        console.log(
          `scipy ${scipyVersion} ${method} ${from}→${to}: max abs error ${worst.toExponential(3)} (${(worst / peak).toExponential(3)} of peak) at ${at}`,
        );
        expect(worst).toBeLessThanOrEqual(1e-4 * peak);
      });
    }

    it('cleans up', () => rmSync(dir, { recursive: true, force: true }));
  },
);

describe('resample', () => {
  const sine = (n: number, sr: number, hz: number) =>
    Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * hz * i) / sr));

  it('gives ceil(n · to / from) samples (librosa fix=True) for common speech rates', () => {
    for (const [from, to] of [
      [16000, 22050],
      [48000, 22050],
      [24414, 22050],
      [96000, 16000],
      [22050, 44100],
    ] as const) {
      for (const n of [1, 7, 1001, 16000]) {
        expect(resample(sine(n, from, 300), from, to).length).toBe(Math.ceil(n * (to / from)));
      }
    }
  });

  it('keeps a tone in the pass band and removes one above the new Nyquist', () => {
    const rms = (y: Float32Array, from = 500, to = y.length - 500) => {
      let s = 0;
      for (let i = from; i < to; i++) s += y[i]! * y[i]!;
      return Math.sqrt(s / (to - from));
    };
    const kept = resample(sine(48000, 48000, 1000), 48000, 16000);
    expect(rms(kept)).toBeCloseTo(Math.SQRT1_2, 2);
    const removed = resample(sine(48000, 48000, 12000), 48000, 16000); // 12 kHz > 8 kHz Nyquist
    expect(rms(removed)).toBeLessThan(0.01);
  });

  it('returns a copy at equal rates', () => {
    const y = sine(100, 16000, 440);
    const out = resample(y, 16000, 16000);
    expect(out).toEqual(y);
    expect(out).not.toBe(y);
  });

  it('rejects bad arguments with typed errors', () => {
    const y = sine(100, 16000, 440);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(AudioFeaturesError);
        return (e as AudioFeaturesError).code;
      }
      return 'no error';
    };
    expect(code(() => resample(new Float32Array(0), 16000, 22050))).toBe('EMPTY_AUDIO');
    expect(code(() => resample(Float32Array.of(0, Number.NaN), 16000, 22050))).toBe('NON_FINITE_AUDIO');
    expect(code(() => resample(y, 0, 22050))).toBe('INVALID_ARGUMENT');
    expect(code(() => resample(y, 16000, -1))).toBe('INVALID_ARGUMENT');
    expect(code(() => resample(y, 16000.5, 22050))).toBe('INVALID_ARGUMENT');
    expect(code(() => resample(y, 16000, 22050, { method: 'sinc' as 'fft' }))).toBe('INVALID_ARGUMENT');
  });
});

describe('toMono', () => {
  it('averages channels', () => {
    expect(Array.from(toMono([Float32Array.of(1, 0.5), Float32Array.of(0, -0.5)]))).toEqual([0.5, 0]);
    expect(Array.from(toMono([Float32Array.of(0.25)]))).toEqual([0.25]);
  });
  it('rejects no channels and unequal lengths', () => {
    expect(() => toMono([])).toThrow(AudioFeaturesError);
    expect(() => toMono([new Float32Array(2), new Float32Array(3)])).toThrow(/channel 1 has 3 samples/);
  });
});
