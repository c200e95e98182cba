import { computeFeatures, type LogmelConfig } from '@ser/audio-features';
import { ModelError } from '../errors.js';

/**
 * Frames quieter than this many dB below a recording's loudest frame (mean log-mel over bands) are pauses, not
 * speech, and are left out of a calibration's band means.
 */
export const ENROLLMENT_SPEECH_RANGE_DB = 35;

/** What {@link enrollmentBandMeans} measured. */
export interface EnrollmentBandMeans {
  /** Per-band mean log-mel (dB) over the speech frames of all the recordings, frame-weighted: `nMels` values. */
  bandMeans: Float32Array;
  /** Speech frames the means are taken over. */
  speechFrames: number;
  /** Their duration in seconds (`speechFrames · hopLength / sr`). */
  speechSeconds: number;
}

/**
 * Sums over the speech frames of one recording's time-major log-mel `[frameCount, bands]`: each band's sum over
 * the frames whose mean over bands is within `rangeDb` of the loudest frame's, and how many there are.
 */
export function speechBandSums(
  logmel: Float32Array,
  frameCount: number,
  bands: number,
  rangeDb = ENROLLMENT_SPEECH_RANGE_DB,
): { sums: Float64Array; count: number } {
  const energy = new Float64Array(frameCount);
  let loudest = -Infinity;
  for (let t = 0; t < frameCount; t++) {
    let sum = 0;
    for (let b = 0; b < bands; b++) sum += logmel[t * bands + b]!;
    energy[t] = sum / bands;
    if (energy[t]! > loudest) loudest = energy[t]!;
  }
  const sums = new Float64Array(bands);
  let count = 0;
  for (let t = 0; t < frameCount; t++) {
    if (energy[t]! < loudest - rangeDb) continue;
    for (let b = 0; b < bands; b++) sums[b]! += logmel[t * bands + b]!;
    count++;
  }
  return { sums, count };
}

/**
 * {@link speechBandSums} of one whole recording (mono at `featureConfig.sr`): its un-normalised log-mel over all
 * its frames (no fixed length, no padding), summed over the speech frames. Sum these over recordings and divide
 * by the counts for a speaker's band means; `ser evaluate --calibrate neutral` computes them once per neutral
 * recording and re-uses them for every recording it scores.
 * @returns zero sums and count for an empty recording
 */
export function recordingSpeechBandSums(
  samples: Float32Array,
  featureConfig: LogmelConfig,
  speechRangeDb = ENROLLMENT_SPEECH_RANGE_DB,
): { sums: Float64Array; count: number } {
  const bands = featureConfig.nMels;
  if (samples.length === 0) return { sums: new Float64Array(bands), count: 0 };
  const { normalize: _normalize, ...plain } = featureConfig;
  const frameCount = 1 + Math.floor(samples.length / featureConfig.hopLength);
  const { data } = computeFeatures(samples, { ...plain, frames: frameCount, padMode: 'constant' });
  return speechBandSums(data, frameCount, bands, speechRangeDb);
}

/**
 * Band means from per-recording speech sums ({@link recordingSpeechBandSums}): the frame-weighted mean of each
 * band over all their speech frames.
 * @throws ModelError INVALID_DATA when there is no speech frame at all
 */
export function bandMeansOfSums(
  parts: readonly { sums: ArrayLike<number>; count: number }[],
  bands: number,
  hopLength: number,
  sr: number,
): EnrollmentBandMeans {
  const total = new Float64Array(bands);
  let frames = 0;
  for (const { sums, count } of parts) {
    for (let b = 0; b < bands; b++) total[b]! += sums[b]!;
    frames += count;
  }
  if (frames === 0) throw new ModelError('INVALID_DATA', 'calibration: the recordings hold no audio');
  return {
    bandMeans: Float32Array.from(total, (sum) => sum / frames),
    speechFrames: frames,
    speechSeconds: (frames * hopLength) / sr,
  };
}

/**
 * A speaker's calibration offset: the per-band mean of the un-normalised log-mel of their speech, over the speech
 * frames ({@link ENROLLMENT_SPEECH_RANGE_DB}) of every recording, each recording taken whole (no fixed length, no
 * padding). The speaker-calibrated default model was trained on log-mel minus this offset of each training
 * speaker's calm (neutral) recordings, and a calibration subtracts it from every chunk before prediction.
 *
 * @param recordings - mono signals at `featureConfig.sr`.
 * @param featureConfig - the calibrated bundle's log-mel configuration (its `frames`, `padMode` and `normalize` do
 *   not matter here).
 * @param speechRangeDb - frames within this many dB of a recording's loudest are speech (the bundle's
 *   `calibration.speechRangeDb`; default {@link ENROLLMENT_SPEECH_RANGE_DB}).
 * @returns the band means and how much speech they rest on.
 * @throws ModelError INVALID_ARGUMENT for a feature set other than logmel; INVALID_DATA when the recordings hold no
 *   frame at all.
 * @example
 * ```ts
 * const { bandMeans, speechSeconds } = enrollmentBandMeans([calm1, calm2], bundle.metadata.featureConfig);
 * ```
 */
export function enrollmentBandMeans(
  recordings: readonly Float32Array[],
  featureConfig: LogmelConfig,
  speechRangeDb = ENROLLMENT_SPEECH_RANGE_DB,
): EnrollmentBandMeans {
  if (featureConfig.featureSet !== 'logmel') {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `calibration needs log-mel features, the bundle uses ${String((featureConfig as { featureSet: unknown }).featureSet)}`,
    );
  }
  const parts = recordings.map((samples) => recordingSpeechBandSums(samples, featureConfig, speechRangeDb));
  return bandMeansOfSums(parts, featureConfig.nMels, featureConfig.hopLength, featureConfig.sr);
}
