/**
 * The recording pipeline of every front end: mono mix → resample to the model's rate → chunks → silence →
 * predict → summary, in one place.
 */
import type { ModelBundle } from '../bundle/bundle-types.js';
import { checkCalibrationFits, type SpeakerCalibration } from '../calibration/speaker-calibration.js';
import { ModelError } from '../errors.js';
import { chunkLengths, planChunks, type ChunkLengths } from './chunk-plan.js';
import { classifyChunks } from './classify-chunks.js';
import { createRecognizerStream } from './recognizer-stream.js';
import { modelRateSignal } from './recording-input.js';
import type { Analysis, RecognizerStream } from './recognizer-types.js';
import type { FeatureConfig } from '@ser/audio-features';
import { DEFAULT_SILENCE_THRESHOLD_DBFS } from './signal-level.js';
import { summarizeChunks } from './summarize-chunks.js';

/** Options of {@link createRecognizer}. */
export interface RecognizerOptions {
  /** The model (labels, feature configuration and sample rate are read from its metadata). */
  bundle: ModelBundle;
  /** Chunk length in seconds (default 2). */
  chunkSeconds?: number;
  /** Seconds between chunk starts, 0 < hop ≤ chunk (default `chunkSeconds`: no overlap). */
  hopSeconds?: number;
  /** The silence rule: chunks whose RMS level is below `thresholdDbfs` (default −55 dBFS) are silent. */
  silence?: { thresholdDbfs?: number };
  /**
   * Seconds of audio the model sees for each chunk: a window of this length centred on the chunk (shifted to stay
   * inside the recording), while results keep the chunk's times. Default: the model's native input length for
   * frame feature sets (`frames × hopLength / sr`: 3 s for the default model), the chunk itself otherwise.
   * Never less than the chunk. A stream reports a chunk once its window has arrived.
   */
  contextSeconds?: number;
  /**
   * The speaker's calibration (`calibrate`, `parseCalibration`), for a speaker-calibrated bundle (metadata
   * `calibration`): every chunk's features minus its band means, then the bundle's standardisation. A calibrated
   * bundle needs one; any other bundle refuses one.
   */
  calibration?: SpeakerCalibration | undefined;
}

/** Options of one {@link Recognizer.analyze} call. */
export interface AnalyzeOptions {
  /** Called after each model call with the non-silent chunks done and in all. */
  onProgress?: (done: number, total: number) => void;
}

/** The settings a recognizer runs with (defaults filled in). */
export interface RecognizerSettings {
  chunkSeconds: number;
  hopSeconds: number;
  /** Seconds the model sees per chunk (≥ chunkSeconds; see {@link RecognizerOptions.contextSeconds}). */
  contextSeconds: number;
  silenceThresholdDbfs: number;
  /** The model's sample rate, Hz: what the recording is resampled to. */
  sampleRate: number;
  labels: readonly string[];
  /** True when the recognizer runs with a speaker calibration. */
  calibrated: boolean;
}

/** Speech-emotion analysis of recordings with one bundle and one set of rules (see {@link createRecognizer}). */
export interface Recognizer {
  readonly settings: RecognizerSettings;
  readonly bundle: ModelBundle;
  /**
   * Analyses a whole recording: mono mix (mean of the channels), resampling to the model's rate, chunks,
   * silence, one prediction per non-silent chunk, summary.
   * @param samples - mono samples, or one array per channel (equal lengths)
   * @param sampleRate - their rate, a positive integer of Hz
   * @throws {@link ModelError} `INVALID_ARGUMENT` for a bad rate or channels, `INVALID_DATA` for audio the model
   *   cannot take (empty, or shorter than one STFT frame)
   */
  analyze(samples: Float32Array | readonly Float32Array[], sampleRate: number, options?: AnalyzeOptions): Analysis;
  /**
   * A stream for a recording that arrives in blocks at `sampleRate`: `push` returns the chunks completed so far,
   * `flush` the rest and the summary — the same results as {@link analyze} of the whole recording.
   */
  stream(sampleRate: number): RecognizerStream;
}

/**
 * Creates the recognizer every front end uses (CLI, services, bots, web pages), so one recording gets the same
 * answer everywhere. Its rules:
 * - **chunks**: pieces of `chunkSeconds` starting every `hopSeconds`; a recording no longer than one chunk is one
 *   chunk; a remainder after the last full chunk shorter than half a chunk joins that chunk, otherwise it is its
 *   own chunk (see `planChunks`). Nothing is zero-padded.
 * - **context**: the model sees each chunk through a window of `contextSeconds` centred on it (default: the
 *   model's native input length, 3 s for the default model), shifted to stay inside the recording.
 * - **silence**: a chunk whose RMS level is below `silence.thresholdDbfs` (default −55 dBFS,
 *   {@link DEFAULT_SILENCE_THRESHOLD_DBFS}) is silent and not shown to the model.
 * - **summary**: the duration-weighted mean probability over the non-silent chunks, label = its argmax; an
 *   all-silent recording has `label: null` (see `summarizeChunks`).
 *
 * @example
 * ```ts
 * import { createRecognizer, initBackend } from '@ser/models';
 * import { loadDefaultModel } from '@ser/models/node';
 * await initBackend();
 * const recognizer = createRecognizer({ bundle: await loadDefaultModel(), chunkSeconds: 2 });
 * const { chunks, summary } = recognizer.analyze(samples, 48000);
 * console.log(summary.label, summary.confidence, chunks.length);
 * ```
 * - **calibration**: with `calibration` (a speaker-calibrated bundle), every chunk's log-mel minus the speaker's
 *   band means on every frame and band, before the standardisation.
 *
 * @throws {@link ModelError} `INVALID_ARGUMENT` for chunk/hop lengths out of range or a threshold that is not a
 *   number; `INCOMPATIBLE_CALIBRATION` for a calibrated bundle without a calibration, a calibration with a bundle
 *   that takes none, or one made with other features
 */
export function createRecognizer(options: RecognizerOptions): Recognizer {
  const { bundle, calibration } = options;
  checkCalibrationFits(bundle.metadata, calibration);
  const chunkSeconds = options.chunkSeconds ?? 2;
  const hopSeconds = options.hopSeconds ?? chunkSeconds;
  const silenceThresholdDbfs = options.silence?.thresholdDbfs ?? DEFAULT_SILENCE_THRESHOLD_DBFS;
  if (typeof silenceThresholdDbfs !== 'number' || Number.isNaN(silenceThresholdDbfs)) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `silence.thresholdDbfs must be a number of dBFS, got ${String(silenceThresholdDbfs)}`,
    );
  }
  const sampleRate = bundle.metadata.featureConfig.sr;
  const lengths: ChunkLengths = chunkLengths(chunkSeconds, hopSeconds, sampleRate);
  const requestedContext = options.contextSeconds ?? nativeInputSeconds(bundle.metadata.featureConfig) ?? chunkSeconds;
  if (typeof requestedContext !== 'number' || !Number.isFinite(requestedContext) || requestedContext <= 0) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `contextSeconds must be a number of seconds > 0, got ${String(requestedContext)}`,
    );
  }
  const contextSamples = Math.max(lengths.chunk, Math.round(requestedContext * sampleRate));
  const settings: RecognizerSettings = {
    chunkSeconds,
    hopSeconds,
    contextSeconds: contextSamples / sampleRate,
    silenceThresholdDbfs,
    sampleRate,
    labels: [...bundle.metadata.labels],
    calibrated: calibration !== undefined,
  };

  const analyze = (
    samples: Float32Array | readonly Float32Array[],
    inputRate: number,
    analyzeOptions: AnalyzeOptions = {},
  ): Analysis => {
    const y = modelRateSignal(samples, inputRate, sampleRate);
    const chunks = classifyChunks(y, 0, planChunks(y.length, lengths), {
      bundle,
      calibration,
      silenceThresholdDbfs,
      contextSamples,
      totalSamples: y.length,
      onProgress: analyzeOptions.onProgress,
    });
    return { chunks, summary: summarizeChunks(chunks, settings.labels, y.length / sampleRate) };
  };

  return {
    settings,
    bundle,
    analyze,
    stream: (inputRate) =>
      createRecognizerStream(
        { bundle, calibration, lengths, contextSamples, silenceThresholdDbfs, labels: settings.labels },
        inputRate,
      ),
  };
}

/** The seconds of audio a frame feature set's fixed input spans (`frames × hopLength / sr`), else undefined. */
function nativeInputSeconds(config: FeatureConfig): number | undefined {
  return config.featureSet === 'logmel' || config.featureSet === 'mfcc-frames'
    ? (config.frames * config.hopLength) / config.sr
    : undefined;
}
