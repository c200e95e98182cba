/** Samples a buffer starts with when the final length is not known to be in the file. */
const INITIAL_CAPACITY = 1 << 18;

/**
 * A Float32Array that grows as blocks are appended. When the final length is expected (declared by the
 * header) it grows towards exactly that length, so a stream that matches its header is never copied at the end.
 */
export class SampleBuffer {
  private data: Float32Array;
  private readonly expected: number | undefined;
  /** Samples held. */
  length = 0;

  /**
   * @param expected - the length the header declares, if any
   * @param exact - true when that length is certain (its bytes are in the file): allocate it at once
   */
  constructor(expected: number | undefined, exact: boolean) {
    this.expected = expected;
    const capacity =
      expected === undefined ? INITIAL_CAPACITY : exact ? expected : Math.min(expected, INITIAL_CAPACITY);
    this.data = new Float32Array(capacity);
  }

  /** Appends a block (copied). */
  append(block: Float32Array): void {
    const needed = this.length + block.length;
    if (needed > this.data.length) this.grow(needed);
    this.data.set(block, this.length);
    this.length = needed;
  }

  /** Appends `count` zeros. */
  appendZeros(count: number): void {
    const needed = this.length + count;
    if (needed > this.data.length) this.grow(needed);
    this.data.fill(0, this.length, needed);
    this.length = needed;
  }

  /** The samples, without spare capacity. */
  result(): Float32Array {
    return this.data.length === this.length ? this.data : this.data.slice(0, this.length);
  }

  private grow(needed: number): void {
    const doubled = Math.max(needed, 2 * this.data.length);
    const capacity =
      this.expected !== undefined && needed <= this.expected ? Math.min(this.expected, doubled) : doubled;
    const grown = new Float32Array(capacity);
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
}
