/**
 * Parity with librosa 0.11 of the 180-value SER vector on every golden signal, part by part:
 * MFCC means (1e-3 absolute), chroma means and mel means (1e-4 × the part's peak).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { serFeatureVector } from '../src/dsp/features/ser-feature-vector.js';
import {
  SIGNALS,
  loadGolden,
  loadSignal,
  parityRow,
  printParityTable,
  worstError,
  type ParityRow,
} from './dsp-golden.js';

const table: ParityRow[] = [];
afterAll(() => printParityTable('librosa parity: ser_feature_vector', table));

describe.each(SIGNALS)('%s', needs('golden'), (signal) => {
  it('serFeatureVector matches librosa part by part', () => {
    const golden = loadGolden<{ ser_feature_vector: number[]; warnings: string[] }>(signal);
    const warnings: string[] = [];
    const v = serFeatureVector(loadSignal(signal), { sr: 22050, onWarning: (m) => warnings.push(m) });
    expect(v).toBeInstanceOf(Float32Array);
    expect(v.length).toBe(180);
    expect(v.every(Number.isFinite)).toBe(true);
    const parts: [string, number, number, number | undefined][] = [
      ['mfcc mean [0:40]', 0, 40, 1e-3],
      ['chroma mean [40:52]', 40, 52, undefined],
      ['mel mean [52:180]', 52, 180, undefined],
    ];
    for (const [name, from, to, absolute] of parts) {
      const { maxAbs, peak, at } = worstError(v.subarray(from, to), golden.ser_feature_vector.slice(from, to));
      const tolerance = absolute ?? 1e-4 * peak;
      table.push(parityRow(signal, name, maxAbs, tolerance, at));
      expect(maxAbs, `${signal} ${name} at ${at}`).toBeLessThanOrEqual(tolerance);
    }
    // librosa's warnings for this pipeline: the nFft warning (once per STFT) and the empty-tuning warning.
    expect([...new Set(warnings)].sort()).toEqual([...new Set(golden.warnings)].sort());
  });
});
