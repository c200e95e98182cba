import { DatasetError } from '../errors.js';
import { createRandom, seededShuffle } from '@ser/core';
import { splitBySpeakerSet } from './speaker-split.js';
import type { Split } from './split-types.js';

/** Options of {@link stratifiedSplit}. */
export interface StratifiedSplitOptions {
  /** Fraction of rows on the test side, in (0, 1). */
  testFraction: number;
  /** PRNG seed (default 0); the same seed gives the same split. */
  seed?: number;
  /**
   * Speaker of every row. When given, whole speakers are put on one side (speaker-independent): the test
   * speakers are chosen, among seeded candidates, so that each label's test share is closest to `testFraction`.
   * When omitted, rows are split per label and the same speaker can be on both sides (`trainSpeakers` and
   * `testSpeakers` are then empty): use it only to compare with the classic random-split results.
   */
  speakers?: readonly string[];
  /** Candidate speaker subsets tried when `speakers` is given (default 200). */
  candidates?: number;
}

/**
 * Seeded stratified train/test split: every label keeps about the same proportion on the test side.
 *
 * @param labels - label of every row (strings or class ids)
 * @throws DatasetError INVALID_ARGUMENT for a bad fraction or mismatched lengths; SPLIT_ERROR when a side is empty
 */
export function stratifiedSplit(labels: ArrayLike<string | number>, options: StratifiedSplitOptions): Split {
  const { testFraction } = options;
  const seed = options.seed ?? 0;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new DatasetError('INVALID_ARGUMENT', `testFraction must be in (0, 1), got ${String(testFraction)}`);
  }
  const labelList = Array.from(labels, String);
  if (options.speakers) {
    if (options.speakers.length !== labelList.length) {
      throw new DatasetError(
        'INVALID_ARGUMENT',
        `speakers has ${options.speakers.length} entries but labels has ${labelList.length}`,
      );
    }
    return speakerStratifiedSplit(labelList, options.speakers, testFraction, seed, options.candidates ?? 200);
  }
  const byLabel = new Map<string, number[]>();
  labelList.forEach((label, row) => {
    const rows = byLabel.get(label) ?? [];
    rows.push(row);
    byLabel.set(label, rows);
  });
  const test: number[] = [];
  let labelIndex = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const rows = seededShuffle(byLabel.get(label)!, seed + 7919 * labelIndex++);
    test.push(...rows.slice(0, Math.round(rows.length * testFraction)));
  }
  const testSet = new Set(test);
  const train = labelList.map((_, row) => row).filter((row) => !testSet.has(row));
  if (train.length === 0 || test.length === 0) {
    throw new DatasetError(
      'SPLIT_ERROR',
      `stratified split of ${labelList.length} rows at ${testFraction} has an empty side`,
    );
  }
  return { train, test: test.sort((a, b) => a - b), trainSpeakers: [], testSpeakers: [] };
}

function speakerStratifiedSplit(
  labels: string[],
  speakers: readonly string[],
  testFraction: number,
  seed: number,
  candidates: number,
): Split {
  const uniqueSpeakers = [...new Set(speakers)].sort();
  if (uniqueSpeakers.length < 2) {
    throw new DatasetError(
      'SPLIT_ERROR',
      `a speaker-independent split needs at least 2 speakers, got ${uniqueSpeakers.length}`,
    );
  }
  const labelTotals = new Map<string, number>();
  const perSpeaker = new Map<string, Map<string, number>>();
  labels.forEach((label, row) => {
    labelTotals.set(label, (labelTotals.get(label) ?? 0) + 1);
    const counts = perSpeaker.get(speakers[row]!) ?? new Map<string, number>();
    counts.set(label, (counts.get(label) ?? 0) + 1);
    perSpeaker.set(speakers[row]!, counts);
  });
  const random = createRandom(seed);
  let best: { score: number; speakers: string[] } | undefined;
  for (let c = 0; c < candidates; c++) {
    const order = seededShuffle(uniqueSpeakers, Math.floor(random() * 2 ** 31));
    const testCounts = new Map<string, number>();
    let rows = 0;
    const chosen: string[] = [];
    for (const speaker of order.slice(0, -1)) {
      for (const [label, n] of perSpeaker.get(speaker)!) testCounts.set(label, (testCounts.get(label) ?? 0) + n);
      rows += [...perSpeaker.get(speaker)!.values()].reduce((a, b) => a + b, 0);
      chosen.push(speaker);
      const score = scoreCandidate(testCounts, labelTotals, testFraction);
      if (!best || score < best.score) best = { score, speakers: [...chosen] };
      if (rows >= testFraction * labels.length) break;
    }
  }
  return splitBySpeakerSet(speakers, new Set(best!.speakers));
}

/** Mean absolute difference between each label's test share and the target fraction. */
function scoreCandidate(testCounts: Map<string, number>, totals: Map<string, number>, fraction: number): number {
  let sum = 0;
  for (const [label, total] of totals) sum += Math.abs((testCounts.get(label) ?? 0) / total - fraction);
  return sum / totals.size;
}
