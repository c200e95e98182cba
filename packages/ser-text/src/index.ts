/**
 * @ser/text: speech → text (Whisper) → English → text emotion, with a built-in offline text-emotion
 * model. This entry has no Node built-ins and runs in browsers; file paths and the microphone are in
 * `@ser/text/node`, the browser microphone in `@ser/text/browser`.
 */
export * from './errors.js';
export * from './labels.js';
export { normalizeText, tokenizeWords, FEATURE_VERSION } from './builtin/normalize-text.js';
export {
  countHashedFeatures,
  weightHashedFeatures,
  type HashedFeatureConfig,
  type HashedCounts,
  type BucketCounts,
  type SparseVector,
} from './builtin/hashed-features.js';
export { hashString, hashRange, finalizeHash } from './builtin/feature-hash.js';
export {
  decodeTextModel,
  type BuiltinTextModelData,
  type DecodedTextModel,
  type BuiltinModelEvaluation,
} from './builtin/model-data.js';
export {
  BuiltinTextModel,
  loadBuiltinTextModel,
  softmaxInPlace,
  type BuiltinClassification,
  type BuiltinModelSource,
} from './builtin/builtin-model.js';
export { decodeBuiltinModelFile, encodeBuiltinModelFile } from './builtin/model-file.js';
export { BUILTIN_MODEL_FILE_NAME } from './builtin-model-file.js';
export { findInvalidUtf8, toValidText, type TextInput } from './text-input.js';
export { toCanonicalLabel, toCanonicalScores } from './label-aliases.js';
export {
  classifyText,
  type ClassifyTextOptions,
  type TextEmotionResult,
  type TextEmotionEngine,
} from './classify-text.js';
export { fuseEmotions, type EmotionDistribution, type FuseEmotionsOptions, type FusedEmotionScore } from './fusion.js';
export {
  loadTransformers,
  type TransformersModule,
  type TransformersTensor,
} from './transformers/load-transformers.js';
export {
  resolveModelLocation,
  isModelPath,
  textClassificationFiles,
  whisperFiles,
  DEFAULT_TEXT_EMOTION_MODEL,
  DEFAULT_WHISPER_MODEL,
  DEFAULT_MODELS_DIR,
  DTYPE_FILE_SUFFIX,
  type ModelDtype,
  type ModelLocation,
  type ModelLocationOptions,
} from './transformers/model-location.js';
export {
  loadPipeline,
  clearPipelineCache,
  type LoadPipelineOptions,
  type MissingFilesCheck,
  type LoadedPipeline,
} from './transformers/load-pipeline.js';
export {
  classifyWithTransformers,
  type TransformersClassifyOptions,
  type TransformersClassification,
} from './transformers/text-classifier.js';
export { WHISPER_LANGUAGES, toWhisperLanguageCode, pickLanguageFromLogits } from './speech/whisper-languages.js';
export {
  buildWhisperArguments,
  type WhisperTask,
  type WhisperCallSettings,
  type WhisperPipelineArguments,
} from './speech/whisper-options.js';
export {
  prepareSpeechAudio,
  toWhisperSamples,
  isSilent,
  peakDbfs,
  WHISPER_SAMPLE_RATE,
  type SpeechAudioInput,
} from './speech/speech-audio.js';
export {
  transcribe,
  detectWhisperLanguage,
  toSegments,
  type TranscribeOptions,
  type Transcript,
  type TranscriptSegment,
  type WhisperPipelineLike,
} from './speech/transcribe.js';
export {
  analyzeSpeechText,
  type AnalyzeSpeechTextOptions,
  type SpeechTextAnalysis,
} from './speech/analyze-speech-text.js';
