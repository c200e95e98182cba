/**
 * The calibrated evaluation protocol's enrollment (pure): each scored recording's calibration offset from its
 * speaker's neutral recordings whose words differ from its own.
 */
import { ModelError } from '../errors.js';
import { bandMeansOfSums } from './enrollment-band-means.js';

/** A scored recording: whose it is and what was said. */
export interface ScoredRecording {
  /** Its name in messages (a path). */
  name: string;
  speaker: string;
  /** What was said (RAVDESS statement, CREMA-D sentence, TESS word). */
  statement: string | undefined;
}

/** A neutral recording's speech band sums (`recordingSpeechBandSums`), computed once for every recording it enrolls. */
export interface NeutralBandSums {
  speaker: string;
  statement: string | undefined;
  sums: ArrayLike<number>;
  count: number;
}

/** What {@link enrollmentOffsets} found. */
export interface EnrollmentOffsets {
  /** Rows × bands: the band means each scored recording is calibrated with. */
  offsets: Float32Array;
  /** How many neutral recordings enrolled each scored recording. */
  enrolled: Int32Array;
}

/**
 * For every scored recording, the band means (`bandMeansOfSums`) of its speaker's neutral recordings whose words
 * differ from its own (RAVDESS: the other statement; CREMA-D: the other sentences; TESS: the other words), so the
 * calibration never shares words with what it calibrates — as a user enrolls with calm speech of their own.
 *
 * @throws {@link ModelError} `INVALID_DATA` naming a recording without a statement, or one whose speaker has no
 *   neutral recording of other words
 * @example
 * ```ts
 * const { offsets } = enrollmentOffsets(scored, neutrals, 64, 160, 16000);
 * ```
 */
export function enrollmentOffsets(
  scored: readonly ScoredRecording[],
  neutrals: readonly NeutralBandSums[],
  bands: number,
  hopLength: number,
  sr: number,
): EnrollmentOffsets {
  const bySpeaker = new Map<string, NeutralBandSums[]>();
  for (const neutral of neutrals) {
    const list = bySpeaker.get(neutral.speaker);
    if (list) list.push(neutral);
    else bySpeaker.set(neutral.speaker, [neutral]);
  }
  const offsets = new Float32Array(scored.length * bands);
  const enrolled = new Int32Array(scored.length);
  scored.forEach((recording, row) => {
    if (recording.statement === undefined) {
      throw new ModelError(
        'INVALID_DATA',
        `${recording.name}: its file name says nothing about what was said, so the calibration cannot avoid its words`,
      );
    }
    const usable = (bySpeaker.get(recording.speaker) ?? []).filter(
      (neutral) => neutral.statement !== recording.statement,
    );
    if (usable.length === 0) {
      throw new ModelError(
        'INVALID_DATA',
        `${recording.name}: ${recording.speaker} has no neutral recording of other words than "${recording.statement}" to calibrate with ` +
          `(${bySpeaker.get(recording.speaker)?.length ?? 0} neutral recording(s) in all)`,
      );
    }
    enrolled[row] = usable.length;
    offsets.set(bandMeansOfSums(usable, bands, hopLength, sr).bandMeans, row * bands);
  });
  return { offsets, enrolled };
}
