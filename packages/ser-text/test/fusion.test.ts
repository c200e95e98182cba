import { describe, expect, it } from 'vitest';
import { EKMAN7_LABELS, ekman7LabelOf, fuseEmotions, textLabelOf, TextEmotionError } from '../src/index.js';

const acoustic = { angry: 0.1, disgust: 0.05, fear: 0.05, happy: 0.5, neutral: 0.2, sad: 0.05, surprise: 0.05 };
const text = [
  { label: 'joy', score: 0.3 },
  { label: 'sadness', score: 0.4 },
  { label: 'anger', score: 0.1 },
  { label: 'neutral', score: 0.1 },
  { label: 'fear', score: 0.05 },
  { label: 'disgust', score: 0.025 },
  { label: 'surprise', score: 0.025 },
];

describe('fuseEmotions', () => {
  it('has an explicit two-way name table', () => {
    expect(Object.fromEntries(EKMAN7_LABELS.map((label) => [label, textLabelOf(label)]))).toEqual({
      angry: 'anger',
      disgust: 'disgust',
      fear: 'fear',
      happy: 'joy',
      neutral: 'neutral',
      sad: 'sadness',
      surprise: 'surprise',
    });
    for (const label of EKMAN7_LABELS) expect(ekman7LabelOf(textLabelOf(label)!)).toBe(label);
  });

  it('linear pooling is the weighted mean, mapped by name, summing to 1, sorted', () => {
    const fused = fuseEmotions(acoustic, text, { weights: { acoustic: 1, text: 3 } });
    const by = Object.fromEntries(fused.map((f) => [f.label, f]));
    expect(by.joy!.score).toBeCloseTo(0.25 * 0.5 + 0.75 * 0.3, 12);
    expect(by.sadness!.score).toBeCloseTo(0.25 * 0.05 + 0.75 * 0.4, 12);
    expect(by.anger!.acousticLabel).toBe('angry');
    expect(by.anger!.acoustic).toBe(0.1);
    expect(fused.reduce((s, f) => s + f.score, 0)).toBeCloseTo(1, 12);
    expect(fused[0]!.label).toBe('joy');
    for (let i = 1; i < fused.length; i++) expect(fused[i - 1]!.score).toBeGreaterThanOrEqual(fused[i]!.score);
  });

  it('weights select a source: all acoustic, all text, default equal', () => {
    const onlyAcoustic = fuseEmotions(acoustic, text, { weights: { acoustic: 1, text: 0 } });
    expect(onlyAcoustic.find((f) => f.label === 'joy')!.score).toBeCloseTo(0.5, 12);
    const onlyText = fuseEmotions(acoustic, text, { weights: { acoustic: 0, text: 2 } });
    expect(onlyText[0]).toMatchObject({ label: 'sadness' });
    expect(onlyText[0]!.score).toBeCloseTo(0.4, 12);
    const equal = fuseEmotions(acoustic, text);
    expect(equal.find((f) => f.label === 'neutral')!.score).toBeCloseTo(0.15, 12);
  });

  it('geometric pooling is the normalised weighted geometric mean', () => {
    const fused = fuseEmotions(acoustic, text, { method: 'geometric' });
    const raw = EKMAN7_LABELS.map((a) => [a, textLabelOf(a)!] as const).map(
      ([a, t]) =>
        [t, Math.sqrt((acoustic as Record<string, number>)[a]! * text.find((x) => x.label === t)!.score)] as const,
    );
    const sum = raw.reduce((s, [, v]) => s + v, 0);
    for (const [label, v] of raw) expect(fused.find((f) => f.label === label)!.score).toBeCloseTo(v / sum, 12);
  });

  it('clear errors for missing, unknown, swapped and duplicated labels', () => {
    const { sad: _, ...missingSad } = acoustic;
    expect(() => fuseEmotions({ ...missingSad, neutral: 0.25 }, text)).toThrow(/acoustic.*missing: sad/);
    expect(() => fuseEmotions({ ...acoustic, calm: 0 }, text)).toThrow(/unexpected: calm/);
    expect(() => fuseEmotions(text, acoustic)).toThrow(/were the arguments swapped/);
    expect(() => fuseEmotions(acoustic, [...text, { label: 'joy', score: 0 }])).toThrow(/"joy" twice/);
    expect(() =>
      fuseEmotions(
        acoustic,
        text.map((t) => (t.label === 'joy' ? { ...t, score: Number.NaN } : t)),
      ),
    ).toThrow(/score of "joy" is NaN/);
    expect(() => fuseEmotions({ ...acoustic, happy: 0.9 }, text)).toThrow(/sum to 1\.4/);
    try {
      fuseEmotions({ ...acoustic, calm: 0 }, text);
    } catch (e) {
      expect(e).toBeInstanceOf(TextEmotionError);
      expect((e as TextEmotionError).code).toBe('FUSION_MISMATCH');
    }
  });

  it('clear errors for weights that make no sense', () => {
    expect(() => fuseEmotions(acoustic, text, { weights: { acoustic: 0, text: 0 } })).toThrow(/both 0/);
    expect(() => fuseEmotions(acoustic, text, { weights: { acoustic: -1, text: 2 } })).toThrow(
      /weights\.acoustic must be a finite number ≥ 0/,
    );
    expect(() => fuseEmotions(acoustic, text, { weights: { acoustic: 1, text: Number.POSITIVE_INFINITY } })).toThrow(
      /weights\.text/,
    );
    expect(() => fuseEmotions(acoustic, text, { weights: { acoustic: 1 } as never })).toThrow(/weights\.text/);
    expect(() => fuseEmotions(acoustic, text, { method: 'max' as never })).toThrow(/method/);
  });
});
