/** The checks both microphone recorders (Node and browser) make on their options (browser-safe). */
import { TextEmotionError } from './errors.js';

/**
 * `seconds` (required, in (0, 3600]) and `sampleRate` (default 16 000 Hz, an integer in [1000, 384000]).
 * @throws TextEmotionError INVALID_ARGUMENT naming the bad value
 */
export function validateRecordingLength(options: { seconds: number; sampleRate?: number }): {
  seconds: number;
  sampleRate: number;
} {
  const { seconds } = options;
  const sampleRate = options.sampleRate ?? 16_000;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new TextEmotionError('INVALID_ARGUMENT', `seconds must be a number in (0, 3600], got ${String(seconds)}`);
  }
  if (!Number.isInteger(sampleRate) || sampleRate < 1000 || sampleRate > 384_000) {
    throw new TextEmotionError(
      'INVALID_ARGUMENT',
      `sampleRate must be an integer number of Hz in [1000, 384000], got ${String(sampleRate)}`,
    );
  }
  return { seconds, sampleRate };
}
