import { SerError } from '@ser/core';

/**
 * Typed errors of @ser/datasets. Every error has a stable `code` a program can switch on and a message
 * that says what was wrong and what was expected; where a file was involved, its path is in `file`.
 */

/** Stable error codes. */
export type DatasetErrorCode =
  /** An option or argument is out of range or of the wrong type. */
  | 'INVALID_ARGUMENT'
  /** A directory or file does not exist or cannot be read. */
  | 'NOT_FOUND'
  /** An item's emotion / source label is not covered by the label set's mapping. */
  | 'UNKNOWN_LABEL'
  /** A `.npy` file is malformed or uses a layout this library does not read (big-endian, object, Fortran order). */
  | 'NPY_FORMAT'
  /** A saved corpus (`.meta.json` + `.npy`) is missing parts or inconsistent. */
  | 'CORPUS_FORMAT'
  /** Corpora cannot be merged: their feature configurations, label sets or shapes differ. */
  | 'INCOMPATIBLE_CORPORA'
  /** A split would put one speaker on both sides, or names speakers the corpus does not have. */
  | 'SPLIT_ERROR'
  /** A file could not be written or read (disk full, permission denied…): the message names it. */
  | 'IO_ERROR'
  /** The feature-extraction worker pool failed (not a per-file failure, which is reported in `failures`). */
  | 'WORKER_ERROR'
  /** The operation was cancelled through an AbortSignal. */
  | 'ABORTED';

/** Base class of every error thrown by @ser/datasets (a `SerError` of @ser/core with its own codes). */
export class DatasetError extends SerError<DatasetErrorCode> {
  override readonly name = 'DatasetError';
}
