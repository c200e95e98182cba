/**
 * Longer test speech from RAVDESS (in ../shared): one actor's recordings of one emotion, concatenated with sox,
 * e.g. a few seconds of calm speech to calibrate with. Needs sox and RAVDESS (`needs('sox', 'ravdess')`).
 *
 * @example
 * ```ts
 * const calm = ravdessSpeechWav(dir, { actor: 3, emotion: 'neutral' }); // ≈ 10 s, ≈ 5 s of it speech
 * ```
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DATASETS_DIR } from './requirements.js';

/** RAVDESS emotion codes (the third field of a file name). */
export const RAVDESS_EMOTION_CODES = {
  neutral: '01',
  calm: '02',
  happy: '03',
  sad: '04',
  angry: '05',
  fearful: '06',
  disgust: '07',
  surprised: '08',
} as const;

/** What {@link ravdessSpeechWav} concatenates. */
export interface RavdessSpeechOptions {
  /** Actor 1–20. */
  actor: number;
  emotion: keyof typeof RAVDESS_EMOTION_CODES;
  /** 1 normal (default), 2 strong (neutral has only 1). */
  intensity?: 1 | 2;
}

/** The FLAC path of one RAVDESS speech recording. */
export function ravdessFile(
  actor: number,
  emotion: keyof typeof RAVDESS_EMOTION_CODES,
  intensity: 1 | 2,
  statement: 1 | 2,
  repetition: 1 | 2,
): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return join(
    DATASETS_DIR,
    'ravdess',
    `Actor_${two(actor)}`,
    `03-01-${RAVDESS_EMOTION_CODES[emotion]}-${two(intensity)}-${two(statement)}-${two(repetition)}-${two(actor)}.flac`,
  );
}

/**
 * Concatenates three recordings of `actor` in `emotion` (statement 1 twice, statement 2 once: ≈ 10 s of audio)
 * into `dir/<actor>-<emotion>.wav` (16 kHz mono) with sox; returns its path.
 */
export function ravdessSpeechWav(dir: string, options: RavdessSpeechOptions): string {
  const { actor, emotion, intensity = 1 } = options;
  const inputs = (
    [
      [1, 1],
      [1, 2],
      [2, 1],
    ] as const
  ).map(([statement, repetition]) => ravdessFile(actor, emotion, intensity, statement, repetition));
  const out = join(dir, `actor${actor}-${emotion}-${intensity}.wav`);
  execFileSync('sox', [...inputs, out]);
  return out;
}
