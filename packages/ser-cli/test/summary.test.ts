/** The text rendering of analyses (the analysis itself is @ser/models' recognizer, tested there). */
import { describe, expect, it } from 'vitest';
import { summarizeChunks, type ChunkResult } from '@ser/models';
import { formatChunkLine, formatSummary } from '../src/analysis/format-analysis.js';

const labels = ['neutral', 'happy', 'sad'];

function chunk(start: number, end: number, p: [number, number, number] | null): ChunkResult {
  if (p === null) return { start, end, silent: true, probabilities: null, label: null, confidence: 0 };
  const probabilities = Object.fromEntries(labels.map((label, i) => [label, p[i]!]));
  const top = p.indexOf(Math.max(...p));
  return { start, end, silent: false, probabilities, label: labels[top]!, confidence: p[top]! };
}

describe('analysis text', () => {
  const chunks = [chunk(0, 2, [0.1, 0.8, 0.1]), chunk(2, 4, null), chunk(4, 5, [0.1, 0.2, 0.7])];

  it('formats chunk lines, silent ones as silence', () => {
    expect(formatChunkLine(chunks[0]!, labels, 7)).toBe('0:00.0–0:02.0   happy    80.0%  ▁▆▁');
    expect(formatChunkLine(chunks[1]!, labels, 7)).toBe('0:02.0–0:04.0   (silence)');
  });

  it('formats the summary: the weighted mean, the speech time and what silence was left out', () => {
    const text = formatSummary(summarizeChunks(chunks, labels, 5), labels, -55);
    const happy = (0.8 * 2 + 0.2 * 1) / 3;
    expect(text.split('\n')[0]).toBe(
      `emotion of the recording: happy (${(100 * happy).toFixed(1)}% over 3.0 s of speech; 1 silent chunk(s), 2.0 s, left out)`,
    );
    expect(text).toMatch(/happy\s+60\.0%/);
    expect(text.indexOf('happy')).toBeLessThan(text.indexOf('sad'));
  });

  it('says a silent recording is silent', () => {
    expect(formatSummary(summarizeChunks([chunks[1]!], labels, 2), labels, -55)).toBe(
      'no emotion: the recording is silent (every chunk below -55 dBFS RMS)',
    );
  });
});
