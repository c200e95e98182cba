import { describe, expect, it } from 'vitest';
import { ChunkPlanError, ownedSeconds, planChunks, sliceChunk } from '../src/chunking.js';

const sr = 100; // 1 s = 100 samples keeps the arithmetic readable

describe('planChunks', () => {
  it('cuts an exact multiple into full chunks', () => {
    const chunks = planChunks(600, { sr, chunkSeconds: 2 });
    expect(chunks.map((c) => [c.start, c.end, c.kind])).toEqual([
      [0, 200, 'full'],
      [200, 400, 'full'],
      [400, 600, 'full'],
    ]);
    expect(chunks.every((c) => c.paddedLength === 200)).toBe(true);
  });

  it('pads a remainder of at least half a chunk into its own chunk', () => {
    const chunks = planChunks(500, { sr, chunkSeconds: 2 });
    expect(chunks).toHaveLength(3);
    expect(chunks[2]).toMatchObject({ start: 400, end: 500, paddedLength: 200, kind: 'padded', startTime: 4, endTime: 5 });
  });

  it('merges a remainder shorter than half a chunk into the previous chunk', () => {
    const chunks = planChunks(499, { sr, chunkSeconds: 2 });
    expect(chunks).toHaveLength(2);
    expect(chunks[1]).toMatchObject({ start: 200, end: 499, paddedLength: 299, kind: 'merged' });
  });

  it('analyses a clip shorter than a chunk as one padded chunk', () => {
    expect(planChunks(50, { sr, chunkSeconds: 2 })).toEqual([
      { index: 0, start: 0, end: 50, paddedLength: 200, startTime: 0, endTime: 0.5, kind: 'padded' },
    ]);
    expect(planChunks(200, { sr, chunkSeconds: 2 })[0]!.kind).toBe('full');
  });

  it('overlaps chunks with a hop and still covers every sample', () => {
    const total = 730;
    const chunks = planChunks(total, { sr, chunkSeconds: 2, hopSeconds: 1 });
    expect(chunks.map((c) => c.start)).toEqual([0, 100, 200, 300, 400, 500, 600]);
    // 500..700 is the last full chunk; the next start (600) leaves 130 samples ≥ 100 → padded chunk.
    expect(chunks.at(-1)).toMatchObject({ start: 600, end: 730, kind: 'padded' });
    const covered = new Uint8Array(total);
    for (const c of chunks) covered.fill(1, c.start, c.end);
    expect(covered.every((v) => v === 1)).toBe(true);
  });

  it('rejects empty audio, bad rates and a hop longer than the chunk', () => {
    expect(() => planChunks(0, { sr, chunkSeconds: 2 })).toThrow(ChunkPlanError);
    expect(() => planChunks(10, { sr: 0, chunkSeconds: 2 })).toThrow(/sample rate/);
    expect(() => planChunks(10, { sr, chunkSeconds: Number.NaN })).toThrow(/chunk length/);
    expect(() => planChunks(10, { sr, chunkSeconds: 1, hopSeconds: 2 })).toThrow(/skipped/);
  });
});

describe('ownedSeconds', () => {
  it('counts overlapping chunks only up to the next start', () => {
    const chunks = planChunks(400, { sr, chunkSeconds: 2, hopSeconds: 1 });
    expect(ownedSeconds(chunks)).toEqual([1, 1, 2]);
    expect(ownedSeconds(chunks).reduce((a, b) => a + b)).toBe(4);
  });
});

describe('sliceChunk', () => {
  it('copies the samples and zero-pads to the chunk length', () => {
    const signal = Float32Array.from({ length: 250 }, (_, i) => i + 1);
    const [, last] = planChunks(250, { sr, chunkSeconds: 2 });
    // 50 samples after the first chunk < half → merged
    expect(last).toBeUndefined();
    const [only] = planChunks(250, { sr, chunkSeconds: 2 });
    const merged = sliceChunk(signal, only!);
    expect(merged.length).toBe(250);
    const short = sliceChunk(signal.subarray(0, 30), planChunks(30, { sr, chunkSeconds: 2 })[0]!);
    expect(short.length).toBe(200);
    expect(short[29]).toBe(30);
    expect(short[30]).toBe(0);
  });
});
