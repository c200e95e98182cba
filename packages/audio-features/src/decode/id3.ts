/**
 * Length in bytes of the ID3v2 tag(s) at `offset` (0 when there is none). ID3v2 sizes are
 * "syncsafe" (7 bits per byte); a footer adds 10 bytes. Consecutive tags are skipped as one.
 */
export function id3v2Length(bytes: Uint8Array, offset = 0): number {
  let position = offset;
  while (
    position + 10 <= bytes.length &&
    bytes[position] === 0x49 && // I
    bytes[position + 1] === 0x44 && // D
    bytes[position + 2] === 0x33 // 3
  ) {
    const flags = bytes[position + 5]!;
    const size =
      ((bytes[position + 6]! & 0x7f) << 21) |
      ((bytes[position + 7]! & 0x7f) << 14) |
      ((bytes[position + 8]! & 0x7f) << 7) |
      (bytes[position + 9]! & 0x7f);
    position += 10 + size + (flags & 0x10 ? 10 : 0);
  }
  return Math.min(position, bytes.length) - offset;
}
