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
  | 'BUSY'
  /** A calibration file that is not a valid `ser-calibration` object (format, version, values). */
  | 'INVALID_CALIBRATION'
  /**
   * A calibration and a model that do not go together: a calibrated model without a calibration, a calibration
   * for a model that takes none, or one made with another feature configuration.
   */
  | 'INCOMPATIBLE_CALIBRATION'
  /** Enrolment audio with too little speech to calibrate with. */
  | 'ENROLMENT_TOO_SHORT'
  /** Enrolment audio that is silent. */
  | 'ENROLMENT_SILENT'
  /** Enrolment audio that does not sound calm (e.g. angry or happy speech). */
  | 'ENROLMENT_NOT_CALM';

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
