/**
 * Utterance-level statistics for speech emotion: five functionals (mean, std, 10th/50th/90th
 * percentile) of frame descriptors — MFCCs, their deltas, log energy, zero-crossing rate, spectral
 * centroid, roll-off and flatness — taken over the active (non-silent) frames, plus the pitch contour's
 * statistics over voiced frames. Unlike the classic 180-value vector (time means only), they describe
 * how a voice moves: loudness and pitch range, variability and spectral tilt, which is where much of the
 * emotion is.
 *
 * Frames: a centred STFT (Hann, zero padding) and YIN pitch on the same hop. Active frames are those
 * whose RMS level is within 40 dB of the loudest frame (all frames for a silent signal). Pitch is in
 * semitones relative to 55 Hz; with no voiced frame the pitch statistics are 0 and the voiced fraction 0.
 */
import { AudioFeaturesError, assertInteger, assertPositive, assertValidSignal } from '../../errors.js';
import { delta } from './delta.js';
import { FRAME_FUNCTIONALS, describeFrames } from './functionals.js';
import { cachedMelFilterbank } from '../filters/mel-filterbank.js';
import { mfcc } from './mfcc.js';
import { powerToDb } from '../core/power-to-db.js';
import { applyFilterbank } from '../filters/sparse-filterbank.js';
import { spectralCentroid, spectralFlatness, spectralRolloff, rmsFromMagnitude } from './spectral-descriptors.js';
import { spectrogramFrames } from '../core/spectrogram.js';
import { yin } from './yin.js';
import { zeroCrossingRate } from './zero-crossing-rate.js';

/** Parameters of {@link utteranceStatistics}. */
export interface UtteranceStatisticsOptions {
  /** Sample rate of `y` in Hz. */
  sr: number;
  /** FFT length (default 512). */
  nFft?: number;
  /** Samples between frames (default 160). */
  hopLength?: number;
  /** Mel bands for the MFCCs (default 64). */
  nMels?: number;
  /** MFCCs, including c0 (default 20). */
  nMfcc?: number;
  /** Lowest pitch searched, Hz (default 60). */
  f0Min?: number;
  /** Highest pitch searched, Hz (default 500). */
  f0Max?: number;
}

/** Level (dB) below the loudest frame under which a frame counts as silence. */
const ACTIVE_RANGE_DB = 40;
/** Names of the frame descriptors besides the MFCCs and their deltas, in output order. */
const SCALAR_DESCRIPTORS = ['energy_db', 'zcr', 'centroid_khz', 'rolloff_khz', 'log10_flatness'] as const;
/** Names of the pitch statistics, in output order. */
const PITCH_STATISTICS = ['pitch_mean', 'pitch_std', 'pitch_p10', 'pitch_p50', 'pitch_p90', 'voiced_fraction'] as const;

function resolve(options: UtteranceStatisticsOptions): Required<UtteranceStatisticsOptions> {
  const o = { nFft: 512, hopLength: 160, nMels: 64, nMfcc: 20, f0Min: 60, f0Max: 500, ...options };
  assertPositive('sr', o.sr);
  assertInteger('nFft', o.nFft, 2);
  assertInteger('hopLength', o.hopLength, 1);
  assertInteger('nMels', o.nMels, 1);
  assertInteger('nMfcc', o.nMfcc, 1);
  if (o.nMfcc > o.nMels)
    throw new AudioFeaturesError('INVALID_ARGUMENT', `nMfcc (${o.nMfcc}) must be ≤ nMels (${o.nMels})`);
  assertPositive('f0Min', o.f0Min);
  if (!(o.f0Max > o.f0Min && o.f0Max < o.sr / 2)) {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `f0Max must be in (f0Min = ${o.f0Min}, sr/2 = ${o.sr / 2}), got ${o.f0Max}`,
    );
  }
  return o;
}

/** The name of each value {@link utteranceStatistics} returns, in order (e.g. `mfcc3_std`, `pitch_p90`). */
export function utteranceStatisticNames(options: Pick<UtteranceStatisticsOptions, 'nMfcc'> = {}): string[] {
  const nMfcc = options.nMfcc ?? 20;
  const descriptors = [
    ...Array.from({ length: nMfcc }, (_, k) => `mfcc${k}`),
    ...Array.from({ length: nMfcc }, (_, k) => `mfcc${k}_delta`),
    ...SCALAR_DESCRIPTORS,
  ];
  return [...descriptors.flatMap((d) => FRAME_FUNCTIONALS.map((f) => `${d}_${f}`)), ...PITCH_STATISTICS];
}

/** The number of values {@link utteranceStatistics} returns: 5·(2·nMfcc + 5) + 6. */
export function utteranceStatisticsLength(options: Pick<UtteranceStatisticsOptions, 'nMfcc'> = {}): number {
  return FRAME_FUNCTIONALS.length * (2 * (options.nMfcc ?? 20) + SCALAR_DESCRIPTORS.length) + PITCH_STATISTICS.length;
}

/**
 * Utterance statistics of mono `y` (see the module description; names from {@link utteranceStatisticNames}).
 *
 * @example
 * const stats = utteranceStatistics(samples, { sr: 16000 }); // 231 values
 */
export function utteranceStatistics(y: Float32Array | Float64Array, options: UtteranceStatisticsOptions): Float32Array {
  const o = resolve(options);
  assertValidSignal(y);
  const magnitude = spectrogramFrames(y, { nFft: o.nFft, hopLength: o.hopLength }, 1);
  const { nBins, nFrames } = magnitude;
  const power = new Float32Array(magnitude.data.length);
  for (let i = 0; i < power.length; i++) power[i] = magnitude.data[i]! * magnitude.data[i]!;
  const bank = cachedMelFilterbank({ sr: o.sr, nFft: o.nFft, nMels: o.nMels });
  const mel = applyFilterbank(bank.sparse, power, nFrames);
  const cepstra = mfcc({ S: powerToDb(mel, { ref: 1, amin: 1e-10, topDb: 80 }), nMfcc: o.nMfcc });
  const deltas = delta(cepstra, 9);

  const rms = rmsFromMagnitude(magnitude);
  const energyDb = rms.map((v) => 20 * Math.log10(Math.max(v, 1e-5)));
  const zcr = zeroCrossingRate(y, { frameLength: o.nFft, hopLength: o.hopLength });
  const centroid = spectralCentroid(magnitude, o.sr).map((v) => v / 1000);
  const rolloff = spectralRolloff(magnitude, o.sr).map((v) => v / 1000);
  const flatness = spectralFlatness(magnitude).map((v) => Math.log10(v));
  const pitch = yin(y, { sr: o.sr, fmin: o.f0Min, fmax: o.f0Max, hopLength: o.hopLength });

  let loudest = -Infinity;
  for (let t = 0; t < nFrames; t++) loudest = Math.max(loudest, energyDb[t]!);
  let active: number[] = [];
  for (let t = 0; t < nFrames; t++) if (energyDb[t]! >= loudest - ACTIVE_RANGE_DB && rms[t]! > 0) active.push(t);
  if (active.length === 0) active = Array.from({ length: nFrames }, (_, t) => t);

  const out = new Float32Array(utteranceStatisticsLength(o));
  let k = 0;
  const put = (values: number[]): void => {
    for (const v of values) out[k++] = v;
  };
  const row = (m: { cols: number; data: Float32Array }, r: number): Float32Array =>
    m.data.subarray(r * m.cols, (r + 1) * m.cols);
  for (let r = 0; r < o.nMfcc; r++) put(describeFrames(row(cepstra, r), active));
  for (let r = 0; r < o.nMfcc; r++) put(describeFrames(row(deltas, r), active));
  for (const series of [energyDb, zcr.subarray(0, nFrames), centroid, rolloff, flatness])
    put(describeFrames(series, active));

  const semitones = new Float32Array(nFrames);
  const voicedActive: number[] = [];
  const frames = Math.min(nFrames, pitch.f0.length);
  for (const t of active) {
    if (t < frames && pitch.voiced[t]) {
      semitones[t] = 12 * Math.log2(pitch.f0[t]! / 55);
      voicedActive.push(t);
    }
  }
  put(describeFrames(semitones, voicedActive));
  put([voicedActive.length / active.length]);
  if (nBins < 2 || k !== out.length) throw new Error(`internal: wrote ${k} of ${out.length} statistics`);
  return out;
}
