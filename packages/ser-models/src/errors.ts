import { SerError } from '@ser/core';

/** Machine-readable reason of a {@link ModelError}. */
export type ModelErrorCode =
  | 'INVALID_ARGUMENT'
  | 'BACKEND_UNAVAILABLE'
  /** A file, URL or built script that does not exist (`file` names it). */
  | 'NOT_FOUND'
  /** A file that exists but could not be read, or a URL that could not be fetched. */
  | 'FILE_NOT_READABLE'
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
  /** Enrollment audio with too little speech to calibrate with. */
  | 'ENROLLMENT_TOO_SHORT'
  /** Enrollment audio that is silent. */
  | 'ENROLLMENT_SILENT'
  /** Enrollment audio that does not sound calm (e.g. angry or happy speech). */
  | 'ENROLLMENT_NOT_CALM';

/**
 * The one error type thrown by @ser/models for bad input, missing files or unusable bundles (a `SerError` of @ser/core
 * with its own codes). `file` names the file, directory or URL concerned when there is one, and the message
 * names it too.
 */
export class ModelError extends SerError<ModelErrorCode> {
  override readonly name = 'ModelError';
}
