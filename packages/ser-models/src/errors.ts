/** Machine-readable reason of a {@link ModelError}. */
export type ModelErrorCode =
  | 'INVALID_ARGUMENT'
  | 'BACKEND_UNAVAILABLE'
  | 'FILE_NOT_FOUND'
  | 'INVALID_BUNDLE'
  | 'INCOMPATIBLE_FEATURE_CONFIG'
  | 'INVALID_DATA'
  | 'ABORTED'
  /** A worker thread died (memory limit, crash) or could not start. */
  | 'WORKER_FAILED'
  /** A bounded pool or queue is full: retry later. */
  | 'BUSY';

/**
 * The one error type thrown by @ser/models for bad input, missing files or unusable bundles.
 * `file` names the file or directory concerned when there is one.
 */
export class ModelError extends Error {
  /** What went wrong, for programs. */
  readonly code: ModelErrorCode;
  /** The file or directory concerned, if any. */
  readonly file?: string;

  constructor(code: ModelErrorCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ModelError';
    this.code = code;
    if (options.file !== undefined) this.file = options.file;
  }
}
