/**
 * `analyzeSpeechText`: speech → transcript → English → text emotion.
 */
import { classifyText, type ClassifyTextOptions, type TextEmotionResult } from '../classify-text.js';
import { prepareSpeechAudio, WHISPER_SAMPLE_RATE, type SpeechAudioInput } from './speech-audio.js';
import { transcribe, type Transcript, type TranscribeOptions } from './transcribe.js';

/** Options of {@link analyzeSpeechText}. */
export interface AnalyzeSpeechTextOptions {
  /** Options of the transcription (model, language, modelsDir, allowDownload, …); `task` is managed here. */
  transcribe?: Omit<TranscribeOptions, 'task'>;
  /** Options of the text classification (engine, model, …). */
  classify?: ClassifyTextOptions;
}

/** Output of {@link analyzeSpeechText}. */
export interface SpeechTextAnalysis {
  /** What was said, in the spoken language. */
  text: string;
  /** The same in English (equal to `text` for English speech; Whisper's translation otherwise). */
  englishText: string;
  /** Spoken language code (null when the audio was silent and no language was given). */
  language: string | null;
  /** Emotion of `englishText`; null when nothing was said (silent audio / empty transcript). */
  emotions: TextEmotionResult | null;
  /** The transcript with its segments. */
  transcript: Transcript;
}

/**
 * Transcribes speech, translates it to English with Whisper's `translate` task when the language is not
 * English, and classifies the English text's emotion. Silent audio gives empty text and `emotions: null`
 * without running any model.
 */
export async function analyzeSpeechText(
  audio: SpeechAudioInput,
  options: AnalyzeSpeechTextOptions = {},
): Promise<SpeechTextAnalysis> {
  const fileName = options.transcribe?.fileName;
  // Decode / resample once; both Whisper passes get the same 16 kHz samples.
  const samples = await prepareSpeechAudio(audio, fileName === undefined ? {} : { fileName });
  const prepared = { samples, sampleRate: WHISPER_SAMPLE_RATE };
  const transcript = await transcribe(prepared, { ...options.transcribe, task: 'transcribe' });
  let englishText = transcript.text;
  if (transcript.text !== '' && transcript.language !== null && transcript.language !== 'en') {
    const translation = await transcribe(prepared, {
      ...options.transcribe,
      language: transcript.language,
      task: 'translate',
    });
    englishText = translation.text;
  }
  const emotions = englishText.trim() === '' ? null : await classifyText(englishText, options.classify);
  return { text: transcript.text, englishText, language: transcript.language, emotions, transcript };
}
