import type { Emotion } from '@ser/core';
import { rejectName, type NameParseResult } from './parsed-name.js';

/** TESS emotion words (the last part of `<SPEAKER>_<word>_<emotion>`), lower case. */
export const TESS_EMOTION_WORDS: Readonly<Record<string, Emotion>> = {
  angry: 'angry',
  disgust: 'disgust',
  fear: 'fearful',
  happy: 'happy',
  neutral: 'neutral',
  ps: 'surprised',
  sad: 'sad',
};

/** Spellings of "pleasant surprise" found in copies of TESS; all become the source label `ps`. */
const TESS_SURPRISE_SPELLINGS = new Set(['ps', 'pleasant_surprise', 'pleasant_surprised']);
const TESS_SPEAKERS = new Set(['OAF', 'YAF']);
const TESS_NAME = /^([a-z]{2,3})_([a-z]+)_([a-z_]+)$/i;
/**
 * Misspelt speaker prefixes in the published corpus: `OA_bite_neutral.wav` (in `OAF_neutral/`) is an OAF
 * recording.
 */
const TESS_SPEAKER_TYPOS: Readonly<Record<string, string>> = { OA: 'OAF' };

/**
 * Parses a TESS file stem `<SPEAKER>_<word>_<emotion>` (speakers OAF and YAF, both female; emotions angry,
 * disgust, fear, happy, neutral, ps, sad). Case-insensitive; `pleasant_surprise(d)` is read as `ps`, and the
 * published corpus's misspelt `OA_bite_neutral` as speaker OAF.
 *
 * @param stem - file name without extension, e.g. `OAF_back_angry`
 * @returns the item fields (statement = the target word), or the reason the name is not a TESS recording
 */
export function parseTessName(stem: string): NameParseResult {
  const match = TESS_NAME.exec(stem);
  if (!match) return rejectName('not a TESS name: expected <SPEAKER>_<word>_<emotion>');
  const written = match[1]!.toUpperCase();
  const speaker = TESS_SPEAKER_TYPOS[written] ?? written;
  const word = match[2]!.toLowerCase();
  let sourceLabel = match[3]!.toLowerCase();
  if (!TESS_SPEAKERS.has(speaker)) return rejectName(`TESS speaker ${match[1]} is not OAF or YAF`);
  if (TESS_SURPRISE_SPELLINGS.has(sourceLabel)) sourceLabel = 'ps';
  const emotion = TESS_EMOTION_WORDS[sourceLabel];
  if (!emotion) {
    return rejectName(`TESS emotion "${match[3]}" is not one of ${Object.keys(TESS_EMOTION_WORDS).join(', ')}`);
  }
  return {
    ok: true,
    fields: {
      dataset: 'tess',
      speaker: `tess:${speaker}`,
      gender: 'female',
      emotion,
      sourceLabel,
      statement: word,
      stem,
    },
  };
}
