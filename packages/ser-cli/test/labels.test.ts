import { describe, expect, it } from 'vitest';
import { toEkman7 } from '../src/analysis/ekman.js';

describe('toEkman7', () => {
  it('folds ravdess8 labels into the seven Ekman labels', () => {
    const labels = ['neutral', 'calm', 'happy', 'sad', 'angry', 'fearful', 'disgust', 'surprised'];
    const { distribution, unmapped } = toEkman7(labels, [0.1, 0.2, 0.1, 0.1, 0.1, 0.2, 0.1, 0.1]);
    expect(unmapped).toEqual([]);
    expect(distribution.neutral).toBeCloseTo(0.3);
    expect(distribution.fear).toBeCloseTo(0.2);
    expect(distribution.surprise).toBeCloseTo(0.1);
    expect(Object.keys(distribution)).toEqual(['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise']);
  });

  it('gives absent labels 0 and renormalises when a label has no counterpart', () => {
    const { distribution, unmapped } = toEkman7(['happy', 'sad', 'bored'], [0.5, 0.25, 0.25]);
    expect(unmapped).toEqual(['bored']);
    expect(distribution.happy).toBeCloseTo(2 / 3);
    expect(distribution.surprise).toBe(0);
  });
});

describe('mapItemsToModel', () => {
  const items = [
    { emotion: 'calm', dataset: 'ravdess', sourceLabel: '02' },
    { emotion: 'fearful', dataset: 'ravdess', sourceLabel: '06' },
    { emotion: 'surprised', dataset: 'tess', sourceLabel: 'ps' },
    { emotion: 'happy', dataset: 'ravdess', sourceLabel: '03' },
  ];

  it('maps by name and synonyms, dropping what the model lacks', async () => {
    const { mapItemsToModel } = await import('../src/analysis/label-mapping.js');
    const mapped = mapItemsToModel(items, ['angry', 'fear', 'happy', 'neutral', 'sad']);
    expect(mapped.kept.map((k) => k.labelId)).toEqual([1, 2]);
    expect(mapped.dropped).toEqual({ calm: 1, surprised: 1 });
    expect(mapped.droppedCount).toBe(2);
  });

  it('follows the model label set when there is one', async () => {
    const { mapItemsToModel } = await import('../src/analysis/label-mapping.js');
    const labelSet = {
      name: 'ser6',
      labels: ['neutral', 'happy', 'fear'],
      mapping: { calm: 'neutral', fearful: 'fear', surprised: null, happy: 'happy' },
    };
    const mapped = mapItemsToModel(items, labelSet.labels, labelSet);
    expect(mapped.kept.map((k) => labelSet.labels[k.labelId])).toEqual(['neutral', 'fear', 'happy']);
    expect(mapped.dropped).toEqual({ surprised: 1 });
  });
});
