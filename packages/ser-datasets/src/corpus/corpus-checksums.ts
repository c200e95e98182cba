import { createHash } from 'node:crypto';
import { endianness } from 'node:os';

/** Little-endian bytes of 4-byte values (a copy only on big-endian machines). */
function littleEndianBytes(values: Float32Array | Int32Array): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (endianness() === 'LE') return bytes;
  const copy = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 4) for (let k = 0; k < 4; k++) copy[i + k] = bytes[i + 3 - k]!;
  return copy;
}

/**
 * SHA-256 of a corpus's features: their float32 values, little-endian, in C order. Computed from the values, not
 * from the `.npy` bytes, so a file numpy rewrote with the same values still matches.
 */
export function featuresChecksum(x: Float32Array): string {
  return createHash('sha256').update(littleEndianBytes(x)).digest('hex');
}

/** SHA-256 of a corpus's class ids as int32 little-endian (whatever integer type the `.npy` file stores them in). */
export function classIdsChecksum(y: ArrayLike<number>): string {
  return createHash('sha256')
    .update(littleEndianBytes(y instanceof Int32Array ? y : Int32Array.from(y)))
    .digest('hex');
}

/**
 * SHA-256 checksums of a corpus's features and class ids (see {@link featuresChecksum}, {@link classIdsChecksum}):
 * a fingerprint of the data, e.g. for a tuner log.
 */
export function corpusChecksums(corpus: { x: Float32Array; y: ArrayLike<number> }): { x: string; y: string } {
  return { x: featuresChecksum(corpus.x), y: classIdsChecksum(corpus.y) };
}
