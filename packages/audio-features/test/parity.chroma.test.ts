/**
 * Parity with librosa 0.11: chroma filter bank, tuning estimation (piptrack + pitch_tuning) and
 * chroma_stft from y and from S = |stft| on every golden signal.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { chromaFilterbank } from '../src/dsp/filters/chroma-filterbank.js';
import { chromaStft } from '../src/dsp/features/chroma-stft.js';
import { estimateTuning } from '../src/dsp/features/estimate-tuning.js';
import { magnitudeSpectrogram, powerSpectrogram } from '../src/dsp/core/spectrogram.js';
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
  warnings: string[];
  estimated_tuning_chroma_stft_y: number;
  estimated_tuning_chroma_stft_S_mag: number;
  chroma_stft: number[][];
  chroma_stft_S_mag: number[][];
  shapes: Record<string, number[]>;
}

const table: ParityRow[] = [];
afterAll(() => printParityTable('librosa parity: chroma and tuning', table));

function check(signal: string, name: string, ours: Parameters<typeof worstError>[0], ref: number[][]) {
  const { maxAbs, peak, at } = worstError(ours, ref);
  const tolerance = 1e-4 * peak;
  table.push(parityRow(signal, name, maxAbs, tolerance, at));
  expect(maxAbs, `${signal} ${name} worst error at ${at}`).toBeLessThanOrEqual(tolerance);
}

describe('chroma filter bank vs librosa filters.chroma', needs('golden'), () => {
  it('matches filters.chroma(sr=22050, n_fft=2048)', () => {
    const golden = loadGolden<{ chroma: number[][]; chroma_shape: number[] }>('filters');
    const fb = chromaFilterbank({ sr: 22050, nFft: 2048 });
    expect([fb.rows, fb.cols]).toEqual(golden.chroma_shape);
    check('filters', 'chroma', fb, golden.chroma);
  });
});

describe.each(SIGNALS)('%s', needs('golden'), (signal) => {
  const golden = loadGolden<GoldenSignal>(signal);
  const y = loadSignal(signal);
  const sr = 22050;
  const D = stft(y, { nFft: 2048, hopLength: 512, onWarning: () => {} });

  it('estimates the same tuning as librosa from |stft|² and from |stft|', () => {
    const fromPower = estimateTuning({ S: powerSpectrogram(D), sr, onWarning: () => {} });
    const fromMagnitude = estimateTuning({ S: magnitudeSpectrogram(D), sr, onWarning: () => {} });
    table.push({
      signal,
      array: 'tuning (power, magnitude)',
      maxAbsError: `${fromPower}, ${fromMagnitude}`,
      tolerance: 'exact',
      margin: '',
      at: `librosa ${golden.estimated_tuning_chroma_stft_y}, ${golden.estimated_tuning_chroma_stft_S_mag}`,
    });
    expect(fromPower).toBeCloseTo(golden.estimated_tuning_chroma_stft_y, 10);
    expect(fromMagnitude).toBeCloseTo(golden.estimated_tuning_chroma_stft_S_mag, 10);
  });

  it('chroma_stft from y', () => {
    const warnings: string[] = [];
    const chroma = chromaStft({ y, sr, onWarning: (m) => warnings.push(m) });
    expect([chroma.rows, chroma.cols]).toEqual(golden.shapes.chroma_stft);
    check(signal, 'chroma_stft', chroma, golden.chroma_stft);
    expect(warnings).toEqual(golden.warnings);
  });

  it('chroma_stft from S = |stft|', () => {
    const chroma = chromaStft({ S: magnitudeSpectrogram(D), sr, onWarning: () => {} });
    check(signal, 'chroma_stft_S_mag', chroma, golden.chroma_stft_S_mag);
  });
});
