import { hasAscii } from './detect.js';

/** The fields of an Ogg page header that matter for knowing where a stream ends. */
export interface OggPageInfo {
  /** Byte offset of the page's `OggS`. */
  offset: number;
  /** Header type flags: 0x01 continued, 0x02 beginning of stream, 0x04 end of stream. */
  headerType: number;
  /** Absolute granule position (samples, codec-specific meaning); −1 when none ends on this page. */
  granulePosition: number;
  /** Logical bitstream serial number. */
  serial: number;
  /** Offset just past the page's body. */
  end: number;
}

/** Reads the Ogg page header at `offset`, or returns undefined if it is not a (complete) page header. */
export function readOggPage(bytes: Uint8Array, offset: number): OggPageInfo | undefined {
  if (!hasAscii(bytes, offset, 'OggS') || offset + 27 > bytes.length || bytes[offset + 4] !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const low = view.getUint32(offset + 6, true);
  const high = view.getInt32(offset + 10, true);
  const granulePosition = high === -1 && low === 0xffffffff ? -1 : high * 2 ** 32 + low;
  const segments = bytes[offset + 26]!;
  if (offset + 27 + segments > bytes.length)
    return {
      offset,
      headerType: bytes[offset + 5]!,
      granulePosition,
      serial: view.getUint32(offset + 14, true),
      end: Infinity,
    };
  let bodyLength = 0;
  for (let i = 0; i < segments; i++) bodyLength += bytes[offset + 27 + i]!;
  return {
    offset,
    headerType: bytes[offset + 5]!,
    granulePosition,
    serial: view.getUint32(offset + 14, true),
    end: offset + 27 + segments + bodyLength,
  };
}

/**
 * The last page of an Ogg file: the last `OggS` capture pattern (searching backwards from the end).
 * Its `end` exceeds `bytes.length` when the file was cut in the middle of that page.
 */
export function lastOggPage(bytes: Uint8Array): OggPageInfo | undefined {
  for (let offset = bytes.length - 27; offset >= 0; offset--) {
    if (bytes[offset] === 0x4f) {
      const page = readOggPage(bytes, offset);
      if (page) return page;
    }
  }
  return undefined;
}

/** Why an Ogg stream looks truncated, or undefined when its last page is complete and flagged end-of-stream. */
export function oggTruncation(bytes: Uint8Array): string | undefined {
  const first = readOggPage(bytes, 0);
  const last = lastOggPage(bytes);
  if (!first || !last) return 'no complete Ogg page found';
  if (last.end === Infinity) return `the file ends inside the header of the Ogg page at byte ${last.offset}`;
  if (last.end > bytes.length)
    return `the file ends in the middle of an Ogg page (at byte ${bytes.length}, the page needs ${last.end})`;
  if (last.serial === first.serial && (last.headerType & 0x04) === 0) {
    return 'the last Ogg page has no end-of-stream flag (the file was cut off)';
  }
  return undefined;
}

/**
 * Samples per channel the stream should decode to according to its last granule position (Vorbis:
 * the granule; Opus: the granule minus the pre-skip in OpusHead), or undefined when unknown.
 */
export function oggDeclaredLength(bytes: Uint8Array, codec: 'vorbis' | 'opus'): number | undefined {
  const first = readOggPage(bytes, 0);
  const last = lastOggPage(bytes);
  if (!first || !last || last.serial !== first.serial || last.granulePosition < 0) return undefined;
  if (codec === 'vorbis') return last.granulePosition;
  const head = 27 + bytes[26]!;
  if (!hasAscii(bytes, head, 'OpusHead') || head + 12 > bytes.length) return undefined;
  const preSkip = bytes[head + 10]! | (bytes[head + 11]! << 8);
  return Math.max(0, last.granulePosition - preSkip);
}
