/**
 * Analysing an encoded recording (a file or its bytes): bounded decoding straight to the model's input, then
 * the recognizer.
 */
import type { RecordingDescription } from '../recognizer/analysis-report.js';
import type { AnalyzeOptions, Recognizer } from '../recognizer/create-recognizer.js';
import type { Analysis } from '../recognizer/recognizer-types.js';
import { decodeRecording, type DecodeBudget } from './decode-recording.js';

/** Options of {@link analyzeEncodedAudio}: the decode budget and the analysis's. */
export interface AnalyzeEncodedAudioOptions extends AnalyzeOptions, DecodeBudget {}

/** An analysis with the recording it was made of. */
export interface EncodedAnalysis extends Analysis {
  recording: RecordingDescription;
}

/**
 * Reads (for a path) and decodes a WAV, AIFF, FLAC, MP3 or Ogg recording within the decode budget, mixing it
 * to mono and resampling it to the model's rate while decoding (so a long multichannel file is never held at
 * its own rate), then analyses it with `recognizer`.
 *
 * @example
 * ```ts
 * import { createRecognizer, analysisReport } from '@ser/models';
 * import { analyzeEncodedAudio, loadDefaultModel } from '@ser/models/node';
 * const recognizer = createRecognizer({ bundle: await loadDefaultModel() });
 * const analysis = await analyzeEncodedAudio(recognizer, 'speech.flac', { maxSeconds: 600 });
 * console.log(JSON.stringify(analysisReport(recognizer, analysis, analysis.recording)));
 * ```
 * @throws AudioFeaturesError naming the file (not readable, not audio, over the budget, corrupt …);
 *   ModelError `INVALID_DATA` for audio the model cannot take
 */
export async function analyzeEncodedAudio(
  recognizer: Recognizer,
  input: string | Uint8Array,
  options: AnalyzeEncodedAudioOptions = {},
): Promise<EncodedAnalysis> {
  const decoded = await decodeRecording(input, recognizer.settings.sampleRate, options);
  const analysis = recognizer.analyze(
    decoded.samples,
    decoded.sampleRate,
    options.onProgress ? { onProgress: options.onProgress } : {},
  );
  return { ...analysis, recording: decoded.recording };
}
