import type { Emotion } from '@ser/core';
import type { Intensity } from '../types.js';
import { CREMA_D_ACTORS } from './cremad-demographics.js';
import { rejectName, type NameParseResult } from './parsed-name.js';

/** CREMA-D emotion codes (`EEE` in `AAAA_SSS_EEE_LL`). */
export const CREMA_D_EMOTION_CODES: Readonly<Record<string, Emotion>> = {
  ANG: 'angry',
  DIS: 'disgust',
  FEA: 'fearful',
  HAP: 'happy',
  NEU: 'neutral',
  SAD: 'sad',
};

/** CREMA-D sentence codes (`SSS`) and the sentences spoken. */
export const CREMA_D_SENTENCES: Readonly<Record<string, string>> = {
  IEO: "It's eleven o'clock",
  TIE: 'That is exactly what happened',
  IOM: "I'm on my way to the meeting",
  IWW: 'I wonder what this is about',
  TAI: 'The airplane is almost full',
  MTI: 'Maybe tomorrow it will be cold',
  IWL: 'I would like a new alarm clock',
  ITH: "I think I have a doctor's appointment",
  DFA: "Don't forget a jacket",
  ITS: "I think I've seen this before",
  TSI: 'The surface is slick',
  WSI: "We'll stop in a couple of minutes",
};

/** CREMA-D emotion levels (`LL`). */
export const CREMA_D_LEVELS: Readonly<Record<string, Intensity>> = {
  LO: 'low',
  MD: 'medium',
  HI: 'high',
  XX: 'unspecified',
};

const CREMA_D_NAME = /^(\d{4})_([A-Za-z]{3})_([A-Za-z]{3})_([A-Za-z]{2})$/;

/**
 * Parses a CREMA-D file stem `AAAA_SSS_EEE_LL` (actor 1001–1091, sentence code, emotion ANG/DIS/FEA/HAP/NEU/SAD,
 * level LO/MD/HI/XX). Gender comes from the published VideoDemographics.csv (embedded). Codes are matched
 * case-insensitively and reported upper-case.
 *
 * @param stem - file name without extension, e.g. `1001_DFA_ANG_XX`
 * @returns the item fields, or the reason the name is not a CREMA-D recording
 */
export function parseCremaDName(stem: string): NameParseResult {
  const match = CREMA_D_NAME.exec(stem);
  if (!match) return rejectName('not a CREMA-D name: expected AAAA_SSS_EEE_LL, e.g. 1001_DFA_ANG_XX');
  const actorId = Number(match[1]);
  const sentence = match[2]!.toUpperCase();
  const emotionCode = match[3]!.toUpperCase();
  const levelCode = match[4]!.toUpperCase();
  const actor = CREMA_D_ACTORS.get(actorId);
  if (!actor) return rejectName(`CREMA-D actor ${match[1]} is not in VideoDemographics.csv (1001–1091)`);
  if (!CREMA_D_SENTENCES[sentence]) {
    return rejectName(`CREMA-D sentence code ${match[2]} is not one of ${Object.keys(CREMA_D_SENTENCES).join(' ')}`);
  }
  const emotion = CREMA_D_EMOTION_CODES[emotionCode];
  if (!emotion) {
    return rejectName(`CREMA-D emotion code ${match[3]} is not one of ${Object.keys(CREMA_D_EMOTION_CODES).join(' ')}`);
  }
  const intensity = CREMA_D_LEVELS[levelCode];
  if (!intensity) return rejectName(`CREMA-D level ${match[4]} is not one of LO MD HI XX`);
  return {
    ok: true,
    fields: {
      dataset: 'cremad',
      speaker: `cremad:${actorId}`,
      gender: actor.sex === 'Male' ? 'male' : 'female',
      emotion,
      sourceLabel: emotionCode,
      intensity,
      statement: sentence,
      stem,
    },
  };
}
