import type { FlacBitReader } from './bit-reader.js';
import { FlacFormatError } from './format-error.js';
import { decodeResidual } from './residual.js';

/** Reusable scratch space for LPC coefficients (at most 32). */
const lpcCoefficients = new Float64Array(32);

/**
 * Decodes one subframe (CONSTANT, VERBATIM, FIXED order 0–4 or LPC order 1–32, with wasted bits)
 * of `blockSize` samples at `sampleBits` bits into `out[0, blockSize)`.
 */
export function decodeSubframe(reader: FlacBitReader, out: Int32Array, blockSize: number, sampleBits: number): void {
  if (reader.readUnsigned(1) !== 0) throw new FlacFormatError('subframe header padding bit is not 0');
  const type = reader.readUnsigned(6);
  let wasted = 0;
  if (reader.readUnsigned(1) === 1) wasted = reader.readUnary() + 1;
  const bits = sampleBits - wasted;
  if (bits < 1) throw new FlacFormatError(`subframe claims ${wasted} wasted bits of ${sampleBits}`);
  if (bits > 32) throw new FlacFormatError(`${bits}-bit subframes (32-bit side channels) are not supported`, true);
  if (type === 0) {
    out.fill(reader.readSigned(bits), 0, blockSize);
  } else if (type === 1) {
    for (let i = 0; i < blockSize; i++) out[i] = reader.readSigned(bits);
  } else if (type >= 8 && type <= 12) {
    const order = type - 8;
    if (order > blockSize)
      throw new FlacFormatError(`FIXED predictor order ${order} exceeds the block size ${blockSize}`);
    for (let i = 0; i < order; i++) out[i] = reader.readSigned(bits);
    decodeResidual(reader, out, blockSize, order);
    restoreFixed(out, blockSize, order);
  } else if (type >= 32) {
    const order = type - 31;
    if (order > blockSize) throw new FlacFormatError(`LPC order ${order} exceeds the block size ${blockSize}`);
    for (let i = 0; i < order; i++) out[i] = reader.readSigned(bits);
    const precision = reader.readUnsigned(4) + 1;
    if (precision === 16) throw new FlacFormatError('LPC coefficient precision code 15 is reserved');
    const shift = reader.readSigned(5);
    if (shift < 0) throw new FlacFormatError(`negative LPC shift ${shift}`);
    for (let j = 0; j < order; j++) lpcCoefficients[j] = reader.readSigned(precision);
    decodeResidual(reader, out, blockSize, order);
    restoreLpc(out, blockSize, order, lpcCoefficients, shift);
  } else {
    throw new FlacFormatError(`reserved subframe type ${type}`);
  }
  if (wasted > 0) for (let i = 0; i < blockSize; i++) out[i] = out[i]! << wasted;
}

/** Adds the FIXED polynomial prediction of order 0–4 to the residuals in `s[order, blockSize)`. */
function restoreFixed(s: Int32Array, blockSize: number, order: number): void {
  switch (order) {
    case 1:
      for (let i = 1; i < blockSize; i++) s[i] = s[i]! + s[i - 1]!;
      break;
    case 2:
      for (let i = 2; i < blockSize; i++) s[i] = s[i]! + 2 * s[i - 1]! - s[i - 2]!;
      break;
    case 3:
      for (let i = 3; i < blockSize; i++) s[i] = s[i]! + 3 * (s[i - 1]! - s[i - 2]!) + s[i - 3]!;
      break;
    case 4:
      for (let i = 4; i < blockSize; i++) s[i] = s[i]! + 4 * (s[i - 1]! + s[i - 3]!) - 6 * s[i - 2]! - s[i - 4]!;
      break;
  }
}

/**
 * Adds the LPC prediction (Σ coef[j]·s[i−1−j]) >> shift to the residuals in `s[order, blockSize)`.
 * Sums are exact integers in doubles (≤ 15-bit coefficients × ≤ 33-bit samples × 32 taps < 2^53),
 * so their order does not matter; the arithmetic shift is a floor division by 2^shift.
 */
function restoreLpc(s: Int32Array, blockSize: number, order: number, coef: Float64Array, shift: number): void {
  if (order <= 12) restoreLpcUpTo12(s, blockSize, order, coef, 2 ** -shift);
  else restoreLpcAnyOrder(s, blockSize, order, coef, 2 ** -shift);
}

/**
 * Orders 1–12 (what encoders use up to compression level 8): the 12 previous samples live in local
 * variables, so each output costs one load, and the products are summed as a tree rather than one
 * long chain; unused coefficients are 0 (exact: 0·x adds nothing).
 */
function restoreLpcUpTo12(s: Int32Array, blockSize: number, order: number, coef: Float64Array, scale: number): void {
  const c = (j: number) => (j < order ? coef[j]! : 0);
  const c0 = c(0),
    c1 = c(1),
    c2 = c(2),
    c3 = c(3),
    c4 = c(4),
    c5 = c(5);
  const c6 = c(6),
    c7 = c(7),
    c8 = c(8),
    c9 = c(9),
    c10 = c(10),
    c11 = c(11);
  const at = (k: number) => (order - k >= 0 ? s[order - k]! : 0);
  let s1 = at(1),
    s2 = at(2),
    s3 = at(3),
    s4 = at(4),
    s5 = at(5),
    s6 = at(6);
  let s7 = at(7),
    s8 = at(8),
    s9 = at(9),
    s10 = at(10),
    s11 = at(11),
    s12 = at(12);
  for (let i = order; i < blockSize; i++) {
    // A balanced sum: shorter dependency chains than a left-to-right one (and exact either way).
    const sum =
      c0 * s1 +
      c1 * s2 +
      (c2 * s3 + c3 * s4) +
      (c4 * s5 + c5 * s6 + (c6 * s7 + c7 * s8)) +
      (c8 * s9 + c9 * s10 + (c10 * s11 + c11 * s12));
    const value = (s[i]! + Math.floor(sum * scale)) | 0;
    s[i] = value;
    s12 = s11;
    s11 = s10;
    s10 = s9;
    s9 = s8;
    s8 = s7;
    s7 = s6;
    s6 = s5;
    s5 = s4;
    s4 = s3;
    s3 = s2;
    s2 = s1;
    s1 = value;
  }
}

/** Any order 1–32: a plain loop over the coefficients. */
function restoreLpcAnyOrder(s: Int32Array, blockSize: number, order: number, coef: Float64Array, scale: number): void {
  for (let i = order; i < blockSize; i++) {
    let sum = 0;
    for (let j = 0; j < order; j++) sum += coef[j]! * s[i - 1 - j]!;
    s[i] = s[i]! + Math.floor(sum * scale);
  }
}
