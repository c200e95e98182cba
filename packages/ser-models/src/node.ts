/**
 * @ser/models/node — Node-only helpers: a `file://` IO handler for TensorFlow.js models, and
 * file-writing variants of the SVG renderers. Importing this entry registers the `file://` router.
 * @packageDocumentation
 */
import { writeFileSync } from 'node:fs';
import type * as tfl from '@tensorflow/tfjs-layers';
import { plotModel as plotModelSvg } from './architectures/plot-model.js';
import { renderConfusionMatrix as renderConfusionMatrixSvg } from './evaluation/confusion-matrix-svg.js';
import { fileSystemHandler, registerFileSystemRouter, readRequiredFile } from './node/file-io.js';

export { fileSystemHandler, registerFileSystemRouter, readRequiredFile };
export { loadBundle, saveBundle } from './node/bundle-dir.js';
export { jsonTrialStore } from './node/json-trial-store.js';
export { defaultModelDir, loadDefaultModel, type DefaultModelOptions } from './pretrained.js';
export {
  analyzeEncodedAudio,
  type AnalyzeEncodedAudioOptions,
  type EncodedAnalysis,
} from './node/analyze-encoded-audio.js';
export { decodeRecording, type DecodeBudget, type DecodedRecording } from './node/decode-recording.js';
export {
  calibrateEncodedAudio,
  type CalibrateEncodedAudioOptions,
  type EncodedEnrollment,
} from './node/calibrate-encoded-audio.js';
export {
  evaluateCalibrated,
  type CalibratedEvaluation,
  type EvaluateCalibratedOptions,
  type LabeledRecording,
} from './node/evaluate-calibrated.js';
export {
  createRecognizerPool,
  DEFAULT_POOL_MAX_SECONDS,
  DEFAULT_RECOGNIZER_RESOURCE_LIMITS,
  type PoolAnalyzeOptions,
  type PoolReservation,
  type RecognizerModelInfo,
  type RecognizerPool,
  type RecognizerPoolOptions,
  type RecognizerPoolStats,
} from './node/recognizer-pool.js';
export { createDataParallelStepper, trainModelParallel, type DataParallelOptions } from './node/data-parallel.js';

registerFileSystemRouter();

/**
 * The layer graph of a model as SVG (see the main entry's `plotModel`), also written to `file` when given.
 * @returns the SVG text.
 */
export function plotModel(model: tfl.LayersModel, file?: string): string {
  const svg = plotModelSvg(model);
  if (file !== undefined) writeFileSync(file, svg);
  return svg;
}

/**
 * A confusion matrix as an SVG heat map (see the main entry's `renderConfusionMatrix`), also
 * written to `file` when given.
 */
export function renderConfusionMatrix(
  cm: number[][],
  labels: string[],
  file?: string,
  options: { title?: string } = {},
): string {
  const svg = renderConfusionMatrixSvg(cm, labels, options);
  if (file !== undefined) writeFileSync(file, svg);
  return svg;
}
