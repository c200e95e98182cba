import type { Random } from '../random.js';
import { checkNumber, checkSignal } from './check-signal.js';
import { standardNormal } from './gaussian.js';

/** Options of {@link addNoise}. */
export interface AddNoiseOptions {
  /** Signal-to-noise ratio in dB of the added white Gaussian noise, relative to the signal's mean power. */
  snrDb: number;
  /** Seeded uniform generator (e.g. `createRandom(seed)`). */
  random: Random;
}

/**
 * Adds white Gaussian noise at a given SNR: noise power = mean(y²) / 10^(snrDb / 10).
 * A silent signal (mean power 0) is returned unchanged (copied): there is no level to relate the noise to.
 *
 * @returns a new signal; `y` is not modified.
 * @throws ModelError INVALID_ARGUMENT for an empty or non-finite signal, or a non-finite `snrDb`.
 */
export function addNoise(y: Float32Array, options: AddNoiseOptions): Float32Array {
  checkSignal(y, 'addNoise');
  const snrDb = checkNumber(options.snrDb, 'addNoise: snrDb', () => true, 'a finite number of dB');
  let power = 0;
  for (let i = 0; i < y.length; i++) power += y[i]! * y[i]!;
  power /= y.length;
  const out = new Float32Array(y);
  if (power === 0) return out;
  const sigma = Math.sqrt(power / 10 ** (snrDb / 10));
  for (let i = 0; i < out.length; i++) out[i]! += sigma * standardNormal(options.random);
  return out;
}
