/** The shortest recording worth classifying (pure). */
import { CliError } from '../errors.js';

/**
 * Shortest audio the CLI classifies, seconds: below a quarter second there are too few STFT frames (about 10)
 * for the features to describe a voice, and padding it to a chunk would classify mostly zeros.
 */
export const MIN_AUDIO_SECONDS = 0.25;

/** Throws a CliError naming `source` when `seconds` of audio are too short to classify. */
export function assertLongEnough(source: string, seconds: number): void {
  if (seconds >= MIN_AUDIO_SECONDS) return;
  throw new CliError(
    `${source} lasts ${seconds.toFixed(3)} s: too short to classify (at least ${MIN_AUDIO_SECONDS} s of audio is needed)`,
    { hint: 'give a longer recording' },
  );
}
