/** Vector normalisation as librosa `util.normalize` (threshold = smallest normal float, fill = none). */
import { AudioFeaturesError } from '../../errors.js';
import type { Matrix } from './matrix.js';

/** A p-norm order: 1, 2, any p > 0, or Infinity (max |x|). */
export type NormOrder = number;

/** Smallest positive normal float32 (numpy `finfo(float32).tiny`): librosa's threshold for float32 data. */
export const FLOAT32_TINY = 1.1754943508222875e-38;

/** The p-norm of `n` values of `x` taken every `stride` from `start`. */
export function vectorNorm(x: ArrayLike<number>, start: number, n: number, stride: number, order: NormOrder): number {
  if (!(order > 0)) throw new AudioFeaturesError('INVALID_ARGUMENT', `norm order must be > 0, got ${String(order)}`);
  let acc = 0;
  if (order === Infinity) {
    for (let i = 0; i < n; i++) acc = Math.max(acc, Math.abs(x[start + i * stride]!));
    return acc;
  }
  if (order === 1) {
    for (let i = 0; i < n; i++) acc += Math.abs(x[start + i * stride]!);
    return acc;
  }
  if (order === 2) {
    for (let i = 0; i < n; i++) acc += x[start + i * stride]! * x[start + i * stride]!;
    return Math.sqrt(acc);
  }
  for (let i = 0; i < n; i++) acc += Math.pow(Math.abs(x[start + i * stride]!), order);
  return Math.pow(acc, 1 / order);
}

/** Divides each row by its p-norm (rows with a norm below `threshold` are left as they are). */
export function normalizeRowsInPlace(m: Matrix, order: NormOrder, threshold = FLOAT32_TINY): void {
  for (let r = 0; r < m.rows; r++) {
    const len = vectorNorm(m.data, r * m.cols, m.cols, 1, order);
    if (len < threshold) continue;
    for (let c = 0; c < m.cols; c++) m.data[r * m.cols + c] = m.data[r * m.cols + c]! / len;
  }
}

/** Divides each column by its p-norm (columns with a norm below `threshold` are left as they are). */
export function normalizeColumnsInPlace(m: Matrix, order: NormOrder, threshold = FLOAT32_TINY): void {
  for (let c = 0; c < m.cols; c++) {
    const len = vectorNorm(m.data, c, m.rows, m.cols, order);
    if (len < threshold) continue;
    for (let r = 0; r < m.rows; r++) m.data[r * m.cols + c] = m.data[r * m.cols + c]! / len;
  }
}
