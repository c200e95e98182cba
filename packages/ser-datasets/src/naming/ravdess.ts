import type { Emotion } from '@ser/core';
import type { Intensity } from '../types.js';
import { rejectName, type NameParseResult } from './parsed-name.js';

/** RAVDESS emotion codes (`EE` in `MM-VV-EE-II-SS-RR-AA`). */
export const RAVDESS_EMOTION_CODES: Readonly<Record<string, Emotion>> = {
  '01': 'neutral',
  '02': 'calm',
  '03': 'happy',
  '04': 'sad',
  '05': 'angry',
  '06': 'fearful',
  '07': 'disgust',
  '08': 'surprised',
};

/** RAVDESS statements (`SS`). */
export const RAVDESS_STATEMENTS: Readonly<Record<string, string>> = {
  '01': 'Kids are talking by the door',
  '02': 'Dogs are sitting by the door',
};

const RAVDESS_INTENSITY_CODES: Readonly<Record<string, Intensity>> = { '01': 'normal', '02': 'strong' };
const RAVDESS_NAME = /^(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})$/;
const RAVDESS_ACTOR_FOLDER = /^actor_(\d{1,2})$/i;

/** Options of {@link parseRavdessName}. */
export interface RavdessNameOptions {
  /** Accept song recordings (vocal channel 02). Default false: song files are skipped with a reason. */
  includeSong?: boolean;
}

/**
 * Parses a RAVDESS file stem `MM-VV-EE-II-SS-RR-AA` (modality, vocal channel, emotion, intensity, statement,
 * repetition, actor). Odd actors are male, even female. When the file sits in an `Actor_NN` folder (any case),
 * the folder's number must match the name's.
 *
 * @param stem - file name without extension, e.g. `03-01-05-01-01-01-01`
 * @param parentFolder - name of the directory holding the file (checked when it looks like `Actor_NN`)
 * @returns the item fields, or the reason the name is not a RAVDESS speech recording
 */
export function parseRavdessName(stem: string, parentFolder = '', options: RavdessNameOptions = {}): NameParseResult {
  const match = RAVDESS_NAME.exec(stem);
  if (!match) return rejectName('not a RAVDESS name: expected MM-VV-EE-II-SS-RR-AA (seven 2-digit codes)');
  const [, modality, channel, emotionCode, intensityCode, statement, repetition, actor] = match;
  if (!['01', '02', '03'].includes(modality!)) return rejectName(`RAVDESS modality ${modality} is not 01, 02 or 03`);
  if (channel === '02' && !options.includeSong) {
    return rejectName('RAVDESS song recording (vocal channel 02); pass includeSong to use it');
  }
  if (channel !== '01' && channel !== '02') return rejectName(`RAVDESS vocal channel ${channel} is not 01 or 02`);
  const emotion = RAVDESS_EMOTION_CODES[emotionCode!];
  if (!emotion) return rejectName(`RAVDESS emotion code ${emotionCode} is not 01–08`);
  const intensity = RAVDESS_INTENSITY_CODES[intensityCode!];
  if (!intensity) return rejectName(`RAVDESS intensity code ${intensityCode} is not 01 or 02`);
  if (emotion === 'neutral' && intensity === 'strong') {
    return rejectName('RAVDESS neutral recordings have no strong intensity (02)');
  }
  if (!RAVDESS_STATEMENTS[statement!]) return rejectName(`RAVDESS statement code ${statement} is not 01 or 02`);
  if (repetition !== '01' && repetition !== '02') return rejectName(`RAVDESS repetition ${repetition} is not 01 or 02`);
  const actorNumber = Number(actor);
  if (actorNumber < 1 || actorNumber > 24) return rejectName(`RAVDESS actor ${actor} is not 01–24`);
  const folder = RAVDESS_ACTOR_FOLDER.exec(parentFolder);
  if (folder && Number(folder[1]) !== actorNumber) {
    return rejectName(`RAVDESS actor ${actor} in the name does not match the folder ${parentFolder}`);
  }
  return {
    ok: true,
    fields: {
      dataset: 'ravdess',
      speaker: `ravdess:${actor}`,
      gender: actorNumber % 2 === 1 ? 'male' : 'female',
      emotion,
      sourceLabel: emotionCode!,
      intensity,
      statement: statement!,
      repetition: Number(repetition),
      stem,
    },
  };
}
