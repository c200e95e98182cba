/**
 * The recognizer of a command given a speaker calibration (`--calibration`, `--calibrate`): the model must be a
 * speaker-calibrated bundle, and a calibration must fit it; both failures end in a message naming the model and
 * the calibration file.
 */
import type { Recognizer, SpeakerCalibration } from '@ser/models';
import { loadModels } from '../deps.js';
import { CliError } from '../errors.js';
import type { EmotionModel } from '../model/emotion-model.js';
import type { ModelLocation } from '../model/resolve-model-dir.js';

/** The model's name in messages: `the calibrated default model` or `--model <dir>`. */
export function modelName(location: ModelLocation, calibrated: boolean): string {
  if (!location.isDefault) return `the model in ${location.dir}`;
  return calibrated ? 'the calibrated default model' : 'the default model';
}

/**
 * Throws unless `model` takes a speaker calibration (its bundle metadata has `calibration`).
 * @param why - what asked for one, named in the message (`--calibration me.calibration.json`)
 * @throws CliError naming the model folder, with a hint to leave out --model
 */
export function assertTakesCalibration(model: EmotionModel, location: ModelLocation, why: string): void {
  if (model.bundle.metadata.calibration !== undefined) return;
  throw new CliError(
    `${why}: ${modelName(location, false)} takes no speaker calibration (it was not trained on calibrated features)`,
    {
      hint: 'leave out --model to use the calibrated default model (pretrained/default-calibrated), or give a speaker-calibrated bundle',
    },
  );
}

/** What {@link createCalibratedRecognizer} needs. */
export interface RecognizerRequest {
  model: EmotionModel;
  location: ModelLocation;
  /** The speaker's calibration and where it came from (named in messages), when there is one. */
  calibration?: { calibration: SpeakerCalibration; file: string } | undefined;
  chunkSeconds?: number;
  hopSeconds?: number;
}

/**
 * @ser/models' `createRecognizer` for the model, with the calibration when given.
 * @throws CliError for a calibration made with other features than the model's (naming both), or a
 *   speaker-calibrated model without a calibration (hint: `--calibration`)
 */
export async function createCalibratedRecognizer(request: RecognizerRequest): Promise<Recognizer> {
  const { createRecognizer, ModelError } = await loadModels();
  const { model, location, calibration } = request;
  try {
    return createRecognizer({
      bundle: model.bundle,
      calibration: calibration?.calibration,
      ...(request.chunkSeconds !== undefined ? { chunkSeconds: request.chunkSeconds } : {}),
      ...(request.hopSeconds !== undefined ? { hopSeconds: request.hopSeconds } : {}),
    });
  } catch (error) {
    if (!(error instanceof ModelError) || error.code !== 'INCOMPATIBLE_CALIBRATION') throw error;
    if (calibration === undefined) {
      throw new CliError(`${modelName(location, true)} is speaker-calibrated and needs a calibration`, {
        hint: 'add --calibration <file.calibration.json> (made with `ser calibrate`), or use an uncalibrated model',
        cause: error,
      });
    }
    throw new CliError(`${calibration.file} does not fit ${modelName(location, true)}: ${error.message}`, {
      hint: `make a new calibration with this model: ser calibrate <calm-recording…> --out ${calibration.file}${location.isDefault ? '' : ` --model ${location.dir}`}`,
      cause: error,
    });
  }
}
