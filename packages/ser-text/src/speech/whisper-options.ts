/**
 * Validation of transcription options and their translation into transformers.js' Whisper pipeline
 * arguments (snake_case as the pipeline expects).
 */
import { TextEmotionError } from '../errors.js';
import { toWhisperLanguageCode } from './whisper-languages.js';

/** What Whisper should produce: text in the spoken language, or an English translation. */
export type WhisperTask = 'transcribe' | 'translate';

/** User-facing chunking / language / task options. */
export interface WhisperCallSettings {
  /** Spoken language (code or English name); undefined = detect (multilingual models) or English. */
  language?: string;
  /** Default `'transcribe'`. */
  task?: WhisperTask;
  /** Window length in seconds for long audio (default 30, Whisper's context; max 30). */
  chunkLengthS?: number;
  /** Overlap on each side of a window in seconds (default 5; must be < chunkLengthS / 2). */
  strideLengthS?: number;
}

/** Arguments for the transformers.js automatic-speech-recognition pipeline. */
export interface WhisperPipelineArguments {
  language: string | null;
  task: WhisperTask;
  chunk_length_s: number;
  stride_length_s: number;
  return_timestamps: true;
}

/**
 * Checks settings and builds the pipeline arguments. `multilingual` false (an `.en` model) allows only
 * English transcription. Throws INVALID_ARGUMENT naming the bad option.
 */
export function buildWhisperArguments(settings: WhisperCallSettings, multilingual: boolean): WhisperPipelineArguments {
  const task = settings.task ?? 'transcribe';
  if (task !== 'transcribe' && task !== 'translate') {
    throw new TextEmotionError('INVALID_ARGUMENT', `task must be 'transcribe' or 'translate', got ${String(task)}`);
  }
  const language =
    settings.language === undefined || settings.language === null ? null : toWhisperLanguageCode(settings.language);
  const chunk = settings.chunkLengthS ?? 30;
  const stride = settings.strideLengthS ?? 5;
  if (typeof chunk !== 'number' || !Number.isFinite(chunk) || chunk <= 0 || chunk > 30) {
    throw new TextEmotionError(
      'INVALID_ARGUMENT',
      `chunkLengthS must be a number of seconds in (0, 30], got ${String(chunk)}`,
    );
  }
  if (typeof stride !== 'number' || !Number.isFinite(stride) || stride < 0 || stride * 2 >= chunk) {
    throw new TextEmotionError(
      'INVALID_ARGUMENT',
      `strideLengthS must be ≥ 0 and < chunkLengthS / 2 (${chunk / 2}), got ${String(stride)}`,
    );
  }
  if (!multilingual) {
    if (task === 'translate')
      throw new TextEmotionError(
        'INVALID_ARGUMENT',
        'this Whisper model is English-only (.en): it cannot translate; use a multilingual model such as Xenova/whisper-base',
      );
    if (language !== null && language !== 'en') {
      throw new TextEmotionError(
        'INVALID_ARGUMENT',
        `this Whisper model is English-only (.en): it cannot transcribe language "${language}"`,
      );
    }
  }
  return {
    // English-only models must not be given a language token.
    language: multilingual ? language : null,
    task,
    chunk_length_s: chunk,
    stride_length_s: stride,
    return_timestamps: true,
  };
}
