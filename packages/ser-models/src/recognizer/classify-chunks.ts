/**
 * Turning chunk spans of a model-rate signal into chunk results: the silence rule, then the model.
 */
import { predictBatch } from '../bundle/predict.js';
import type { ModelBundle } from '../bundle/bundle-types.js';
import type { SpeakerCalibration } from '../calibration/speaker-calibration.js';
import { modelWindow, type ChunkSpan } from './chunk-plan.js';
import type { ChunkResult, LabelProbabilities } from './recognizer-types.js';
import { isSilent } from './signal-level.js';

/** Chunks per model call. */
const PREDICT_BATCH = 32;

/** What {@link classifyChunks} needs besides the spans. */
export interface ClassifyContext {
  bundle: ModelBundle;
  /** The speaker's calibration, for a calibrated bundle (see `predictBatch`). */
  calibration?: SpeakerCalibration | undefined;
  /** Chunks below this RMS level (dBFS) are silent. */
  silenceThresholdDbfs: number;
  /** Samples the model sees for each chunk (see {@link modelWindow}); the chunk's own length or more. */
  contextSamples: number;
  /** Samples of the whole recording (`Infinity` while a stream has not ended). */
  totalSamples: number;
  /** Called after each model call with the chunks done and the chunks in all. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * Results of `spans` of `signal` (mono at the bundle's rate; `offset` is the index in the whole recording of
 * `signal[0]`, spans are in recording samples). Silent chunks (by their own samples) are not predicted; the others
 * go to the model in batches, each seen through its {@link modelWindow} (which `signal` must hold).
 * @throws {@link ModelError} `INVALID_DATA` from `predictBatch` for a chunk the model cannot take (e.g. a whole
 *   recording shorter than one STFT frame).
 */
export function classifyChunks(
  signal: Float32Array,
  offset: number,
  spans: readonly ChunkSpan[],
  context: ClassifyContext,
): ChunkResult[] {
  const { bundle } = context;
  const sr = bundle.metadata.featureConfig.sr;
  const labels = bundle.metadata.labels;
  const results: ChunkResult[] = spans.map(({ start, end }) => ({
    start: start / sr,
    end: end / sr,
    silent: isSilent(signal, start - offset, end - offset, context.silenceThresholdDbfs),
    probabilities: null,
    label: null,
    confidence: 0,
  }));
  const voiced = spans.flatMap((span, i) => (results[i]?.silent === false ? [{ span, result: results[i] }] : []));
  for (let first = 0; first < voiced.length; first += PREDICT_BATCH) {
    const batch = voiced.slice(first, first + PREDICT_BATCH);
    const predictions = predictBatch(
      bundle,
      batch.map(({ span }) => {
        const window = modelWindow(span, context.contextSamples, context.totalSamples);
        return { samples: signal.subarray(window.start - offset, window.end - offset), sampleRate: sr };
      }),
      { calibration: context.calibration },
    );
    batch.forEach(({ result }, i) => {
      const prediction = predictions[i];
      if (prediction === undefined) return;
      const probabilities: LabelProbabilities = {};
      labels.forEach((label, j) => (probabilities[label] = prediction.probabilities[j] ?? 0));
      result.probabilities = probabilities;
      result.label = prediction.label;
      result.confidence = probabilities[prediction.label] ?? 0;
    });
    context.onProgress?.(Math.min(voiced.length, first + batch.length), voiced.length);
  }
  return results;
}
