import { checkNumber, checkSignal } from './check-signal.js';

/**
 * Scales a signal by `gainDb` decibels (amplitude factor 10^(gainDb / 20)). No clipping is applied:
 * features are computed from floats, so values beyond ±1 are harmless.
 *
 * @returns a new signal.
 * @throws ModelError INVALID_ARGUMENT for an empty or non-finite signal or gain.
 */
export function applyGain(y: Float32Array, gainDb: number): Float32Array {
  checkSignal(y, 'applyGain');
  const factor = 10 ** (checkNumber(gainDb, 'applyGain: gainDb', () => true, 'a finite number of dB') / 20);
  const out = new Float32Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i]! * factor;
  return out;
}
