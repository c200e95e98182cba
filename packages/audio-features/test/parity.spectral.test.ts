/**
 * Parity with librosa 0.11: STFT magnitude, mel spectrogram, power_to_db, MFCC (40 and 20) and the mel
 * filter bank, on every golden signal. Tolerance: 1e-4 × the array's peak |value| for linear arrays,
 * 1e-3 absolute for dB and MFCC arrays.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { dct } from '../src/dsp/core/dct.js';
import { melFilterbank } from '../src/dsp/filters/mel-filterbank.js';
import { melSpectrogram } from '../src/dsp/features/mel.js';
import { mfcc } from '../src/dsp/features/mfcc.js';
import { powerToDb } from '../src/dsp/core/power-to-db.js';
import { magnitudeSpectrogram } from '../src/dsp/core/spectrogram.js';
import { stft } from '../src/dsp/core/stft.js';
import {
  SIGNALS,
  loadGolden,
  loadSignal,
  parityRow,
  printParityTable,
  worstError,
  type ParityRow,
} from './dsp-golden.js';

interface GoldenSignal {
  n_samples: number;
  n_frames: number;
  warnings: string[];
  stft_mag: number[][];
  melspectrogram: number[][];
  power_to_db_mel: number[][];
  mfcc_40: number[][];
  mfcc_20: number[][];
  shapes: Record<string, number[]>;
}

const table: ParityRow[] = [];
afterAll(() => printParityTable('librosa parity: STFT, mel, dB, MFCC', table));

function check(
  signal: string,
  name: string,
  ours: Parameters<typeof worstError>[0],
  ref: number[][],
  absolute?: number,
) {
  const { maxAbs, peak, at } = worstError(ours, ref);
  const tolerance = absolute ?? 1e-4 * peak;
  table.push(parityRow(signal, name, maxAbs, tolerance, at));
  expect(maxAbs, `${signal} ${name} worst error at ${at}`).toBeLessThanOrEqual(tolerance);
}

describe('mel filter bank vs librosa filters.mel', needs('golden'), () => {
  it('matches filters.mel(sr=22050, n_fft=2048, n_mels=128)', () => {
    const golden = loadGolden<{ mel: number[][]; mel_shape: number[] }>('filters');
    const fb = melFilterbank({ sr: 22050, nFft: 2048, nMels: 128 });
    expect([fb.rows, fb.cols]).toEqual(golden.mel_shape);
    check('filters', 'mel', fb, golden.mel);
  });
});

describe.each(SIGNALS)('%s', needs('golden'), (signal) => {
  const golden = loadGolden<GoldenSignal>(signal);
  const y = loadSignal(signal);
  const sr = 22050;

  it('has the golden length and frame count', () => {
    expect(y.length).toBe(golden.n_samples);
    const D = stft(y, { nFft: 2048, hopLength: 512, onWarning: () => {} });
    expect(D.cols).toBe(golden.n_frames);
    expect([D.rows, D.cols]).toEqual(golden.shapes.stft_mag);
  });

  it('stft magnitude', () => {
    const warnings: string[] = [];
    const S = magnitudeSpectrogram(stft(y, { nFft: 2048, hopLength: 512, onWarning: (m) => warnings.push(m) }));
    check(signal, 'stft_mag', S, golden.stft_mag);
    const librosaStftWarnings = golden.warnings.filter((w) => w.startsWith('n_fft='));
    expect(warnings).toEqual(librosaStftWarnings);
  });

  it('melspectrogram, power_to_db and mfcc', () => {
    const mel = melSpectrogram({ y, sr, onWarning: () => {} });
    expect([mel.rows, mel.cols]).toEqual(golden.shapes.melspectrogram);
    check(signal, 'melspectrogram', mel, golden.melspectrogram);
    const db = powerToDb(mel);
    check(signal, 'power_to_db_mel', db, golden.power_to_db_mel, 1e-3);
    const m40 = mfcc({ y, sr, nMfcc: 40, onWarning: () => {} });
    check(signal, 'mfcc_40', m40, golden.mfcc_40, 1e-3);
    const m20 = mfcc({ y, sr, nMfcc: 20, onWarning: () => {} });
    check(signal, 'mfcc_20', m20, golden.mfcc_20, 1e-3);
    // From S (dB mel) as librosa's mfcc(S=...) takes it.
    check(signal, 'mfcc_20 (from S)', mfcc({ S: db, nMfcc: 20 }), golden.mfcc_20, 1e-3);
    check(signal, 'dct(power_to_db)[:40]', dct(db, { nOut: 40 }), golden.mfcc_40, 1e-3);
  });
});
