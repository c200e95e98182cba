/** One chunk of a RIFF (little-endian) or IFF (big-endian) file. */
export interface Chunk {
  /** Four-character id, e.g. `fmt `, `data`, `COMM`, `SSND`. */
  id: string;
  /** Offset of the chunk's payload (after the 8-byte header). */
  offset: number;
  /** Payload size declared in the header (may exceed what the file holds). */
  size: number;
}

/**
 * Lists the chunks between `start` and the end of `bytes`. Odd-sized chunks are followed by one pad
 * byte. Stops at a trailing fragment shorter than a chunk header, and after a chunk that claims more
 * bytes than remain (its declared size is kept so the caller can judge the truncation).
 *
 * @param sizeOverride - maps a chunk id to a size to use instead of the 32-bit header value (RF64)
 */
export function listChunks(
  bytes: Uint8Array,
  start: number,
  littleEndian: boolean,
  sizeOverride: (id: string, declared: number) => number = (_id, declared) => declared,
): Chunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  let position = start;
  while (position + 8 <= bytes.length) {
    const id = String.fromCharCode(bytes[position]!, bytes[position + 1]!, bytes[position + 2]!, bytes[position + 3]!);
    const size = sizeOverride(id, view.getUint32(position + 4, littleEndian));
    chunks.push({ id, offset: position + 8, size });
    const next = position + 8 + size + (size % 2);
    if (next > bytes.length) break;
    position = next;
  }
  return chunks;
}
