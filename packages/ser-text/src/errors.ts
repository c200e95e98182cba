import { SerError } from '@ser/core';

/**
 * Typed errors of @ser/text. Every error has a stable `code` a program can switch on and a message
 * saying what was wrong and what was expected.
 */

/** Stable error codes of {@link TextEmotionError}. */
export type TextErrorCode =
  /** Text is empty or only whitespace. */
  | 'EMPTY_TEXT'
  /** Bytes given as text are not valid UTF-8. */
  | 'INVALID_UTF8'
  /** An argument has the wrong type or is out of range. */
  | 'INVALID_ARGUMENT'
  /** A model file is malformed or inconsistent. */
  | 'INVALID_MODEL'
  /** The built-in model's file could not be read or fetched. */
  | 'MODEL_UNAVAILABLE'
  /** A model produced or a caller passed a label that is not one of the known emotion labels. */
  | 'UNKNOWN_LABEL'
  /** Two distributions cannot be combined (missing labels, different label sets, bad weights). */
  | 'FUSION_MISMATCH'
  /** The optional peer dependency @huggingface/transformers is not installed. */
  | 'TRANSFORMERS_NOT_INSTALLED'
  /** Audio given to transcribe is unusable (empty, non-finite, bad sample rate). */
  | 'INVALID_AUDIO'
  /** No microphone recorder is available, or recording failed. */
  | 'RECORDER_UNAVAILABLE'
  | 'RECORDING_FAILED';

/** Base class of the errors thrown by @ser/text (a `SerError` of @ser/core with its own codes). */
export class TextEmotionError extends SerError<TextErrorCode> {
  override readonly name = 'TextEmotionError';
}

/**
 * A transformers.js model is not on disk (and downloading was not allowed). The message names the
 * exact folder (`modelDir`) and the files that are needed there. Its code is `NOT_FOUND`, as for any
 * missing file in ser.
 */
export class ModelNotFoundError extends SerError<'NOT_FOUND'> {
  /** The model id or path that was asked for. */
  readonly model: string;
  /** The folder the files must be in. */
  readonly modelDir: string;
  /** Files (relative to `modelDir`) the model needs. */
  readonly requiredFiles: string[];
  /** Of those, the ones known to be missing (empty when the check could not list them). */
  readonly missingFiles: string[];

  constructor(details: {
    model: string;
    modelDir: string;
    requiredFiles: string[];
    missingFiles: string[];
    cause?: unknown;
  }) {
    const missing = details.missingFiles.length > 0 ? `missing: ${details.missingFiles.join(', ')}. ` : '';
    const isFolder = /^(\/|\.|[A-Za-z]:[\\/]|file:)/u.test(details.model);
    super(
      'NOT_FOUND',
      `model "${details.model}" is not available offline. ${missing}` +
        `Put these files in ${details.modelDir}/ : ${details.requiredFiles.join(', ')}` +
        (isFolder
          ? '.'
          : ` (from https://huggingface.co/${details.model}), or set SER_MODELS_DIR / the modelsDir option to the folder ` +
            `that holds "${details.model}", or pass allowDownload: true to fetch it from the Hugging Face Hub into that folder.`),
      { cause: details.cause },
    );
    this.name = 'ModelNotFoundError';
    this.model = details.model;
    this.modelDir = details.modelDir;
    this.requiredFiles = [...details.requiredFiles];
    this.missingFiles = [...details.missingFiles];
  }
}
