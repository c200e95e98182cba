/**
 * G.711 companded samples to 16-bit linear values (ITU-T G.711), the same values libsndfile and sox
 * produce; divide by 32768 for floats.
 */

/** µ-law byte → linear value in [-32124, 32124]. */
export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

/** A-law byte → linear value in [-32256, 32256]. */
export function alawToLinear(byte: number): number {
  const a = (byte ^ 0x55) & 0xff;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

/** 256-entry lookup table of a G.711 law, scaled to floats (value / 32768). */
export function g711Table(law: 'ulaw' | 'alaw'): Float32Array {
  const table = new Float32Array(256);
  const decode = law === 'ulaw' ? ulawToLinear : alawToLinear;
  for (let b = 0; b < 256; b++) table[b] = decode(b) / 32768;
  return table;
}
