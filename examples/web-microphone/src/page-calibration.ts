/**
 * The page's speaker calibration: a few seconds of the speaker's calm speech enrolled with @ser/models'
 * `calibrate` for the speaker-calibrated model — fetched the first time it is needed — and kept for the tab
 * (in memory, and in sessionStorage so that a reload keeps it).
 */
import {
  calibrate,
  checkCalibrationFits,
  parseCalibration,
  type ModelBundle,
  type SpeakerCalibration,
} from '@ser/models';
import { loadCalibratedBundle } from './model.js';

/** Seconds of calm speech the Calibrate button records. */
export const CALIBRATION_SECONDS = 5;

const STORAGE_KEY = 'ser-web-microphone.calibration';

/** The speaker-calibrated model and the speaker's calibration: what `createRecognizer` takes. */
export interface CalibratedModel {
  bundle: ModelBundle;
  calibration: SpeakerCalibration;
}

let calibratedBundle: Promise<ModelBundle> | null = null;

/** The speaker-calibrated bundle, fetched on the first call (again after a failed fetch). */
function calibratedBundleOnce(): Promise<ModelBundle> {
  calibratedBundle ??= loadCalibratedBundle().catch((error: unknown) => {
    calibratedBundle = null;
    throw new Error(`could not load the calibrated model: ${(error as Error).message}`);
  });
  return calibratedBundle;
}

/**
 * Enrolls a recording of calm speech: `calibrate(calibratedBundle, [recording], { calmModel })`, kept for the tab.
 * @param calmModel - the page's plain model, which checks that the speech sounds calm
 * @throws ModelError `ENROLLMENT_SILENT`, `ENROLLMENT_TOO_SHORT`, `ENROLLMENT_NOT_CALM` (their messages say what to do);
 *   Error when the calibrated model cannot be fetched
 */
export async function enroll(
  samples: Float32Array,
  sampleRate: number,
  calmModel: ModelBundle,
): Promise<CalibratedModel> {
  const bundle = await calibratedBundleOnce();
  const calibration = calibrate(bundle, [{ samples, sampleRate, name: `the ${CALIBRATION_SECONDS}-s recording` }], {
    calmModel,
  });
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(calibration));
  } catch {
    // storage full or disabled: the calibration lasts as long as the page
  }
  return { bundle, calibration };
}

/**
 * The calibration kept from earlier in this tab, with the calibrated model (fetched then), or `null` when there
 * is none. One that no longer reads or fits (another version, another model) is dropped, as when the model
 * cannot be fetched.
 */
export async function restoreCalibration(): Promise<CalibratedModel | null> {
  let stored: string | null = null;
  try {
    stored = sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
  if (stored === null) return null;
  try {
    const calibration = parseCalibration(stored, 'the calibration kept in this tab');
    const bundle = await calibratedBundleOnce();
    checkCalibrationFits(bundle.metadata, calibration, 'the calibrated model');
    return { bundle, calibration };
  } catch {
    forgetCalibration();
    return null;
  }
}

/** Drops the kept calibration. */
export function forgetCalibration(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing kept
  }
}
