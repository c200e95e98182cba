/** Power → decibels, as librosa 0.11 `power_to_db`. */
import { AudioFeaturesError } from '../../errors.js';
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

/** Values multiplied before one logarithm: 8 float32 powers in [1e-10, 3.4e38] keep the product in float64 range. */
const LOG_PRODUCT_LENGTH = 8;

/**
 * The time-mean of each row of `powerToDb(S)` with librosa's defaults (ref 1, amin 1e-10, topDb 80) — what
 * the mean of an MFCC needs — without a logarithm per value: Σ_t 10·log10(x_t) = 10·log10(Π_t x_t), one
 * logarithm per 8 values, with the amin and topDb floors applied in the linear domain. Agrees with averaging
 * the float32 dB values to their float32 rounding (≈ 1e-5 dB). `S` must be finite (as an STFT's powers are).
 *
 * @example
 * const meanDb = meanPowerToDbRows(melSpectrogram({ y, sr })); // Float64Array(nMels)
 */
export function meanPowerToDbRows(S: Matrix): Float64Array {
  const { rows, cols, data } = S;
  const amin = 1e-10;
  const topDb = 80;
  let max = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! > max) max = data[i]!;
  // The dB maximum and its floor in float32 (as numpy evaluates them on librosa's float32 dB array),
  // the floor converted back to power: floored values then contribute exactly that float32 floor.
  const maxDb = Math.fround(10 * Math.log10(Math.max(amin, max)));
  const floor = Math.max(amin, 10 ** (Math.fround(maxDb - topDb) / 10));
  const means = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    let product = 1;
    for (let t = 0, k = r * cols; t < cols; t++, k++) {
      const v = data[k]!;
      product *= v > floor ? v : floor;
      if ((t + 1) % LOG_PRODUCT_LENGTH === 0) {
        sum += Math.log10(product);
        product = 1;
      }
    }
    if (cols % LOG_PRODUCT_LENGTH !== 0) sum += Math.log10(product);
    means[r] = cols > 0 ? (10 * sum) / cols : NaN;
  }
  return means;
}
