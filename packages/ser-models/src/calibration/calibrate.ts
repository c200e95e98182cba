/**
 * Enrollment: a speaker's calibration from a few seconds of their calm speech, with the checks that keep a bad
 * enrollment (too short, silent, not calm) from skewing every later analysis.
 */
import type { LogmelConfig } from '@ser/audio-features';
import type { ModelBundle } from '../bundle/bundle-types.js';
import { ModelError } from '../errors.js';
import { chunkLengths, planChunks } from '../recognizer/chunk-plan.js';
import { createRecognizer } from '../recognizer/create-recognizer.js';
import { modelRateSignal } from '../recognizer/recording-input.js';
import type { ChunkResult } from '../recognizer/recognizer-types.js';
import { DEFAULT_SILENCE_THRESHOLD_DBFS, isSilent } from '../recognizer/signal-level.js';
import { summarizeChunks } from '../recognizer/summarize-chunks.js';
import { enrollmentBandMeans } from './enrollment-band-means.js';
import {
  CALIBRATION_FORMAT,
  CALIBRATION_VERSION,
  calibrationFeatureConfig,
  type SpeakerCalibration,
} from './speaker-calibration.js';

/** Least speech a calibration rests on by default, seconds. */
export const DEFAULT_MIN_ENROLLMENT_SECONDS = 3;

/** Labels that, as the calm check's top label with probability above {@link NOT_CALM_PROBABILITY}, refuse an enrollment. */
export const NOT_CALM_LABELS: readonly string[] = ['angry', 'fear', 'happy', 'surprise', 'disgust'];

/** The probability above which the calm check's top label refuses an enrollment. */
export const NOT_CALM_PROBABILITY = 0.5;

/** One enrollment recording. */
export interface EnrollmentRecording {
  /** Mono samples, or one array per channel (mixed to mono as the recognizer does). */
  samples: Float32Array | readonly Float32Array[];
  /** Their rate, Hz (resampled to the model's). */
  sampleRate: number;
  /** Its name in messages (default `recording <n>`). */
  name?: string;
}

/** Options of {@link calibrate}. */
export interface CalibrateOptions {
  /**
   * An uncalibrated model (the default model) that listens to the enrollment audio: when the duration-weighted
   * summary of its recognizer over all of it has a top label in {@link NOT_CALM_LABELS} with probability above
   * {@link NOT_CALM_PROBABILITY}, the enrollment is refused. Required unless `allowNotCalm`.
   */
  calmModel?: ModelBundle;
  /** Skip the calm check (the speech is known to be calm, or `calmModel` is not at hand). */
  allowNotCalm?: boolean;
  /** Least seconds of speech (default {@link DEFAULT_MIN_ENROLLMENT_SECONDS}). */
  minSpeechSeconds?: number;
  /** The recognizer's silence rule (default −55 dBFS): a recording every chunk of which is silent is refused. */
  silence?: { thresholdDbfs?: number };
  /** The calibration's `createdAt` (default: now). */
  createdAt?: Date;
}

/**
 * A speaker's calibration for the speaker-calibrated `bundle` from recordings of their calm speech (a few
 * seconds: reading a paragraph aloud in an even voice): each recording mixed to mono and resampled to the model's
 * rate as the recognizer does, then `enrollmentBandMeans` of them all. The checks, in order:
 * - every recording holds sound: one whose chunks are all below the recognizer's silence threshold is refused;
 * - at least `minSpeechSeconds` (3) of speech frames;
 * - the speech sounds calm to `calmModel` (unless `allowNotCalm`).
 *
 * @param bundle - a speaker-calibrated model (metadata `calibration`), e.g. `loadDefaultModel({ calibrated: true })`
 * @returns the calibration, JSON-ready; pass it to `createRecognizer({ bundle, calibration })`
 * @throws {@link ModelError} `ENROLLMENT_SILENT` naming the recording; `ENROLLMENT_TOO_SHORT` saying how much speech
 *   was found; `ENROLLMENT_NOT_CALM` naming the label heard; `INCOMPATIBLE_CALIBRATION` when `bundle` takes no
 *   calibration or `calmModel` is a calibrated one; `INVALID_ARGUMENT` for no recordings, bad rates or channels, or
 *   neither `calmModel` nor `allowNotCalm`
 * @example
 * ```ts
 * import { calibrate, createRecognizer, initBackend } from '@ser/models';
 * import { loadDefaultModel } from '@ser/models/node';
 * await initBackend();
 * const bundle = await loadDefaultModel({ calibrated: true });
 * const calibration = calibrate(bundle, [{ samples: calm, sampleRate: 48000 }], { calmModel: await loadDefaultModel() });
 * const recognizer = createRecognizer({ bundle, calibration });
 * ```
 */
export function calibrate(
  bundle: ModelBundle,
  recordings: readonly EnrollmentRecording[],
  options: CalibrateOptions = {},
): SpeakerCalibration {
  const needs = bundle.metadata.calibration;
  if (needs === undefined) {
    throw new ModelError(
      'INCOMPATIBLE_CALIBRATION',
      'this model takes no speaker calibration: calibrate with a speaker-calibrated model (e.g. the calibrated default model, loadDefaultModel({ calibrated: true }))',
    );
  }
  if (!Array.isArray(recordings as unknown) || recordings.length === 0)
    throw new ModelError('INVALID_ARGUMENT', 'calibrate: give at least one recording of calm speech');
  const { calmModel, allowNotCalm = false } = options;
  if (!allowNotCalm && calmModel === undefined) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      'calibrate: pass calmModel (an uncalibrated model, e.g. the default model) to check the speech is calm, or allowNotCalm: true',
    );
  }
  if (calmModel?.metadata.calibration !== undefined) {
    throw new ModelError(
      'INCOMPATIBLE_CALIBRATION',
      'calibrate: calmModel must be an uncalibrated model (e.g. the default model), not a speaker-calibrated one',
    );
  }
  const minSpeechSeconds = options.minSpeechSeconds ?? DEFAULT_MIN_ENROLLMENT_SECONDS;
  const thresholdDbfs = options.silence?.thresholdDbfs ?? DEFAULT_SILENCE_THRESHOLD_DBFS;
  const config = bundle.metadata.featureConfig as LogmelConfig;
  const names = recordings.map((recording, i) => recording.name ?? `recording ${i + 1}`);
  const signals = recordings.map((recording) => modelRateSignal(recording.samples, recording.sampleRate, config.sr));

  const lengths = chunkLengths(2, 2, config.sr);
  signals.forEach((signal, i) => {
    if (planChunks(signal.length, lengths).every(({ start, end }) => isSilent(signal, start, end, thresholdDbfs))) {
      throw new ModelError(
        'ENROLLMENT_SILENT',
        `${names[i]} is silent (its level stays below ${thresholdDbfs} dBFS): record a few seconds of calm speech, closer to the microphone`,
      );
    }
  });

  const totalSeconds = signals.reduce((sum, signal) => sum + signal.length, 0) / config.sr;
  const { bandMeans, speechSeconds } = enrollmentBandMeans(signals, config, needs.speechRangeDb);
  if (speechSeconds < minSpeechSeconds) {
    throw new ModelError(
      'ENROLLMENT_TOO_SHORT',
      `found ${speechSeconds.toFixed(1)} s of speech in ${recordings.length} recording(s) (${totalSeconds.toFixed(1)} s of audio); ` +
        `a calibration needs at least ${minSpeechSeconds} s of calm speech`,
    );
  }

  if (!allowNotCalm && calmModel !== undefined) {
    const heard = calmCheck(calmModel, signals, config.sr, thresholdDbfs);
    if (heard.label !== null && NOT_CALM_LABELS.includes(heard.label) && heard.confidence > NOT_CALM_PROBABILITY) {
      throw new ModelError(
        'ENROLLMENT_NOT_CALM',
        `the calibration speech does not sound calm: the default model hears ${heard.label} (${Math.round(100 * heard.confidence)} %). ` +
          'Speak in an even, relaxed voice (e.g. read a paragraph aloud), or allow it explicitly (allowNotCalm, --allow-not-calm)',
      );
    }
  }

  return {
    format: CALIBRATION_FORMAT,
    version: CALIBRATION_VERSION,
    kind: needs.kind,
    speechRangeDb: needs.speechRangeDb,
    featureConfig: calibrationFeatureConfig(config),
    bandMeans: Array.from(bandMeans),
    speechSeconds,
    recordings: recordings.length,
    createdAt: (options.createdAt ?? new Date()).toISOString(),
  };
}

/** The recognizer's summary of `calmModel` over all the recordings (model-rate signals), one after the other. */
function calmCheck(
  calmModel: ModelBundle,
  signals: readonly Float32Array[],
  sr: number,
  thresholdDbfs: number,
): { label: string | null; confidence: number } {
  const recognizer = createRecognizer({ bundle: calmModel, silence: { thresholdDbfs } });
  const chunks: ChunkResult[] = [];
  let offset = 0;
  for (const signal of signals) {
    for (const chunk of recognizer.analyze(signal, sr).chunks)
      chunks.push({ ...chunk, start: chunk.start + offset, end: chunk.end + offset });
    offset += signal.length / sr;
  }
  return summarizeChunks(chunks, recognizer.settings.labels, offset);
}
