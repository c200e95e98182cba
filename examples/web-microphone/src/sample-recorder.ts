/**
 * Collects a fixed length of microphone blocks into one recording (the calibration's few seconds of calm speech).
 */

/** A recording of `seconds` being filled block by block. */
export class SampleRecorder {
  /** Samples wanted. */
  readonly length: number;
  private readonly blocks: Float32Array[] = [];
  private collected = 0;

  /**
   * @param seconds - length of the recording (> 0)
   * @param sampleRate - rate of the blocks, Hz
   */
  constructor(
    seconds: number,
    readonly sampleRate: number,
  ) {
    this.length = Math.round(seconds * sampleRate);
  }

  /** Seconds recorded so far. */
  get seconds(): number {
    return this.collected / this.sampleRate;
  }

  /** True once the recording has its length. */
  get full(): boolean {
    return this.collected >= this.length;
  }

  /** Adds a block (the part beyond the recording's length is dropped); returns {@link full}. */
  add(block: Float32Array): boolean {
    const take = Math.min(block.length, this.length - this.collected);
    if (take > 0) {
      this.blocks.push(block.slice(0, take));
      this.collected += take;
    }
    return this.full;
  }

  /** The samples recorded, as one array. */
  samples(): Float32Array {
    const out = new Float32Array(this.collected);
    let offset = 0;
    for (const block of this.blocks) {
      out.set(block, offset);
      offset += block.length;
    }
    return out;
  }
}
