/**
 * The `--text` view's error for a Whisper model that is not installed, in the CLI's terms: every missing file,
 * and the flags (not @ser/text's option names) that point at a models folder or allow a download.
 */

/** The fields of @ser/text's ModelNotFoundError that the message needs (matched by `code`, no import). */
interface ModelNotFound {
  code: 'NOT_FOUND';
  model: string;
  modelDir: string;
  requiredFiles: string[];
  missingFiles: string[];
}

function isModelNotFound(error: unknown): error is ModelNotFound {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'NOT_FOUND' &&
    Array.isArray((error as { missingFiles?: unknown }).missingFiles)
  );
}

/**
 * For a ModelNotFoundError: what is missing where, and a hint naming `--models-dir`, `$SER_MODELS_DIR` and
 * `--allow-download`; undefined for any other error.
 *
 * @example
 * ```ts
 * describeMissingTextModel(error)
 * // { message: 'Whisper model "Xenova/whisper-base" is not in models/Xenova/whisper-base/: missing config.json, …',
 * //   hint: 'put the files there (from https://huggingface.co/Xenova/whisper-base), point --models-dir …' }
 * ```
 */
export function describeMissingTextModel(error: unknown): { message: string; hint: string } | undefined {
  if (!isModelNotFound(error)) return undefined;
  const missing = error.missingFiles.length > 0 ? error.missingFiles : error.requiredFiles;
  const isFolder = /^(\/|\.|[A-Za-z]:[\\/]|file:)/u.test(error.model);
  return {
    message: `Whisper model "${error.model}" is not in ${error.modelDir}/: missing ${missing.join(', ')}`,
    hint: isFolder
      ? 'put the files in that folder, or pass another --whisper folder'
      : `put the files there (from https://huggingface.co/${error.model}), point --models-dir (or $SER_MODELS_DIR) ` +
        `at the folder that holds "${error.model}", or add --allow-download to fetch them into it`,
  };
}
