/**
 * Analysing an encoded recording (a file or its bytes): bounded decoding straight to the model's input, then
 * the recognizer.
 */
import { decodeAudio } from '@ser/audio-features';
import { readAudioBytes } from '@ser/audio-features/node';
import type { RecordingDescription } from '../recognizer/analysis-report.js';
import type { AnalyzeOptions, Recognizer } from '../recognizer/create-recognizer.js';
import type { Analysis } from '../recognizer/recognizer-types.js';

/** Options of {@link analyzeEncodedAudio}. */
export interface AnalyzeEncodedAudioOptions extends AnalyzeOptions {
  /** Name of the recording in error messages and in the result (default: the path, or `recording`). */
  fileName?: string;
  /** The decode budget of `decodeAudio` (default three hours of mono 16 kHz audio). */
  maxDecodedSamples?: number;
  /** Refuse recordings longer than this many seconds (default: no limit). */
  maxSeconds?: number;
  /** Refuse files larger than this many bytes before reading them (default 1 GiB; paths only). */
  maxFileBytes?: number;
}

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
export async function analyzeEncodedAudio(recognizer: Recognizer, input: string | Uint8Array, options: AnalyzeEncodedAudioOptions = {}): Promise<EncodedAnalysis> {
  const fileName = options.fileName ?? (typeof input === 'string' ? input : 'recording');
  const bytes = typeof input === 'string'
    ? await readAudioBytes(input, options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes })
    : input;
  const sampleRate = recognizer.settings.sampleRate;
  const audio = await decodeAudio(bytes, {
    fileName,
    mono: true,
    sr: sampleRate,
    ...(options.maxDecodedSamples === undefined ? {} : { maxDecodedSamples: options.maxDecodedSamples }),
    ...(options.maxSeconds === undefined ? {} : { maxSeconds: options.maxSeconds }),
  });
  const analysis = recognizer.analyze(audio.channels, audio.sampleRate, options.onProgress ? { onProgress: options.onProgress } : {});
  return {
    ...analysis,
    recording: {
      source: fileName,
      format: audio.format,
      sampleRate: audio.fileSampleRate ?? audio.sampleRate,
      channels: audio.fileChannels ?? audio.channels.length,
    },
  };
}
