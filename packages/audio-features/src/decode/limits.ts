import { AudioFeaturesError } from '../errors.js';

/**
 * Default of `maxDecodedSamples`: three hours of mono 16 kHz audio, 172 800 000 samples (691 MB as
 * float32). A 1-hour 48 kHz mono file is within it; 1 hour of 8-channel 96 kHz audio is not.
 */
export const DEFAULT_MAX_DECODED_SAMPLES = 3 * 3600 * 16000;

/** Lowest sample rate a file may declare, Hz (below it a header is damaged or forged, e.g. 1 Hz). */
export const MIN_SAMPLE_RATE = 1000;

/** Highest sample rate a file may declare, Hz (768 kHz, the highest rate audio interfaces record at). */
export const MAX_SAMPLE_RATE = 768_000;

/** Most channels a file may declare (FLAC stops at 8, Opus and Vorbis at 255). */
export const MAX_CHANNELS = 256;

/**
 * Throws CORRUPT_AUDIO unless a header's sample rate and channel count are plausible: 1 000–768 000 Hz and
 * 1–256 channels. `source` names what declared them, e.g. `the WAV header`.
 */
export function assertPlausibleStream(
  source: string,
  sampleRate: number,
  channels: number,
  file: string | undefined,
): void {
  if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) {
    throw new AudioFeaturesError(
      'CORRUPT_AUDIO',
      `${source} claims ${channels} channels (expected 1–${MAX_CHANNELS})`,
      { file },
    );
  }
  if (!Number.isFinite(sampleRate) || sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw new AudioFeaturesError(
      'CORRUPT_AUDIO',
      `${source} claims a sample rate of ${sampleRate} Hz (expected ${MIN_SAMPLE_RATE}–${MAX_SAMPLE_RATE} Hz; the header is damaged or forged)`,
      { file },
    );
  }
}

/**
 * The validated `maxDecodedSamples` option: a positive integer, or `Infinity` for no limit; undefined
 * means {@link DEFAULT_MAX_DECODED_SAMPLES}.
 * @throws AudioFeaturesError INVALID_ARGUMENT
 */
export function resolveMaxDecodedSamples(value: number | undefined, file?: string): number {
  if (value === undefined) return DEFAULT_MAX_DECODED_SAMPLES;
  if (typeof value !== 'number' || !(value === Infinity || (Number.isInteger(value) && value > 0))) {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `maxDecodedSamples must be a positive integer or Infinity, got ${String(value)}`,
      { file },
    );
  }
  return value;
}

/**
 * The validated `maxSeconds` option: a positive number of seconds, or `Infinity` (also what undefined means).
 * @throws AudioFeaturesError INVALID_ARGUMENT
 */
export function resolveMaxSeconds(value: number | undefined, file?: string): number {
  if (value === undefined) return Infinity;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `maxSeconds must be a number of seconds > 0 (or Infinity), got ${String(value)}`,
      { file },
    );
  }
  return value;
}

/** A duration for messages: `2 h 5 min`, `12 min 3 s`, `4.2 s`. */
export function describeDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return `${seconds} s`;
  if (seconds < 60) return `${Number(seconds.toPrecision(3))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.floor(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A count with thin groups for messages: 172 800 000. */
export function groupDigits(value: number): string {
  return Number.isFinite(value)
    ? Math.round(value)
        .toString()
        .replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
    : String(value);
}

/** The budget as a message fragment, e.g. `the limit of 172 800 000 samples (maxDecodedSamples: 3 h 0 min of mono 16 kHz audio)`. */
export function describeBudget(maxDecodedSamples: number): string {
  return `the limit of ${groupDigits(maxDecodedSamples)} samples (maxDecodedSamples: ${describeDuration(maxDecodedSamples / 16000)} of mono 16 kHz audio)`;
}

/** What to do about a recording over the budget, for messages. */
export const OVER_BUDGET_ADVICE =
  'Convert it to mono 16 kHz first (e.g. `ffmpeg -i in -ac 1 -ar 16000 out.flac`), cut it into parts, or raise the limit.';
