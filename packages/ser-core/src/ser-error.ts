/**
 * The one error shape of ser: every package's error class (`AudioFeaturesError`, `DatasetError`, `ModelError`,
 * `TextEmotionError`, `CliError`, …) extends {@link SerError} with its own union of codes.
 */

/** What a {@link SerError} carries besides its code and message. */
export interface SerErrorOptions {
  /** The file, directory or URL concerned, when there is one. The message starts with it (put in front unless the message starts with it already). */
  file?: string;
  /** The error that led to this one (a file-system error, a worker's failure, …). */
  cause?: unknown;
  /** What the user can do about it, in a sentence (shown by the CLI after the message). */
  hint?: string;
}

/**
 * Base class of every error ser throws on purpose. `code` is stable and machine-readable (programs switch on
 * it); `message` says what was wrong and what was expected and, when a file was involved, names it (`file`):
 * the message starts with the path (it is put in front unless the message starts with it already). Each package narrows `Code` to its own union, so `instanceof DatasetError` and
 * `instanceof SerError` both work, and `error.code` is typed.
 *
 * Codes shared across packages mean the same everywhere: `INVALID_ARGUMENT` (a parameter of the wrong type or
 * out of range), `NOT_FOUND` (a file, directory, model or script that does not exist), `ABORTED` (cancelled
 * through an AbortSignal).
 *
 * @typeParam Code - the package's error codes
 * @example
 * ```ts
 * import { SerError } from '@ser/core';
 *
 * type ThingErrorCode = 'NOT_FOUND' | 'INVALID_ARGUMENT';
 * class ThingError extends SerError<ThingErrorCode> {
 *   override readonly name = 'ThingError';
 * }
 *
 * const error = new ThingError('NOT_FOUND', 'no such thing', { file: 'things/a.json' });
 * error.message; // 'things/a.json: no such thing'
 * error instanceof SerError; // true
 * ```
 */
export class SerError<Code extends string = string> extends Error {
  override name = 'SerError';
  /** Stable machine-readable code. */
  readonly code: Code;
  /** The file, directory or URL involved, when there is one. */
  declare readonly file?: string;
  /** What the user can do about it, when known. */
  declare readonly hint?: string;

  /**
   * @param code - the stable code
   * @param message - what was wrong and what was expected; `file`, when given, is put in front of it unless the message starts with it
   * @param options - the file concerned, the cause, a hint
   */
  constructor(code: Code, message: string, options: SerErrorOptions = {}) {
    super(
      options.file !== undefined && !message.startsWith(options.file) ? `${options.file}: ${message}` : message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    if (options.file !== undefined) (this as { file?: string }).file = options.file;
    if (options.hint !== undefined) (this as { hint?: string }).hint = options.hint;
  }
}
