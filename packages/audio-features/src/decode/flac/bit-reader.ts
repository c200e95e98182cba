/**
 * A big-endian bit reader over a Uint8Array with a 32-bit cache, as FLAC frames need it. Reading
 * past the end yields zero bits and {@link FlacBitReader.overrun} becomes true, so a cut-off frame
 * is detected once after decoding it rather than by a bounds check per read.
 */
export class FlacBitReader {
  /** The bytes being read. */
  readonly bytes: Uint8Array;
  /** Index of the next byte to load into the cache. */
  private next: number;
  /** Bits not yet consumed; only the low `cacheBits` bits are meaningful. */
  private cache = 0;
  /** Number of valid bits in `cache` (0–32). */
  private cacheBits = 0;
  /** True when more bits were consumed than `bytes` holds (the cache may read ahead harmlessly). */
  get overrun(): boolean {
    return this.next * 8 - this.cacheBits > this.bytes.length * 8;
  }

  constructor(bytes: Uint8Array, offset = 0) {
    this.bytes = bytes;
    this.next = offset;
  }

  /** Byte offset of the next unread bit's byte (exact when byte-aligned). */
  get bytePosition(): number {
    return this.next - (this.cacheBits >> 3);
  }

  /** True when the reader is at a byte boundary. */
  get aligned(): boolean {
    return (this.cacheBits & 7) === 0;
  }

  /** Moves to byte `offset`, dropping the cache. */
  seek(offset: number): void {
    this.next = offset;
    this.cache = 0;
    this.cacheBits = 0;
  }

  /** Skips the bits up to the next byte boundary. */
  alignToByte(): void {
    this.cacheBits &= ~7;
  }

  /** Loads bytes until the cache holds at least 25 bits. */
  private refill(): void {
    const bytes = this.bytes;
    while (this.cacheBits <= 24) {
      const byte = this.next < bytes.length ? bytes[this.next]! : 0;
      this.next++;
      this.cache = (this.cache << 8) | byte;
      this.cacheBits += 8;
    }
  }

  /** Reads `n` (0–32) bits as an unsigned number. */
  readUnsigned(n: number): number {
    if (n === 0) return 0;
    if (n > 24) {
      const high = this.readUnsigned(n - 16);
      return high * 65536 + this.readUnsigned(16);
    }
    if (this.cacheBits < n) this.refill();
    this.cacheBits -= n;
    return (this.cache >>> this.cacheBits) & ((1 << n) - 1);
  }

  /** Reads `n` (0–32) bits as a two's-complement signed number. */
  readSigned(n: number): number {
    if (n === 0) return 0;
    const value = this.readUnsigned(n);
    return n === 32 ? value | 0 : value >= 2 ** (n - 1) ? value - 2 ** n : value;
  }

  /** Reads a unary number: the count of 0 bits before the next 1 bit (which is consumed). */
  readUnary(): number {
    let zeros = 0;
    for (;;) {
      if (this.cacheBits === 0) this.refill();
      const bits = (this.cache << (32 - this.cacheBits)) | 0;
      if (bits !== 0) {
        const leading = Math.clz32(bits);
        this.cacheBits -= leading + 1;
        return zeros + leading;
      }
      zeros += this.cacheBits;
      this.cacheBits = 0;
      if (this.next > this.bytes.length + 4) return zeros;
    }
  }

  /**
   * Decodes `count` Rice-coded residuals with parameter `k` (0–30) into `out` from index `start`:
   * a unary quotient, `k` low bits, then the zig-zag mapping back to a signed value. The hot loop
   * of FLAC decoding, so it works on local copies of the cache.
   */
  readRiceBlock(out: Int32Array, start: number, count: number, k: number): void {
    const bytes = this.bytes;
    const length = bytes.length;
    let cache = this.cache;
    let cacheBits = this.cacheBits;
    let next = this.next;
    const end = start + count;
    for (let i = start; i < end; i++) {
      // Quotient: count leading zeros.
      let quotient = 0;
      for (;;) {
        if (cacheBits === 0) {
          // Load 4 bytes at once where possible.
          if (next + 4 <= length) {
            cache = (bytes[next]! << 24) | (bytes[next + 1]! << 16) | (bytes[next + 2]! << 8) | bytes[next + 3]!;
            next += 4;
            cacheBits = 32;
          } else {
            cache = next < length ? bytes[next]! : 0;
            next++;
            cacheBits = 8;
            if (next > length + 4) break; // past the end: only zeros follow
          }
        }
        const bits = (cache << (32 - cacheBits)) | 0;
        if (bits !== 0) {
          const leading = Math.clz32(bits);
          quotient += leading;
          cacheBits -= leading + 1;
          break;
        }
        quotient += cacheBits;
        cacheBits = 0;
      }
      // Remainder: k bits.
      let remainder = 0;
      if (k > 0) {
        if (cacheBits < k) {
          while (cacheBits <= 24) {
            cache = (cache << 8) | (next < length ? bytes[next]! : 0);
            next++;
            cacheBits += 8;
          }
        }
        cacheBits -= k;
        remainder = (cache >>> cacheBits) & ((1 << k) - 1);
      }
      const folded = ((quotient << k) | remainder) >>> 0;
      out[i] = (folded >>> 1) ^ -(folded & 1);
    }
    this.cache = cache;
    this.cacheBits = cacheBits;
    this.next = next;
  }
}
