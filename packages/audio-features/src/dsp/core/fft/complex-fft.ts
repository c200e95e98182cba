/** The complex FFT of any length: radix-4 for powers of two, Bluestein's algorithm otherwise. */
import { assertInteger } from '../../../errors.js';
import { BluesteinFft } from './bluestein-fft.js';
import { cachedPlan } from './plan-cache.js';
import type { ComplexFftPlan } from './plan-types.js';
import { isPowerOfTwo, PowerOfTwoFft } from './radix4-fft.js';

const complexPlans = new Map<number, ComplexFftPlan>();

/** The cached complex FFT plan for length `n` (radix-4 for powers of two, Bluestein otherwise). */
export function complexFftPlan(n: number): ComplexFftPlan {
  assertInteger('FFT length', n, 1);
  return cachedPlan(complexPlans, n, (size) => (isPowerOfTwo(size) ? new PowerOfTwoFft(size) : new BluesteinFft(size)));
}
