import { describe, expect, it } from 'vitest';
import { formatChunkLine, formatSummary } from '../src/analysis/format-analysis.js';
import { argMax, summarizePredictions, toChunkPredictions } from '../src/analysis/summary.js';
import { planChunks } from '../src/chunking.js';

const labels = ['neutral', 'happy', 'sad'];

describe('summaries', () => {
  const chunks = planChunks(500, { sr: 100, chunkSeconds: 2 }); // 0-2, 2-4, 4-5 (padded)
  const probabilities = [
    [0.1, 0.8, 0.1],
    [0.2, 0.7, 0.1],
    [0.1, 0.2, 0.7],
  ];

  it('picks the top label per chunk', () => {
    expect(argMax([0.1, 0.5, 0.5])).toBe(1);
    const predictions = toChunkPredictions(chunks, probabilities, labels);
    expect(predictions.map((p) => p.label)).toEqual(['happy', 'happy', 'sad']);
    expect(predictions[2]).toMatchObject({ start: 4, end: 5, kind: 'padded', probability: 0.7 });
  });

  it('computes time shares and the dominant emotion', () => {
    const summary = summarizePredictions(chunks, toChunkPredictions(chunks, probabilities, labels), labels);
    expect(summary.dominant).toBe('happy');
    expect(summary.duration).toBe(5);
    expect(summary.shares[1]).toMatchObject({ label: 'happy', seconds: 4, share: 0.8 });
    expect(summary.shares[2]!.share).toBeCloseTo(0.2);
    expect(summary.shares[1]!.meanProbability).toBeCloseTo((0.8 * 2 + 0.7 * 2 + 0.2 * 1) / 5);
  });

  it('rejects mismatched or non-finite probabilities', () => {
    expect(() => toChunkPredictions(chunks, probabilities.slice(0, 2), labels)).toThrow(/3 probability vectors/);
    expect(() => toChunkPredictions(chunks, [[0.5, 0.5], ...probabilities.slice(1)], labels)).toThrow(/2 probabilities for 3 labels/);
    expect(() => toChunkPredictions(chunks, [[Number.NaN, 0, 1], ...probabilities.slice(1)], labels)).toThrow(/non-finite/);
  });

  it('formats chunk lines and the summary table', () => {
    const [first] = toChunkPredictions(chunks, probabilities, labels);
    expect(formatChunkLine(first!, 7)).toBe('0:00.0–0:02.0   happy    80.0%  ▁▆▁');
    const text = formatSummary(summarizePredictions(chunks, toChunkPredictions(chunks, probabilities, labels), labels));
    expect(text.split('\n')[0]).toBe('dominant emotion: happy (80% of 5.0 s)');
    expect(text).toMatch(/happy\s+4\.0 s\s+80\.0%/);
  });
});

describe('silent chunks', () => {
  it('reports silent chunks as silence and leaves them out of the shares', () => {
    const chunks = planChunks(600, { sr: 100, chunkSeconds: 2 });
    const predictions = toChunkPredictions(chunks, [[0.1, 0.8, 0.1], null, [0.1, 0.2, 0.7]], labels);
    expect(predictions[1]).toMatchObject({ label: 'silence', silent: true, probability: 0, probabilities: [0, 0, 0] });
    const summary = summarizePredictions(chunks, predictions, labels);
    expect(summary.silenceSeconds).toBe(2);
    expect(summary.duration).toBe(6);
    expect(summary.shares[1]!.share).toBeCloseTo(0.5);
    expect(formatChunkLine(predictions[1]!, 7)).toBe('0:02.0–0:04.0   (silence)');
    expect(formatSummary(summary).split('\n')[0]).toBe('dominant emotion: happy (50% of 4.0 s; 2.0 s of silence left out)');
  });

  it('finds silence by peak level', async () => {
    const { isSilentSpan, peakAmplitude } = await import('../src/analysis/silence.js');
    const signal = new Float32Array(100);
    expect(isSilentSpan(signal)).toBe(true);
    signal[50] = 0.0005; // −66 dBFS
    expect(isSilentSpan(signal)).toBe(true);
    signal[60] = -0.01; // −40 dBFS
    expect(peakAmplitude(signal)).toBeCloseTo(0.01);
    expect(isSilentSpan(signal)).toBe(false);
    expect(isSilentSpan(signal, 0, 60)).toBe(true);
  });
});
