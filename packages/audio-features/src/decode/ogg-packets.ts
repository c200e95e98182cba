import { readOggPage } from './ogg-pages.js';

/** One packet of an Ogg logical stream. */
export interface OggPacket {
  /** Serial number of its logical stream. */
  serial: number;
  /** The packet's bytes (a view into the file unless it spans pages). */
  data: Uint8Array;
  /** Byte offset of the page where the packet starts, for messages. */
  pageOffset: number;
}

/**
 * The packets of an Ogg file in file order, reassembled from the pages' lacing values (a segment shorter than
 * 255 bytes ends a packet; a packet may continue on the next page of its stream). Stops at the first bytes
 * that are not a complete page (callers check truncation first, with `oggTruncation`).
 */
export function* oggPackets(bytes: Uint8Array): Generator<OggPacket> {
  /** Unfinished packet of each stream: its parts and the offset of its first page. */
  const partial = new Map<number, { parts: Uint8Array[]; pageOffset: number }>();
  for (let offset = 0; offset < bytes.length;) {
    const page = readOggPage(bytes, offset);
    if (!page || page.end > bytes.length) return;
    const segments = bytes[offset + 26]!;
    let at = offset + 27 + segments;
    let pending = partial.get(page.serial);
    // A page that does not continue a packet drops an unfinished one (a damaged or cut stream).
    if (pending && (page.headerType & 0x01) === 0) pending = undefined;
    for (let s = 0; s < segments; s++) {
      const length = bytes[offset + 27 + s]!;
      const part = bytes.subarray(at, at + length);
      at += length;
      pending ??= { parts: [], pageOffset: offset };
      pending.parts.push(part);
      if (length < 255) {
        yield { serial: page.serial, data: concatenate(pending.parts), pageOffset: pending.pageOffset };
        pending = undefined;
      }
    }
    if (pending) partial.set(page.serial, pending);
    else partial.delete(page.serial);
    offset = page.end;
  }
}

function concatenate(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
