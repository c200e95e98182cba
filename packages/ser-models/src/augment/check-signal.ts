import { ModelError } from '../errors.js';

/** Throws INVALID_ARGUMENT unless `y` is a non-empty Float32Array of finite samples. */
export function checkSignal(y: Float32Array, what: string): void {
  if (!(y instanceof Float32Array)) throw new ModelError('INVALID_ARGUMENT', `${what}: expected a Float32Array signal`);
  if (y.length === 0) throw new ModelError('INVALID_ARGUMENT', `${what}: the signal is empty`);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]))
      throw new ModelError('INVALID_ARGUMENT', `${what}: sample ${i} is not finite (${y[i]})`);
  }
}

/** Throws INVALID_ARGUMENT unless `value` is a finite number satisfying `test`. */
export function checkNumber(value: unknown, what: string, test: (v: number) => boolean, expected: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !test(value)) {
    throw new ModelError('INVALID_ARGUMENT', `${what} must be ${expected}, got ${String(value)}`);
  }
  return value;
}
