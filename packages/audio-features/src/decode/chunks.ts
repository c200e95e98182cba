/** One chunk of a RIFF (little-endian) or IFF (big-endian) file. */
export interface Chunk {
  /** Four-character id, e.g. `fmt `, `data`, `COMM`, `SSND`. */
  id: string;
  /** Offset of the chunk's payload (after the 8-byte header). */
  offset: number;
  /** Payload size declared in the header (may exceed what the file holds). */
  size: number;
}

/** Chunk ids of WAV/RF64 and AIFF/AIFC files that writers commonly put next to the audio. */
const KNOWN_CHUNK_IDS = new Set([
  'fmt ',
  'data',
  'fact',
  'LIST',
  'cue ',
  'smpl',
  'inst',
  'bext',
  'iXML',
  'id3 ',
  'ID3 ',
  'PEAK',
  'JUNK',
  'junk',
  'PAD ',
  'acid',
  'cart',
  'levl',
  'DISP',
  'ds64',
  'COMM',
  'SSND',
  'FVER',
  'MARK',
  'INST',
  'APPL',
  'NAME',
  'AUTH',
  '(c) ',
  'ANNO',
  'COMT',
]);

/** True when the 4 bytes at `offset` are one of {@link KNOWN_CHUNK_IDS}. */
function isKnownChunkId(bytes: Uint8Array, offset: number): boolean {
  if (offset < 0 || offset + 4 > bytes.length) return false;
  return KNOWN_CHUNK_IDS.has(
    String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!),
  );
}

/**
 * Lists the chunks between `start` and the end of `bytes`. Odd-sized chunks are followed by one pad
 * byte; when a writer left it out (some tag editors write odd-sized LIST chunks without it), the next
 * chunk id is found one byte earlier: taken there when that is a known chunk id ('data', 'LIST', …) and the
 * padded position is not (a real pad byte is 0, so a well-formed file never matches). Stops at
 * a trailing fragment shorter than a chunk header, and after a chunk that claims more bytes than remain
 * (its declared size is kept so the caller can judge the truncation).
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
    let next = position + 8 + size + (size % 2);
    if (size % 2 === 1 && !isKnownChunkId(bytes, next) && isKnownChunkId(bytes, next - 1)) next--; // missing pad byte
    if (next > bytes.length) break;
    position = next;
  }
  return chunks;
}
