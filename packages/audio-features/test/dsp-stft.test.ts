/** STFT options (padding, windows, winLength, centring), DCT, mel scales, tuning and normalisation details. */
import { describe, expect, it, vi } from 'vitest';
import { hzToMel, melToHz } from '../src/dsp/core/convert.js';
import { dct } from '../src/dsp/core/dct.js';
import { estimateTuning, pitchTuning } from '../src/dsp/features/estimate-tuning.js';
import { piptrack } from '../src/dsp/features/piptrack.js';
import { serFeatureVector } from '../src/dsp/features/ser-feature-vector.js';
import { matrixFromRows, matrixToRows } from '../src/dsp/core/matrix.js';
import { melFilterbank } from '../src/dsp/filters/mel-filterbank.js';
import { padSignal } from '../src/dsp/core/pad.js';
import { powerToDb } from '../src/dsp/core/power-to-db.js';
import { magnitudeSpectrogram } from '../src/dsp/core/spectrogram.js';
import { stft, stftFrameCount } from '../src/dsp/core/stft.js';
import { getWindow } from '../src/dsp/core/window.js';

function close(a: ArrayLike<number>, b: ArrayLike<number>, eps = 1e-12): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(eps);
}

describe('padding and windows (numpy / scipy values)', () => {
  it("'reflect' mirrors without repeating the edge, periodically when the pad is long", () => {
    close(padSignal([1, 2, 3, 4], 5, 6, 'reflect'), [2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4]);
    close(padSignal([7], 2, 2, 'reflect'), [7, 7, 7, 7, 7]);
    close(padSignal([1, 2], 1, 2, 'constant'), [0, 1, 2, 0, 0]);
  });

  it('periodic hamming and hann match scipy get_window(fftbins=True)', () => {
    close(
      getWindow('hamming', 8),
      [
        0.08000000000000007, 0.21473088065418822, 0.54, 0.865269119345812, 1.0, 0.865269119345812, 0.54,
        0.21473088065418822,
      ],
    );
    close(
      getWindow('hann', 7),
      [
        0.0, 0.18825509907063326, 0.6112604669781572, 0.9504844339512095, 0.9504844339512095, 0.6112604669781572,
        0.18825509907063326,
      ],
    );
    close(getWindow('rectangular', 3), [1, 1, 1]);
  });
});

describe('stft', () => {
  const y = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i * 0.3) + 0.5 * Math.cos(i * 0.071));

  it('frame counts follow librosa (centred and not)', () => {
    expect(stftFrameCount(70667, 2048, 512, true)).toBe(139);
    expect(stftFrameCount(1000, 256, 100, false)).toBe(8);
    expect(stft(y, { nFft: 256, hopLength: 100, center: false }).cols).toBe(8);
    expect(stft(y, { nFft: 256, hopLength: 100 }).cols).toBe(11);
  });

  it('an uncentred frame is the DFT of the windowed samples (winLength < nFft centre-padded)', () => {
    const nFft = 16,
      winLength = 10,
      hop = 7;
    const D = stft(y, { nFft, hopLength: hop, winLength, window: 'hamming', center: false });
    const w = getWindow('hamming', winLength);
    const t = 3;
    for (let k = 0; k <= nFft / 2; k++) {
      let re = 0,
        im = 0;
      for (let j = 0; j < winLength; j++) {
        const n = j + (nFft - winLength) / 2;
        const v = y[t * hop + n]! * w[j]!;
        re += v * Math.cos((-2 * Math.PI * k * n) / nFft);
        im += v * Math.sin((-2 * Math.PI * k * n) / nFft);
      }
      expect(D.re[k * D.cols + t]).toBeCloseTo(re, 5);
      expect(D.im[k * D.cols + t]).toBeCloseTo(im, 5);
    }
  });

  it("centred 'reflect' frames equal uncentred frames of the reflect-padded signal", () => {
    const nFft = 64,
      hop = 16;
    const centred = magnitudeSpectrogram(stft(y, { nFft, hopLength: hop, padMode: 'reflect' }));
    const padded = Float32Array.from(padSignal(y, 32, 32, 'reflect'));
    const manual = magnitudeSpectrogram(stft(padded, { nFft, hopLength: hop, center: false }));
    expect(centred.cols).toBe(manual.cols);
    close(centred.data, manual.data, 1e-5);
    const constant = magnitudeSpectrogram(stft(y, { nFft, hopLength: hop }));
    expect(constant.data[0]).not.toBeCloseTo(centred.data[0]!, 3); // the first frame differs with zeros
  });

  it('odd nFft (Bluestein) gives 1 + floor(nFft/2) bins', () => {
    const D = stft(y, { nFft: 401, hopLength: 160 });
    expect(D.rows).toBe(201);
    expect(D.cols).toBe(1 + Math.floor(1000 / 160));
  });
});

describe('dct (scipy.fft.dct values)', () => {
  const x = matrixFromRows([[1], [-2], [3.5], [0.25], [4]]);
  it('type 2 and 3, unnormalised and orthonormal', () => {
    close(
      dct(x, { type: 2, norm: null }).data,
      [13.5, -8.351372733087048, 2.17172942406179, 0.7530428095733528, 12.92172942406179],
      1e-5,
    );
    close(
      dct(x, { type: 3, norm: null }).data,
      [5.624921476589834, -10.461924182941681, 2, -4.80858564830674, 12.645588354658589],
      1e-5,
    );
    close(
      dct(x, { type: 3, norm: 'ortho' }).data,
      [1.9097421820452565, -3.17736508312606, 0.7634413615167956, -1.3896224677815485, 4.129871984845346],
      1e-5,
    );
  });
  it('orthonormal type 3 inverts type 2', () => {
    const back = dct(dct(x, { type: 2 }), { type: 3 });
    close(back.data, x.data, 1e-5);
  });
});

describe('mel scales and banks', () => {
  it('Slaney and HTK conversions round-trip', () => {
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    expect(hzToMel(1000, true)).toBeCloseTo(999.9855371396243, 9);
    for (const hz of [0, 440, 1000, 5000]) {
      expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 8);
      expect(melToHz(hzToMel(hz, true), true)).toBeCloseTo(hz, 8);
    }
  });
  it('HTK triangles peak at ≤ 1 without norm; too many bands for the FFT warn like librosa', () => {
    const htk = melFilterbank({ sr: 16000, nFft: 512, nMels: 40, htk: true, norm: null });
    for (const row of matrixToRows(htk)) expect(Math.max(...row)).toBeLessThanOrEqual(1);
    expect(Math.max(...matrixToRows(htk)[20]!)).toBeGreaterThan(0.8);
    const warnings: string[] = [];
    melFilterbank({ sr: 8000, nFft: 64, nMels: 128, onWarning: (m) => warnings.push(m) });
    expect(warnings[0]).toMatch(/^Empty filters detected/);
  });
});

describe('tuning and dB details', () => {
  it('pitchTuning finds +25 cents on notes tuned 25 cents sharp', () => {
    const freqs = Array.from({ length: 24 }, (_, i) => 55 * 2 ** ((i + 0.25) / 12));
    expect(pitchTuning(freqs)).toBeCloseTo(0.25, 10);
  });
  it('pitchTuning warns and returns 0 for no frequencies', () => {
    const warnings: string[] = [];
    expect(pitchTuning([0, -3], { onWarning: (m) => warnings.push(m) })).toBe(0);
    expect(warnings).toEqual(['Trying to estimate tuning from empty frequency set.']);
  });
  it("powerToDb with ref 'max', and topDb null", () => {
    const S = matrixFromRows([[1, 10, 100, 1e-12]]);
    close(powerToDb(S, { ref: 'max', topDb: null }).data, [-20, -10, 0, -120], 1e-4);
    close(powerToDb(S).data, [0, 10, 20, -60], 1e-4);
  });
});

describe('piptrack', () => {
  it('finds a 440 Hz tone at its interpolated frequency', () => {
    const sr = 22050;
    const y = Float32Array.from({ length: sr }, (_, n) => 0.5 * Math.sin((2 * Math.PI * 440 * n) / sr));
    const { pitches, magnitudes } = piptrack({ y, sr });
    expect([pitches.rows, pitches.cols]).toEqual([1025, 1 + Math.floor(sr / 512)]);
    const t = 20;
    let best = 0;
    for (let f = 0; f < pitches.rows; f++) {
      if (magnitudes.data[f * pitches.cols + t]! > magnitudes.data[best * pitches.cols + t]!) best = f;
    }
    expect(pitches.data[best * pitches.cols + t]).toBeGreaterThan(438);
    expect(pitches.data[best * pitches.cols + t]).toBeLessThan(442);
    expect(estimateTuning({ y, sr })).toBeCloseTo(0.01, 10); // librosa gives 0.01 on its 1.5-s A440
  });
});

describe('warnings without onWarning', () => {
  it('go to console.warn once per distinct message', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const y = new Float32Array(777).fill(0.1);
      serFeatureVector(y, { sr: 22050 });
      serFeatureVector(y, { sr: 22050 });
      const messages = warn.mock.calls.map((c) => String(c[0]));
      expect(messages.filter((m) => m.includes('n_fft=2048 is too large for input signal of length=777'))).toHaveLength(
        1,
      );
    } finally {
      warn.mockRestore();
    }
  });
});

describe('input types', () => {
  it('a Float64Array signal gives the same features as its Float32Array copy', () => {
    const y32 = Float32Array.from({ length: 5000 }, (_, n) => Math.sin(n * 0.05) * 0.3);
    const a = serFeatureVector(y32, { sr: 16000 });
    const b = serFeatureVector(Float64Array.from(y32), { sr: 16000 });
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});
