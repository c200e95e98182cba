import { DatasetError } from '../errors.js';
import { compareCodeUnits } from '../sort.js';
import { seededShuffle } from '@ser/core';
import { speakersOfRows, type Split, type SpeakerRows } from './split-types.js';

/** Hold out the named speakers. */
export interface HoldOutSpeakersOptions {
  /** Namespaced speaker ids to put on the test side (`ravdess:17`, `tess:OAF`, `cremad:1001`). */
  testSpeakers: readonly string[];
}

/** Fold `fold` of a k-fold partition by speaker. */
export interface SpeakerFoldOptions {
  /** Number of folds k (2 … number of speakers; k = number of speakers is leave-one-speaker-out). */
  folds: number;
  /** Which fold (0 … k − 1) is the test side. */
  fold: number;
  /** Seed of the speaker shuffle before folds are filled (default 0). */
  seed?: number;
}

/**
 * Splits rows by speaker so that no speaker is on both sides: either the named `testSpeakers` are held out,
 * or speakers are dealt into `folds` folds of about equal row counts (seeded, deterministic) and fold `fold`
 * is the test side.
 *
 * @throws DatasetError SPLIT_ERROR when a named speaker is not in the data, a side would be empty, or the
 *   fold options are out of range
 */
export function speakerSplit(rows: SpeakerRows, options: HoldOutSpeakersOptions | SpeakerFoldOptions): Split {
  const speakers = speakersOfRows(rows);
  const present = new Set(speakers);
  let testSet: Set<string>;
  if ('testSpeakers' in options) {
    const missing = options.testSpeakers.filter((speaker) => !present.has(speaker));
    if (missing.length > 0) {
      throw new DatasetError(
        'SPLIT_ERROR',
        `test speakers not in the data: ${missing.join(', ')} (speakers are namespaced, e.g. ravdess:17; present: ${[...present].sort(compareCodeUnits).join(', ')})`,
      );
    }
    testSet = new Set(options.testSpeakers);
  } else {
    const folds = assignSpeakerFolds(speakers, options.folds, options.seed ?? 0);
    if (!Number.isInteger(options.fold) || options.fold < 0 || options.fold >= options.folds) {
      throw new DatasetError(
        'SPLIT_ERROR',
        `fold must be an integer in 0 … ${options.folds - 1}, got ${String(options.fold)}`,
      );
    }
    testSet = new Set(folds[options.fold]);
  }
  return splitBySpeakerSet(speakers, testSet);
}

/**
 * Every fold of a k-fold speaker partition (`speakerSplit` with fold = 0 … k − 1).
 * With `folds` = number of speakers this is leave-one-speaker-out.
 */
export function speakerFolds(rows: SpeakerRows, options: { folds: number; seed?: number }): Split[] {
  const speakers = speakersOfRows(rows);
  const folds = assignSpeakerFolds(speakers, options.folds, options.seed ?? 0);
  return folds.map((fold) => splitBySpeakerSet(speakers, new Set(fold)));
}

/** Leave-one-speaker-out: one split per speaker (sorted by speaker id), that speaker on the test side. */
export function leaveOneSpeakerOut(rows: SpeakerRows): Split[] {
  const speakers = speakersOfRows(rows);
  return [...new Set(speakers)]
    .sort(compareCodeUnits)
    .map((speaker) => splitBySpeakerSet(speakers, new Set([speaker])));
}

/**
 * Deals speakers into `k` folds: speakers are shuffled (seeded), then taken in order of decreasing row count and
 * each added to the fold with the fewest rows so far, so folds hold about the same number of rows.
 */
export function assignSpeakerFolds(speakers: readonly string[], k: number, seed: number): string[][] {
  const rowCounts = new Map<string, number>();
  for (const speaker of speakers) rowCounts.set(speaker, (rowCounts.get(speaker) ?? 0) + 1);
  const unique = [...rowCounts.keys()].sort(compareCodeUnits);
  if (!Number.isInteger(k) || k < 2 || k > unique.length) {
    throw new DatasetError(
      'SPLIT_ERROR',
      `folds must be an integer in 2 … ${unique.length} (the number of speakers), got ${String(k)}`,
    );
  }
  const order = seededShuffle(unique, seed);
  const rank = new Map(order.map((speaker, i) => [speaker, i]));
  order.sort((a, b) => rowCounts.get(b)! - rowCounts.get(a)! || rank.get(a)! - rank.get(b)!);
  const folds: string[][] = Array.from({ length: k }, () => []);
  const load = new Array<number>(k).fill(0);
  for (const speaker of order) {
    let target = 0;
    for (let f = 1; f < k; f++) {
      if (load[f]! < load[target]! || (load[f] === load[target] && folds[f]!.length < folds[target]!.length))
        target = f;
    }
    folds[target]!.push(speaker);
    load[target]! += rowCounts.get(speaker)!;
  }
  return folds.map((fold) => fold.sort(compareCodeUnits));
}

/**
 * Builds a split from per-row speakers and the set of test speakers, asserting both sides are non-empty and
 * share no speaker.
 */
export function splitBySpeakerSet(speakers: readonly string[], testSet: ReadonlySet<string>): Split {
  const train: number[] = [];
  const test: number[] = [];
  speakers.forEach((speaker, row) => (testSet.has(speaker) ? test : train).push(row));
  const split = {
    train,
    test,
    trainSpeakers: uniqueSorted(train.map((row) => speakers[row]!)),
    testSpeakers: uniqueSorted(test.map((row) => speakers[row]!)),
  };
  assertSpeakerIndependent(split);
  if (train.length === 0 || test.length === 0) {
    throw new DatasetError('SPLIT_ERROR', `split has an empty ${train.length === 0 ? 'training' : 'test'} side`);
  }
  return split;
}

/**
 * Throws unless no speaker appears on both sides of a split.
 * @throws DatasetError SPLIT_ERROR naming the shared speakers
 */
export function assertSpeakerIndependent(split: Pick<Split, 'trainSpeakers' | 'testSpeakers'>): void {
  const trainSet = new Set(split.trainSpeakers);
  const shared = split.testSpeakers.filter((speaker) => trainSet.has(speaker));
  if (shared.length > 0) {
    throw new DatasetError('SPLIT_ERROR', `speakers on both sides of the split: ${shared.join(', ')}`);
  }
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareCodeUnits);
}
