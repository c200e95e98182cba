import { resample } from '@ser/audio-features';
import { checkNumber, checkSignal } from './check-signal.js';

/** Options of {@link speedPerturb}. */
export interface SpeedPerturbOptions {
  /** Sample rate of `y` in Hz. */
  sampleRate: number;
  /**
   * Speed factor: 1.1 plays 10 % faster (shorter, pitch up by the same ratio), 0.9 slower and lower.
   * Must be in [0.5, 2].
   */
  rate: number;
}

/**
 * Speed perturbation (tempo and pitch together, as in Kaldi's speed perturbation): the signal is
 * resampled from `sampleRate · rate` to `sampleRate` with @ser/audio-features' polyphase `resample`, then read at `sampleRate`.
 * The rate is rounded so that both rates are whole Hz.
 *
 * @returns a new signal of about `y.length / rate` samples.
 * @throws ModelError INVALID_ARGUMENT for an empty/non-finite signal, a bad `sampleRate` or a rate outside [0.5, 2].
 */
export function speedPerturb(y: Float32Array, options: SpeedPerturbOptions): Float32Array {
  checkSignal(y, 'speedPerturb');
  const sr = checkNumber(
    options.sampleRate,
    'speedPerturb: sampleRate',
    (v) => Number.isInteger(v) && v > 0,
    'a positive integer number of Hz',
  );
  const rate = checkNumber(options.rate, 'speedPerturb: rate', (v) => v >= 0.5 && v <= 2, 'a number in [0.5, 2]');
  const fromSr = Math.round(sr * rate);
  if (fromSr === sr) return new Float32Array(y);
  return resample(y, fromSr, sr, { method: 'polyphase' });
}
