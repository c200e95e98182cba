/**
 * The calibrated evaluation protocol (`ser evaluate --calibrate neutral`): every recording of a labelled corpus
 * scored by a speaker-calibrated model with a calibration enrolled from its speaker's neutral recordings of other
 * words.
 */
import type { LogmelConfig } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import { extractFeatures, type DatasetItem, type ExtractionProgress } from '@ser/datasets';
import type { ModelBundle } from '../bundle/bundle-types.js';
import { recordingSpeechBandSums } from '../calibration/enrollment-band-means.js';
import { enrollmentOffsets, type NeutralBandSums } from '../calibration/enrollment-protocol.js';
import { calibratedFeatures } from '../calibration/speaker-calibration.js';
import { ModelError } from '../errors.js';
import { argmaxRows, evaluatePredictions, type EvaluationReport } from '../evaluation/metrics.js';
import { applyStandardization } from '../training/standardization.js';
import { predictProbabilities } from '../training/train-model.js';

/** A recording to score and its true label (an index into the bundle's labels). */
export interface LabeledRecording {
  item: DatasetItem;
  labelId: number;
}

/** Options of {@link evaluateCalibrated}. */
export interface EvaluateCalibratedOptions {
  /** Feature-extraction threads (default: the number of cores; 0 = in this thread). */
  workers?: number;
  /** The label whose recordings enroll their speaker (default `neutral`). */
  enrollmentLabel?: string;
  /** Called after every extracted file. */
  onProgress?: (progress: ExtractionProgress) => void;
}

/** What {@link evaluateCalibrated} measured: `ser evaluate`'s fields, and the enrollment. */
export interface CalibratedEvaluation {
  accuracy: number;
  macroF1: number;
  /** Recordings scored. */
  n: number;
  labels: string[];
  /** Rows: true label, columns: predicted, in `labels` order. */
  confusion: number[][];
  report: EvaluationReport;
  /** The recordings scored, in row order, with their true and predicted label ids. */
  items: DatasetItem[];
  actual: number[];
  predicted: number[];
  /** Per speaker: their neutral recordings, and how many of them enrolled each of their scored recordings (min–max). */
  enrollment: Record<string, { neutralRecordings: number; perRecording: { min: number; max: number } }>;
  /** Files that could not be read (not scored). */
  failures: { path: string; error: string }[];
}

/**
 * Scores `recordings` with the speaker-calibrated `bundle` as a user would use it: each recording's features (the
 * bundle's, the whole recording as `ser evaluate` reads it) minus a calibration enrolled from its speaker's
 * recordings labelled `enrollmentLabel` (neutral) whose words differ from its own (RAVDESS: the other statement;
 * CREMA-D: the other sentences; TESS: the other words); the neutral recordings are scored too. Each neutral
 * recording's speech band sums are computed once, from the whole recording at the model's rate.
 *
 * @example
 * ```ts
 * const scan = await scanDataset('data/ravdess', 'ravdess');
 * const result = await evaluateCalibrated(await loadDefaultModel({ calibrated: true }), mapped.kept);
 * console.log(result.accuracy, result.enrollment);
 * ```
 * @throws ModelError `INCOMPATIBLE_CALIBRATION` for a bundle that takes no calibration; `INVALID_DATA` for a
 *   recording whose speaker has no neutral recording of other words, or when every file failed
 */
export async function evaluateCalibrated(
  bundle: ModelBundle,
  recordings: readonly LabeledRecording[],
  options: EvaluateCalibratedOptions = {},
): Promise<CalibratedEvaluation> {
  const { metadata, model } = bundle;
  if (metadata.calibration === undefined) {
    throw new ModelError(
      'INCOMPATIBLE_CALIBRATION',
      'evaluateCalibrated: the model takes no speaker calibration; evaluate it without --calibrate, or use a speaker-calibrated model',
    );
  }
  const config = metadata.featureConfig as LogmelConfig;
  const labels = metadata.labels;
  const enrollmentId = labels.indexOf(options.enrollmentLabel ?? 'neutral');
  if (enrollmentId < 0)
    throw new ModelError(
      'INVALID_ARGUMENT',
      `evaluateCalibrated: the model has no label "${options.enrollmentLabel ?? 'neutral'}" to enroll with (labels: ${labels.join(', ')})`,
    );

  const labelIdByPath = new Map(recordings.map((r) => [r.item.path, r.labelId]));
  const corpus = await extractFeatures(
    recordings.map((r) => r.item),
    {
      featureConfig: config,
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    },
  );
  const failures = corpus.failures.map((f) => ({ path: f.path, error: f.error }));
  const rows = corpus.shape[0] ?? 0;
  if (rows === 0)
    throw new ModelError(
      'INVALID_DATA',
      `evaluateCalibrated: every recording failed to read; the first: ${failures[0]?.error ?? 'none given'}`,
    );

  const neutrals: NeutralBandSums[] = [];
  for (const item of corpus.items) {
    if (labelIdByPath.get(item.path) !== enrollmentId) continue;
    const { samples } = await loadAudio(item.path, { sr: config.sr });
    neutrals.push({
      speaker: item.speaker,
      statement: item.statement,
      ...recordingSpeechBandSums(samples, config, metadata.calibration.speechRangeDb),
    });
  }
  const bands = config.nMels;
  const { offsets, enrolled } = enrollmentOffsets(
    corpus.items.map((item) => ({ name: item.path, speaker: item.speaker, statement: item.statement })),
    neutrals,
    bands,
    config.hopLength,
    config.sr,
  );

  const size = corpus.x.length / rows;
  const x = new Float32Array(corpus.x.length);
  for (let r = 0; r < rows; r++) {
    const row = calibratedFeatures(
      corpus.x.subarray(r * size, (r + 1) * size),
      offsets.subarray(r * bands, (r + 1) * bands),
    );
    x.set(applyStandardization(row, metadata.standardization), r * size);
  }
  const probabilities = predictProbabilities(model, x, metadata.inputShape, rows);
  const predicted = Array.from(argmaxRows(probabilities, labels.length));
  const actual = corpus.items.map((item) => labelIdByPath.get(item.path)!);
  const report = evaluatePredictions(actual, predicted, labels);

  const enrollment: CalibratedEvaluation['enrollment'] = {};
  corpus.items.forEach((item, r) => {
    const entry = (enrollment[item.speaker] ??= {
      neutralRecordings: neutrals.filter((n) => n.speaker === item.speaker).length,
      perRecording: { min: Infinity, max: 0 },
    });
    entry.perRecording.min = Math.min(entry.perRecording.min, enrolled[r]!);
    entry.perRecording.max = Math.max(entry.perRecording.max, enrolled[r]!);
  });
  return {
    accuracy: report.accuracy,
    macroF1: report.macroAvg.f1,
    n: rows,
    labels: [...labels],
    confusion: report.confusionMatrix,
    report,
    items: corpus.items,
    actual,
    predicted,
    enrollment,
    failures,
  };
}
