/**
 * Calibrating from encoded recordings (files or their bytes): bounded decoding, then `calibrate`.
 */
import type { ModelBundle } from '../bundle/bundle-types.js';
import { calibrate, type CalibrateOptions } from '../calibration/calibrate.js';
import type { SpeakerCalibration } from '../calibration/speaker-calibration.js';
import { decodeRecording, type DecodeBudget } from './decode-recording.js';

/** One encoded enrollment recording: a path, or bytes with a name for messages. */
export type EncodedEnrollment = string | { bytes: Uint8Array; fileName: string };

/** Options of {@link calibrateEncodedAudio}: `calibrate`'s and each recording's decode budget. */
export interface CalibrateEncodedAudioOptions extends CalibrateOptions, Omit<DecodeBudget, 'fileName'> {}

/**
 * Decodes each recording (WAV, AIFF, FLAC, MP3, Ogg; mono at the model's rate, within the budget) and calibrates
 * `bundle` with them (`calibrate`: errors name the file).
 *
 * @example
 * ```ts
 * import { initBackend } from '@ser/models';
 * import { calibrateEncodedAudio, loadDefaultModel } from '@ser/models/node';
 * await initBackend();
 * const calibration = await calibrateEncodedAudio(await loadDefaultModel({ calibrated: true }), ['calm.wav'],
 *   { calmModel: await loadDefaultModel() });
 * writeFileSync('me.calibration.json', JSON.stringify(calibration, null, 2));
 * ```
 * @throws AudioFeaturesError naming the file that cannot be read or decoded; the ModelErrors of `calibrate`
 */
export async function calibrateEncodedAudio(
  bundle: ModelBundle,
  inputs: readonly EncodedEnrollment[],
  options: CalibrateEncodedAudioOptions = {},
): Promise<SpeakerCalibration> {
  const sampleRate = bundle.metadata.featureConfig.sr;
  const recordings = [];
  for (const input of inputs) {
    const fileName = typeof input === 'string' ? input : input.fileName;
    const decoded = await decodeRecording(typeof input === 'string' ? input : input.bytes, sampleRate, {
      ...options,
      fileName,
    });
    recordings.push({ samples: decoded.samples, sampleRate: decoded.sampleRate, name: fileName });
  }
  return calibrate(bundle, recordings, options);
}
