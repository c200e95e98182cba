/** The checks the feature sets' validations share; each throws INVALID_ARGUMENT naming the parameter. */
import { AudioFeaturesError } from '../../errors.js';

/** The error of an invalid feature configuration. */
export function invalidConfig(message: string): AudioFeaturesError {
  return new AudioFeaturesError('INVALID_ARGUMENT', `invalid feature configuration: ${message}`);
}

/** `config[key]` as an integer ≥ `min`. */
export function requireInteger(config: Readonly<Record<string, unknown>>, key: string, min: number): number {
  const v = config[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw invalidConfig(`'${key}' must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** `config[key]` as a finite number passing `test` (`expected` says what it must be). */
export function requireNumber(
  config: Readonly<Record<string, unknown>>,
  key: string,
  test: (v: number) => boolean,
  expected: string,
): number {
  const v = config[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || !test(v)) {
    throw invalidConfig(`'${key}' must be ${expected}, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** `config.nMfcc` as an integer in [1, nMels] (the DCT keeps at most nMels coefficients). */
export function requireMfccCount(config: Readonly<Record<string, unknown>>, nMels: number): number {
  const nMfcc = requireInteger(config, 'nMfcc', 1);
  if (nMfcc > nMels) throw invalidConfig(`'nMfcc' (${nMfcc}) must be ≤ nMels (${nMels})`);
  return nMfcc;
}

/**
 * An optional `key` of a clean configuration: checked against `choices`, and present only when it is not
 * `fallback` (the default), so equal configurations compare equal.
 */
export function nonDefaultChoice<K extends string, V extends string>(
  config: Readonly<Record<string, unknown>>,
  key: K,
  choices: readonly V[],
  fallback: V,
): Partial<Record<K, V>> {
  const value = config[key] ?? fallback;
  if (!choices.includes(value as V)) {
    throw invalidConfig(`'${key}' must be one of ${choices.join(', ')}, got ${JSON.stringify(config[key])}`);
  }
  return value === fallback ? {} : ({ [key]: value } as Partial<Record<K, V>>);
}
