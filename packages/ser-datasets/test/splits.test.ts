import { beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import {
  applyLabelSet,
  assertSpeakerIndependent,
  defaultValidationSplit,
  leaveOneSpeakerOut,
  scanRavdess,
  scanTess,
  speakerFolds,
  speakerSplit,
  stratifiedSplit,
  type DatasetItem,
  type Split,
} from '../src/index.js';
import { RAVDESS_DIR, TESS_DIR } from './paths.js';

function expectSpeakerIndependent(split: Split, items: readonly DatasetItem[]): void {
  const train = new Set(split.train.map((row) => items[row]!.speaker));
  const test = new Set(split.test.map((row) => items[row]!.speaker));
  for (const speaker of test) expect(train.has(speaker)).toBe(false);
  expect([...train].sort()).toEqual(split.trainSpeakers);
  expect([...test].sort()).toEqual(split.testSpeakers);
  expect(split.train.length + split.test.length).toBe(items.length);
  expect(new Set([...split.train, ...split.test]).size).toBe(items.length);
}

describe('speaker-independent splits on RAVDESS + TESS items', needs('ravdess', 'tess'), () => {
  let items: DatasetItem[];
  beforeAll(async () => {
    items = [...(await scanRavdess(RAVDESS_DIR)).items, ...(await scanTess(TESS_DIR)).items];
  });

  it('holds out named speakers', () => {
    const split = speakerSplit(items, { testSpeakers: ['ravdess:17', 'tess:YAF'] });
    expectSpeakerIndependent(split, items);
    expect(split.testSpeakers).toEqual(['ravdess:17', 'tess:YAF']);
    expect(split.test).toHaveLength(60 + 1399);
  });

  it('refuses speakers that are not in the data (e.g. without their namespace)', () => {
    expect(() => speakerSplit(items, { testSpeakers: ['17'] })).toThrow(/test speakers not in the data: 17/);
  });

  it('k-fold by speaker covers every row once and keeps folds balanced and deterministic', () => {
    const folds = speakerFolds(items, { folds: 5, seed: 3 });
    expect(folds).toHaveLength(5);
    const seen = new Set<number>();
    for (const split of folds) {
      expectSpeakerIndependent(split, items);
      for (const row of split.test) {
        expect(seen.has(row)).toBe(false);
        seen.add(row);
      }
    }
    expect(seen.size).toBe(items.length);
    expect(speakerSplit(items, { folds: 5, fold: 2, seed: 3 })).toEqual(folds[2]);
    expect(speakerFolds(items, { folds: 5, seed: 3 })).toEqual(folds);
    expect(speakerFolds(items, { folds: 5, seed: 4 })).not.toEqual(folds);
    expect(() => speakerSplit(items, { folds: 30, fold: 0 })).toThrow(/folds must be an integer in 2 … 22/);
  });

  it('leave-one-speaker-out gives one split per speaker', () => {
    const splits = leaveOneSpeakerOut(items);
    expect(splits).toHaveLength(22);
    for (const split of splits) expectSpeakerIndependent(split, items);
    expect(splits.map((s) => s.testSpeakers[0])).toContain('tess:OAF');
  });

  it('defaultValidationSplit holds out RAVDESS actors 17–20', () => {
    const split = defaultValidationSplit(items);
    expectSpeakerIndependent(split, items);
    expect(split.testSpeakers).toEqual(['ravdess:17', 'ravdess:18', 'ravdess:19', 'ravdess:20']);
    expect(split.test).toHaveLength(240);
  });

  it('defaultValidationSplit without RAVDESS 17–20 holds out ~20% of speakers', () => {
    const subset = items.filter(
      (item) => !['ravdess:17', 'ravdess:18', 'ravdess:19', 'ravdess:20'].includes(item.speaker),
    );
    const split = defaultValidationSplit(subset);
    expectSpeakerIndependent(split, subset);
    expect(split.testSpeakers).toHaveLength(4); // round(18 × 0.2)
  });

  it('stratifiedSplit with speakers is speaker-independent and near the target fraction per label', () => {
    const ravdess = items.filter((item) => item.dataset === 'ravdess');
    const { items: labelled } = applyLabelSet(ravdess, 'ravdess8');
    const split = stratifiedSplit(
      labelled.map((item) => item.label),
      { testFraction: 0.2, seed: 1, speakers: labelled.map((item) => item.speaker) },
    );
    expectSpeakerIndependent(split, labelled);
    expect(split.test).toHaveLength(240); // every RAVDESS actor has 60 files: 4 actors
  });
});

describe('stratifiedSplit by rows', () => {
  const labels = [...Array(100).fill('a'), ...Array(50).fill('b'), ...Array(10).fill('c')] as string[];

  it('keeps every label at the test fraction, seeded and deterministic', () => {
    const split = stratifiedSplit(labels, { testFraction: 0.2, seed: 42 });
    const testLabels = split.test.map((row) => labels[row]);
    expect(testLabels.filter((l) => l === 'a')).toHaveLength(20);
    expect(testLabels.filter((l) => l === 'b')).toHaveLength(10);
    expect(testLabels.filter((l) => l === 'c')).toHaveLength(2);
    expect(split.train).toHaveLength(128);
    expect(stratifiedSplit(labels, { testFraction: 0.2, seed: 42 })).toEqual(split);
    expect(stratifiedSplit(labels, { testFraction: 0.2, seed: 43 }).test).not.toEqual(split.test);
    expect(split.trainSpeakers).toEqual([]);
  });

  it('rejects bad fractions', () => {
    expect(() => stratifiedSplit(labels, { testFraction: 1.5 })).toThrow(/testFraction must be in \(0, 1\)/);
  });
});

describe('assertSpeakerIndependent', () => {
  it('names speakers on both sides', () => {
    expect(() => assertSpeakerIndependent({ trainSpeakers: ['a', 'b'], testSpeakers: ['b'] })).toThrow(
      /speakers on both sides of the split: b/,
    );
  });
});
