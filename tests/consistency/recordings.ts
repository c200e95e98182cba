/**
 * The recordings every front end must agree on (issue #13): RAVDESS actor 1's angry sentence (the recording of the
 * issue: the CLI said angry, the service and the bot happy) and a 48 kHz stereo WAV of it, a pause and a sad one.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DATASETS_DIR } from '@ser/test-support';

/** RAVDESS actor 1, angry, normal intensity. */
export const ANGRY = join(DATASETS_DIR, 'ravdess/Actor_01/03-01-05-01-01-01-01.flac');
/** RAVDESS actor 2, sad, normal intensity. */
export const SAD = join(DATASETS_DIR, 'ravdess/Actor_02/03-01-04-01-02-01-02.flac');

/**
 * Writes `dir/angry-pause-sad-48k-stereo.wav` with sox — 48 kHz stereo 24-bit: the angry sentence, 2.5 s of
 * silence, the sad one, so that resampling, the mono mix, silent chunks and the remainder rule all take part —
 * and returns its path. Needs sox and RAVDESS.
 */
export function mixedRecording(dir: string): string {
  const mixed = join(dir, 'angry-pause-sad-48k-stereo.wav');
  const pause = join(dir, 'pause.wav');
  execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', pause, 'trim', '0', '2.5']);
  execFileSync('sox', [ANGRY, pause, SAD, '-r', '48000', '-c', '2', '-b', '24', mixed]);
  return mixed;
}
