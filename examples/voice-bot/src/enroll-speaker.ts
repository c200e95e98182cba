/**
 * A speaker's calibration from one voice message of calm speech, on the recognizer pool (decoding, the silence,
 * length and calm checks and the offset are @ser/models' own).
 */
import type { SpeakerCalibration } from '@ser/models';
import type { RecognizerPool } from '@ser/models/node';

/** The outcome of {@link enrollSpeaker}. */
export type Enrollment = { kind: 'calibrated'; calibration: SpeakerCalibration } | { kind: 'busy' };

/**
 * Enrolls the speaker of a voice message (`reserve().calibrate` of the pool).
 * @returns the calibration, or `busy` when every place of the pool is taken
 * @throws ModelError `ENROLLMENT_SILENT` / `ENROLLMENT_TOO_SHORT` / `ENROLLMENT_NOT_CALM` for speech that cannot
 *   calibrate, `INCOMPATIBLE_CALIBRATION` when the pool has no calibrated model; AudioFeaturesError for audio
 *   that cannot be decoded
 */
export async function enrollSpeaker(pool: RecognizerPool, audio: Uint8Array, fileName: string): Promise<Enrollment> {
  const place = pool.reserve();
  if (place === null) return { kind: 'busy' };
  return { kind: 'calibrated', calibration: await place.calibrate(audio, fileName) };
}
