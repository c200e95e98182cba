/**
 * Reads an IEEE 754 80-bit extended-precision float (big-endian, as in AIFF's COMM sample rate):
 * 1 sign bit, 15-bit exponent (bias 16383), 64-bit mantissa with an explicit integer bit.
 * Returns NaN for infinities/NaNs (exponent 0x7FFF).
 */
export function readExtended80(bytes: Uint8Array, offset: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signAndExponent = view.getUint16(offset, false);
  const mantissaHigh = view.getUint32(offset + 2, false);
  const mantissaLow = view.getUint32(offset + 6, false);
  const exponent = signAndExponent & 0x7fff;
  const sign = signAndExponent & 0x8000 ? -1 : 1;
  if (exponent === 0x7fff) return Number.NaN;
  if (exponent === 0 && mantissaHigh === 0 && mantissaLow === 0) return 0;
  const mantissa = mantissaHigh * 2 ** 32 + mantissaLow;
  return sign * mantissa * 2 ** (exponent - 16383 - 63);
}
