/**
 * `transcribe`: speech to text with a transformers.js Whisper pipeline, offline from the models folder.
 */
import { loadPipeline, type LoadPipelineOptions } from '../transformers/load-pipeline.js';
import { loadTransformers } from '../transformers/load-transformers.js';
import { DEFAULT_WHISPER_MODEL, whisperFiles } from '../transformers/model-location.js';
import { assertDtype } from '../transformers/model-location.js';
import { isSilent, prepareSpeechAudio, WHISPER_SAMPLE_RATE, type SpeechAudioInput } from './speech-audio.js';
import { pickLanguageFromLogits } from './whisper-languages.js';
import { buildWhisperArguments, type WhisperCallSettings, type WhisperTask } from './whisper-options.js';

/** Options of {@link transcribe}. */
export interface TranscribeOptions extends LoadPipelineOptions, WhisperCallSettings {
  /** Hub id (looked up in the models folder) or folder. Default `Xenova/whisper-base` (multilingual). */
  model?: string;
  /** Audio whose peak stays below this level (dBFS, default −60) is not sent to the model: empty text. */
  silenceThresholdDb?: number;
  /** Names the audio in error messages. */
  fileName?: string;
}

/** A stretch of the transcript with its time in the audio (seconds). */
export interface TranscriptSegment {
  start: number;
  end: number;
  text: string;
}

/** Output of {@link transcribe}. */
export interface Transcript {
  /** Whole transcript (English when `task` is `'translate'`). Empty for silent audio. */
  text: string;
  /** Spoken language code: as given, or detected; null when audio was silent and none was given. */
  language: string | null;
  task: WhisperTask;
  segments: TranscriptSegment[];
  /** Audio length in seconds (at 16 kHz). */
  duration: number;
}

/** The parts of a transformers.js Whisper pipeline that {@link detectWhisperLanguage} uses. */
export interface WhisperPipelineLike {
  (
    audio: Float32Array,
    options: object,
  ): Promise<{ text: string; chunks?: Array<{ timestamp: [number | null, number | null]; text: string }> }>;
  model: {
    (inputs: object): Promise<{ logits: { data: ArrayLike<number>; dims: number[] } }>;
    generation_config?: {
      is_multilingual?: boolean | null;
      lang_to_id?: Record<string, number>;
      decoder_start_token_id?: number;
    };
  };
  processor: (audio: Float32Array) => Promise<{ input_features: unknown }>;
}

/** Whether a loaded Whisper model is multilingual (from its generation config, else its name). */
function isMultilingual(pipeline: WhisperPipelineLike, model: string): boolean {
  const flag = pipeline.model.generation_config?.is_multilingual;
  return typeof flag === 'boolean' ? flag : !/\.en$/u.test(model);
}

/**
 * Detects the spoken language of the first 30 s: one decoder step after `<|startoftranscript|>`, argmax
 * over the language tokens (what Whisper does in Python; transformers.js itself assumes English).
 */
export async function detectWhisperLanguage(
  pipeline: WhisperPipelineLike,
  samples16k: Float32Array,
): Promise<{ language: string; probability: number }> {
  const config = pipeline.model.generation_config ?? {};
  const { Tensor } = await loadTransformers();
  const { input_features } = await pipeline.processor(samples16k.subarray(0, 30 * WHISPER_SAMPLE_RATE));
  const start = BigInt(config.decoder_start_token_id ?? 50258);
  const decoder_input_ids = new Tensor('int64', BigInt64Array.from([start]), [1, 1]);
  const { logits } = await pipeline.model({ input_features, decoder_input_ids });
  const vocab = logits.dims.at(-1)!;
  const last = Array.prototype.slice.call(logits.data, logits.data.length - vocab) as number[];
  return pickLanguageFromLogits(last, config.lang_to_id ?? {});
}

/** Turns the pipeline's timestamped chunks into segments (an open end becomes the audio's end). */
export function toSegments(
  chunks: ReadonlyArray<{ timestamp: [number | null, number | null]; text: string }> | undefined,
  duration: number,
): TranscriptSegment[] {
  return (chunks ?? [])
    .map((c) => ({ start: c.timestamp[0] ?? 0, end: c.timestamp[1] ?? duration, text: c.text.trim() }))
    .filter((s) => s.text !== '');
}

/**
 * Transcribes (or, with `task: 'translate'`, translates to English) speech with Whisper. Accepts
 * `{ samples, sampleRate }`, `{ channels, sampleRate }` or audio-file bytes (file paths: use
 * `@ser/text/node`). Audio is made 16 kHz mono; long audio is processed in 30 s windows with 5 s
 * overlap. Silent audio returns empty text without loading or calling the model. A missing model throws
 * {@link ModelNotFoundError}; nothing is downloaded unless `allowDownload: true`.
 */
export async function transcribe(audio: SpeechAudioInput, options: TranscribeOptions = {}): Promise<Transcript> {
  assertDtype(options.dtype);
  const model = options.model ?? DEFAULT_WHISPER_MODEL;
  // Validate options before any work (multilingual assumed here; re-checked once the model is known).
  buildWhisperArguments(options, !/\.en$/u.test(model));
  const samples = await prepareSpeechAudio(audio, options.fileName === undefined ? {} : { fileName: options.fileName });
  const duration = samples.length / WHISPER_SAMPLE_RATE;
  const task = options.task ?? 'transcribe';
  if (isSilent(samples, options.silenceThresholdDb ?? -60)) {
    const language = options.language === undefined ? null : buildWhisperArguments(options, true).language;
    return { text: '', language, task, segments: [], duration };
  }
  const { pipeline } = await loadPipeline<WhisperPipelineLike>(
    'automatic-speech-recognition',
    model,
    whisperFiles,
    options,
  );
  const multilingual = isMultilingual(pipeline, model);
  const args = buildWhisperArguments(options, multilingual);
  if (multilingual && args.language === null) args.language = (await detectWhisperLanguage(pipeline, samples)).language;
  const output = await pipeline(samples, args);
  return {
    text: output.text.trim(),
    language: multilingual ? args.language : 'en',
    task,
    segments: toSegments(output.chunks, duration),
    duration,
  };
}
