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
    if (order > blockSize) throw new FlacFormatError(`FIXED predictor order ${order} exceeds the block size ${blockSize}`);
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
 * Sums are exact in doubles (≤ 15-bit coefficients × ≤ 33-bit samples × 32 taps < 2^53); the
 * arithmetic shift is a floor division by 2^shift.
 */
function restoreLpc(s: Int32Array, blockSize: number, order: number, coef: Float64Array, shift: number): void {
  const scale = 2 ** -shift;
  if (order === 8) {
    const c0 = coef[0]!, c1 = coef[1]!, c2 = coef[2]!, c3 = coef[3]!, c4 = coef[4]!, c5 = coef[5]!, c6 = coef[6]!, c7 = coef[7]!;
    for (let i = 8; i < blockSize; i++) {
      const sum =
        c0 * s[i - 1]! + c1 * s[i - 2]! + c2 * s[i - 3]! + c3 * s[i - 4]! + c4 * s[i - 5]! + c5 * s[i - 6]! + c6 * s[i - 7]! + c7 * s[i - 8]!;
      s[i] = s[i]! + Math.floor(sum * scale);
    }
    return;
  }
  for (let i = order; i < blockSize; i++) {
    let sum = 0;
    for (let j = 0; j < order; j++) sum += coef[j]! * s[i - 1 - j]!;
    s[i] = s[i]! + Math.floor(sum * scale);
  }
}
