import { describe, expect, it } from 'vitest';
import { resample } from '../src/dsp/core/resample/resample.js';
import { ResampleStream } from '../src/dsp/core/resample/resample-stream.js';

/** Pushes `signal` in blocks of the given sizes (cycled) and returns every output, concatenated. */
function streamed(signal: Float32Array, fromSr: number, toSr: number, blockSizes: readonly number[]): Float32Array {
  const parts: Float32Array[] = [];
  const stream = new ResampleStream(fromSr, toSr, (block) => parts.push(block.slice()));
  for (let at = 0, k = 0; at < signal.length; k++) {
    const size = blockSizes[k % blockSizes.length]!;
    stream.push(signal.subarray(at, at + size));
    at += size;
  }
  stream.finish();
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe("ResampleStream: blocks in, exactly resample()'s outputs out", () => {
  // Deterministic pseudo-noise (a multiplicative congruential generator), full band.
  let state = 12345;
  const noise = Float32Array.from(
    { length: 30_011 },
    () => ((state = (state * 48271) % 2147483647) / 2147483647) * 2 - 1,
  );
  const rates: Array<[number, number]> = [
    [48000, 16000],
    [44100, 22050],
    [16000, 22050],
    [96000, 16000],
    [24414, 22050],
    [8000, 48000],
    [1000, 16000],
    [22050, 22050],
  ];
  for (const [fromSr, toSr] of rates) {
    it(`${fromSr} → ${toSr} Hz, blocks of 1 … 70 000 samples`, () => {
      const expected = resample(noise, fromSr, toSr);
      for (const sizes of [[4096], [5000, 1, 7], [70_000]]) {
        expect(streamed(noise, fromSr, toSr, sizes), `blocks ${sizes.join(',')}`).toEqual(expected);
      }
      const short = noise.subarray(0, 2000);
      expect(streamed(short, fromSr, toSr, [1, 7, 333])).toEqual(resample(short, fromSr, toSr));
    });
  }

  it('signals shorter than the filter, and a single sample', () => {
    for (const length of [1, 2, 50]) {
      const y = noise.subarray(0, length);
      expect(streamed(y, 44100, 16000, [1])).toEqual(resample(y, 44100, 16000));
    }
  });

  it("keeps only the filter's reach of history, however long the signal", () => {
    const stream = new ResampleStream(48000, 16000, () => {});
    for (let k = 0; k < 200; k++) stream.push(noise.subarray(0, 4096));
    expect(stream.inputLength).toBe(200 * 4096);
    expect((stream as unknown as { window: Float32Array }).window.length).toBeLessThan(3 * 4096);
  });

  it('refuses rates that are not positive integers', () => {
    expect(() => new ResampleStream(0, 16000, () => {})).toThrow(/fromSr must be a positive integer/);
    expect(() => new ResampleStream(16000, 22050.5, () => {})).toThrow(/toSr must be a positive integer/);
  });
});
