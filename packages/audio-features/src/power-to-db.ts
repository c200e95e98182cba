/** Power → decibels, as librosa 0.11 `power_to_db`. */
import { AudioFeaturesError } from './errors.js';
import { assertValidMatrix, type Matrix } from './matrix.js';

/** Options of {@link powerToDb}. */
export interface PowerToDbOptions {
  /** Reference power: a number (its absolute value is used) or 'max' for the array's maximum (default 1). */
  ref?: number | 'max';
  /** Floor applied to S and ref before the logarithm, > 0 (default 1e-10). */
  amin?: number;
  /** Dynamic range: values below (max − topDb) dB are raised to it; null disables (default 80). */
  topDb?: number | null;
}

/** Resolved {@link PowerToDbOptions}. */
interface DbParameters {
  ref: number | 'max';
  amin: number;
  topDb: number | null;
}

function resolveDbOptions(options: PowerToDbOptions): DbParameters {
  const ref = options.ref ?? 1;
  const amin = options.amin ?? 1e-10;
  const topDb = options.topDb === undefined ? 80 : options.topDb;
  if (!(typeof amin === 'number' && amin > 0 && Number.isFinite(amin))) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `amin must be a finite number > 0, got ${String(amin)}`);
  }
  if (topDb !== null && !(typeof topDb === 'number' && topDb >= 0)) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `topDb must be a number ≥ 0 or null, got ${String(topDb)}`);
  }
  if (ref !== 'max' && !(typeof ref === 'number' && Number.isFinite(ref))) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `ref must be a finite number or 'max', got ${String(ref)}`);
  }
  return { ref, amin, topDb };
}

/**
 * Converts `values` (power) to dB in place: 10·log10(max(amin, S)) − 10·log10(max(amin, |ref|)), then
 * raises everything below (max − topDb). Works on any typed array.
 */
export function powerToDbInPlace(values: Float32Array | Float64Array, options: PowerToDbOptions = {}): void {
  const { ref, amin, topDb } = resolveDbOptions(options);
  let refValue: number;
  if (ref === 'max') {
    refValue = -Infinity;
    for (let i = 0; i < values.length; i++) refValue = Math.max(refValue, values[i]!);
  } else {
    refValue = Math.abs(ref);
  }
  const offset = 10 * Math.log10(Math.max(amin, refValue));
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const db = 10 * Math.log10(Math.max(amin, values[i]!)) - offset;
    values[i] = db;
    if (values[i]! > max) max = values[i]!;
  }
  if (topDb !== null) {
    const floor = max - topDb;
    for (let i = 0; i < values.length; i++) if (values[i]! < floor) values[i] = floor;
  }
}

/**
 * Power spectrogram → dB (librosa `power_to_db`; defaults ref 1, amin 1e-10, topDb 80 below the maximum).
 *
 * @example
 * const logMel = powerToDb(melSpectrogram({ y, sr }), { ref: 'max' });
 */
export function powerToDb(S: Matrix, options: PowerToDbOptions = {}): Matrix {
  assertValidMatrix(S);
  const out = { rows: S.rows, cols: S.cols, data: S.data.slice() };
  powerToDbInPlace(out.data, options);
  return out;
}
