import type { Random } from '../random.js';
import { addNoise } from './add-noise.js';
import { checkSignal } from './check-signal.js';
import { applyGain } from './gain.js';
import { speedPerturb } from './speed-perturb.js';
import { timeShift } from './time-shift.js';

/** Ranges of {@link augmentWaveform}; every transform is optional (omit or set its probability to 0). */
export interface WaveformAugmentationOptions {
  /** Sample rate of the signal in Hz (needed by speed perturbation). */
  sampleRate: number;
  /** Seeded uniform generator. */
  random: Random;
  /** Speed factor range, e.g. `[0.9, 1.1]`, applied with probability `speedProbability` (default 0.5). */
  speedRange?: [number, number];
  speedProbability?: number;
  /** Gain range in dB, e.g. `[-6, 6]` (always applied when given). */
  gainDbRange?: [number, number];
  /** Largest time shift in seconds, either way (zeros fill the gap). */
  maxShiftSeconds?: number;
  /** SNR range in dB of added white noise, e.g. `[15, 35]`, applied with probability `noiseProbability` (default 0.5). */
  snrDbRange?: [number, number];
  noiseProbability?: number;
}

/** What {@link augmentWaveform} did, for logging and reproducibility checks. */
export interface AppliedAugmentation {
  speed?: number;
  gainDb?: number;
  shiftSamples?: number;
  snrDb?: number;
}

function uniform(random: Random, [lo, hi]: [number, number]): number {
  return lo + (hi - lo) * random();
}

/**
 * One random waveform augmentation: speed perturbation → gain → time shift → additive noise, each
 * drawn from the given ranges with the given generator (same generator state, same result).
 *
 * @returns the augmented signal and the parameters drawn.
 * @throws ModelError INVALID_ARGUMENT for an empty or non-finite signal or out-of-range parameters.
 */
export function augmentWaveform(
  y: Float32Array,
  options: WaveformAugmentationOptions,
): { y: Float32Array; applied: AppliedAugmentation } {
  checkSignal(y, 'augmentWaveform');
  const { random } = options;
  const applied: AppliedAugmentation = {};
  let out = y;
  if (options.speedRange && random() < (options.speedProbability ?? 0.5)) {
    applied.speed = uniform(random, options.speedRange);
    out = speedPerturb(out, { sampleRate: options.sampleRate, rate: applied.speed });
  }
  if (options.gainDbRange) {
    applied.gainDb = uniform(random, options.gainDbRange);
    out = applyGain(out, applied.gainDb);
  }
  if (options.maxShiftSeconds) {
    const max = Math.round(options.maxShiftSeconds * options.sampleRate);
    applied.shiftSamples = Math.round(uniform(random, [-max, max]));
    out = timeShift(out, applied.shiftSamples);
  }
  if (options.snrDbRange && random() < (options.noiseProbability ?? 0.5)) {
    applied.snrDb = uniform(random, options.snrDbRange);
    out = addNoise(out, { snrDb: applied.snrDb, random });
  }
  return { y: out === y ? new Float32Array(y) : out, applied };
}
