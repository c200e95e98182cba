/**
 * The emotion of one voice message, on a recognizer pool of @ser/models/node: the recording pipeline every
 * front end shares (the chunks, silence rule and summary of `ser analyze` and the HTTP service), decoded and
 * analysed on a worker thread within the pool's decode budget.
 */
import type { AnalysisReport, SpeakerCalibration } from '@ser/models';
import type { RecognizerPool } from '@ser/models/node';

/** The emotion heard in a message. */
export type RecognizedEmotion =
  | {
      kind: 'emotion';
      /** The summary's label: the most probable emotion of the duration-weighted mean over the non-silent chunks. */
      label: string;
      /** Its mean probability. */
      confidence: number;
      /** The mean probability of every label. */
      probabilities: Record<string, number>;
      /** The whole analysis (the JSON of `ser analyze --json` and the HTTP service). */
      report: AnalysisReport;
    }
  /** Every chunk of the message is below the silence threshold. */
  | { kind: 'silent'; report: AnalysisReport }
  /** Every worker and queue place of the pool is taken: try again later. */
  | { kind: 'busy' };

/**
 * Decodes and analyses a voice message on `pool`, with the speaker's `calibration` when given (the pool's
 * calibrated model; `report.calibrated` says so).
 * @throws AudioFeaturesError when the bytes are not decodable audio (or over the decode budget); ModelError for
 *   audio the model cannot take, a worker that died (`WORKER_FAILED`) or took too long (`ABORTED`)
 */
export async function recognizeEmotion(
  pool: RecognizerPool,
  audio: Uint8Array,
  fileName: string,
  options: { calibration?: SpeakerCalibration | undefined } = {},
): Promise<RecognizedEmotion> {
  const place = pool.reserve();
  if (place === null) return { kind: 'busy' };
  const report = await place.analyze(audio, fileName, { calibration: options.calibration });
  const { label, probabilities, confidence } = report.summary;
  if (label === null || probabilities === null) return { kind: 'silent', report };
  return { kind: 'emotion', label, confidence, probabilities, report };
}
