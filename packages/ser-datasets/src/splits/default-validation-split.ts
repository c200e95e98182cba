import { seededShuffle } from '@ser/core';
import { splitBySpeakerSet } from './speaker-split.js';
import { speakersOfRows, type Split, type SpeakerRows } from './split-types.js';
import { DatasetError } from '../errors.js';

/** RAVDESS actors held out for validation by default (the corpus README's advice). */
export const DEFAULT_RAVDESS_VALIDATION_SPEAKERS: readonly string[] = [
  'ravdess:17',
  'ravdess:18',
  'ravdess:19',
  'ravdess:20',
];

/**
 * The speaker-independent validation split used wherever one is implied: RAVDESS actors 17–20 are held out
 * when the data has any of them (and other speakers remain for training); otherwise about 20% of the speakers
 * (at least one, seeded shuffle) are held out.
 *
 * @throws DatasetError SPLIT_ERROR when there are fewer than two speakers
 */
export function defaultValidationSplit(rows: SpeakerRows, options: { seed?: number; fraction?: number } = {}): Split {
  const speakers = speakersOfRows(rows);
  const unique = [...new Set(speakers)].sort();
  if (unique.length < 2) {
    throw new DatasetError(
      'SPLIT_ERROR',
      `a speaker-independent split needs at least 2 speakers, got ${unique.length}`,
    );
  }
  const ravdessHeldOut = DEFAULT_RAVDESS_VALIDATION_SPEAKERS.filter((speaker) => unique.includes(speaker));
  if (ravdessHeldOut.length > 0 && ravdessHeldOut.length < unique.length) {
    return splitBySpeakerSet(speakers, new Set(ravdessHeldOut));
  }
  const fraction = options.fraction ?? 0.2;
  const count = Math.min(unique.length - 1, Math.max(1, Math.round(unique.length * fraction)));
  const held = seededShuffle(unique, options.seed ?? 0).slice(0, count);
  return splitBySpeakerSet(speakers, new Set(held));
}
