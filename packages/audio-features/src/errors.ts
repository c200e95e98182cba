import { SerError } from '@ser/core';

/**
 * Typed errors of @ser/audio-features. Every error has a stable `code` a program can switch on,
 * a message that says what was wrong and what was expected, and, where a file was involved, its path.
 */

/** Stable error codes. */
export type AudioErrorCode =
  /** A signal has no samples. */
  | 'EMPTY_AUDIO'
  /** A signal holds NaN or ±Infinity. */
  | 'NON_FINITE_AUDIO'
  /** A parameter is out of range (sr ≤ 0, hopLength 0, nFft < 1, …). */
  | 'INVALID_ARGUMENT'
  /** The bytes are not a container this library reads (format detected from the header, not the name). */
  | 'UNSUPPORTED_FORMAT'
  /** The container is known but its codec / sample format is not supported. */
  | 'UNSUPPORTED_CODEC'
  /** The header or data is truncated or inconsistent. */
  | 'CORRUPT_AUDIO'
  /** A file does not exist. */
  | 'NOT_FOUND'
  /** A file exists but could not be read (permission denied, a directory, an I/O error). */
  | 'FILE_NOT_READABLE'
  /**
   * Decoding would exceed its budget (`maxDecodedSamples`), or a file is larger than `maxFileBytes`:
   * refused before the memory is taken.
   */
  | 'TOO_LARGE';

/** Base class of every error thrown by @ser/audio-features (a `SerError` of @ser/core with its own codes). */
export class AudioFeaturesError extends SerError<AudioErrorCode> {
  override readonly name = 'AudioFeaturesError';
}

/**
 * Throws INVALID_ARGUMENT unless `options` is an object (called from JavaScript with nothing, or with a bare
 * signal, a function would otherwise fail with a TypeError deep inside).
 */
export function assertOptionsObject(functionName: string, options: unknown, example: string): void {
  if (options === null || typeof options !== 'object' || ArrayBuffer.isView(options) || Array.isArray(options)) {
    const got =
      options === undefined
        ? 'nothing'
        : ArrayBuffer.isView(options) || Array.isArray(options)
          ? 'an array'
          : typeof options;
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `${functionName} expects an options object such as ${example}, got ${got}`,
    );
  }
}

/** Throws INVALID_ARGUMENT unless `value` is a finite number > 0. */
export function assertPositive(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `${name} must be a finite number > 0, got ${String(value)}`);
  }
}

/** Throws INVALID_ARGUMENT unless `value` is an integer ≥ `min`. */
export function assertInteger(name: string, value: number, min = 1): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
}

/**
 * Throws EMPTY_AUDIO for a zero-length signal and NON_FINITE_AUDIO if any sample is NaN or infinite
 * (naming the first bad index).
 */
export function assertValidSignal(y: ArrayLike<number>, name = 'the audio signal'): void {
  if (!y || y.length === 0) {
    throw new AudioFeaturesError('EMPTY_AUDIO', `${name} is empty: expected at least one sample`);
  }
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isFinite(v)) {
      throw new AudioFeaturesError(
        'NON_FINITE_AUDIO',
        `${name} has a non-finite sample (${String(v)}) at index ${i}: audio must be finite numbers`,
      );
    }
  }
}
