/**
 * "Analyse a file": a recording chosen in the page, decoded in the browser by @ser/audio-features (mono, at the
 * model's rate — what `ser analyze` decodes to) and analysed by the page's @ser/models recognizer. The result is
 * @ser/models' `analysisReport`, the JSON `ser analyze --json` prints and the HTTP service answers.
 */
import { decodeAudio } from '@ser/audio-features';
import { analysisReport, type AnalysisReport, type Recognizer } from '@ser/models';

/** The longest recording the page analyses, seconds: the analysis runs on the page's main thread. */
export const MAX_FILE_SECONDS = 600;

/**
 * Decodes `file` (WAV, FLAC, MP3, Ogg Vorbis/Opus, AIFF) to the mono mix at the recognizer's rate and analyses it.
 * @param file - the chosen file (its name is the report's `source` and is named in error messages)
 * @param recognizer - the page's recognizer, made with the library's default chunk and hop, as `ser analyze`'s
 * @returns the report of the analysis
 * @throws AudioFeaturesError naming the file for a file that is not audio, is corrupt, or is longer than
 *   {@link MAX_FILE_SECONDS}; ModelError `INVALID_DATA` for audio too short to analyse
 * @example
 * ```ts
 * const report = await analyseFile(input.files[0], createRecognizer({ bundle }));
 * console.log(report.summary.label, report.chunks.length);
 * ```
 */
export async function analyseFile(file: File, recognizer: Recognizer): Promise<AnalysisReport> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const audio = await decodeAudio(bytes, {
    fileName: file.name,
    mono: true,
    sr: recognizer.settings.sampleRate,
    maxSeconds: MAX_FILE_SECONDS,
  });
  const analysis = recognizer.analyze(audio.channels[0]!, audio.sampleRate);
  return analysisReport(recognizer, analysis, {
    source: file.name,
    format: audio.format,
    sampleRate: audio.fileSampleRate ?? audio.sampleRate,
    channels: audio.fileChannels ?? audio.channels.length,
  });
}
