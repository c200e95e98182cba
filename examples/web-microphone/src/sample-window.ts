/**
 * The most recent seconds of a sample stream (a ring buffer), with the running sample count.
 */
export class SampleWindow {
  private readonly ring: Float32Array;
  private written = 0;

  /** Keeps the last `capacity` samples. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.ring = new Float32Array(capacity);
  }

  /** Samples received since the start. */
  get total(): number {
    return this.written;
  }

  /** Appends a block. */
  push(block: Float32Array): void {
    for (let i = 0; i < block.length; i++) this.ring[(this.written + i) % this.capacity] = block[i]!;
    this.written += block.length;
  }

  /** A copy of the last `length` samples (fewer if fewer were received). */
  latest(length: number): Float32Array {
    const n = Math.min(length, this.capacity, this.written);
    const out = new Float32Array(n);
    const start = this.written - n;
    for (let i = 0; i < n; i++) out[i] = this.ring[(start + i) % this.capacity]!;
    return out;
  }
}
