import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS_DIR, needs } from '@ser/test-support';
import { decodeAudio } from '../src/decode/index.js';
import { setupStft, stftPowerFramesScalar } from '../src/dsp/core/stft.js';
import { stftPowerFramesWasm, wasmStftAvailable } from '../src/dsp/core/stft-wasm.js';

const flac = path.join(DATASETS_DIR, 'ravdess/Actor_02/03-01-05-02-01-01-02.flac');

/** Index of the first differing bit pattern, or -1. */
function firstBitDifference(a: Float32Array, b: Float32Array): number {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

describe('WebAssembly SIMD STFT power frames', () => {
  it('runs in Node', () => {
    expect(wasmStftAvailable()).toBe(true);
  });

  it(
    'is bit-identical to the TypeScript real FFT on real speech, for every power-of-two FFT length and hop',
    needs('ravdess'),
    async () => {
      const speech = (await decodeAudio(readFileSync(flac))).channels[0]!;
      // nFft 8 … 4096: half lengths 4 … 2048, both radix-2-first (odd log2) and radix-4-first (even log2).
      const cases: [number, number][] = [
        [8, 2],
        [16, 4],
        [32, 8],
        [64, 16],
        [128, 32],
        [256, 64],
        [512, 160],
        [1024, 256],
        [2048, 512],
        [4096, 1024],
      ];
      for (const [nFft, hopLength] of cases) {
        // Long enough for several 128-frame blocks at the small hops, and a partial last block.
        const y = speech.subarray(0, Math.min(speech.length, 300 * hopLength + 77));
        const setup = setupStft(y, { nFft, hopLength });
        for (const withMagnitude of [true, false]) {
          const expected = stftPowerFramesScalar(setup, withMagnitude);
          const actual = stftPowerFramesWasm(setup, withMagnitude);
          expect(actual, `nFft ${nFft}`).toBeDefined();
          const label = `nFft ${nFft}, hop ${hopLength}, ${setup.nFrames} frames, magnitude ${withMagnitude}`;
          expect(firstBitDifference(actual!.power, expected.power), label).toBe(-1);
          expect(actual!.magnitude === null, label).toBe(!withMagnitude);
          if (withMagnitude) expect(firstBitDifference(actual!.magnitude!, expected.magnitude!), label).toBe(-1);
          expect(firstBitDifference(actual!.frameMaxMagnitude, expected.frameMaxMagnitude), label).toBe(-1);
        }
      }
    },
  );

  it('leaves other FFT lengths to the TypeScript loop', () => {
    const y = Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i / 3));
    expect(stftPowerFramesWasm(setupStft(y, { nFft: 400, hopLength: 160 }), true)).toBeUndefined(); // half 200
    expect(stftPowerFramesWasm(setupStft(y, { nFft: 511, hopLength: 128 }), true)).toBeUndefined(); // odd
    expect(stftPowerFramesWasm(setupStft(y, { nFft: 4, hopLength: 1 }), true)).toBeUndefined(); // half 2
  });
});

describe('WebAssembly kernel memory', () => {
  it('stays at its initial 4 MiB for a minute of audio at the usual rates and FFT sizes (no memory.grow)', async () => {
    const { resample } = await import('../src/dsp/core/resample/resample.js');
    const { polyphaseWasmMemoryBytes } = await import('../src/dsp/core/resample/polyphase-wasm.js');
    const { stftWasmMemoryBytes } = await import('../src/dsp/core/stft-wasm.js');
    const minute = (sr: number) =>
      Float32Array.from({ length: 60 * sr }, (_, i) => 0.5 * Math.sin(i / 9) * Math.sin(i / 4000));
    for (const [from, to] of [
      [16000, 22050],
      [48000, 22050],
      [96000, 22050],
      [44100, 16000],
      [24414, 22050],
      [8000, 16000],
    ] as const) {
      resample(minute(from), from, to);
    }
    for (const [nFft, hopLength] of [
      [2048, 512],
      [512, 160],
      [4096, 1024],
      [4096, 4096],
    ] as const) {
      stftPowerFramesWasm(setupStft(minute(22050), { nFft, hopLength }), true);
    }
    expect(polyphaseWasmMemoryBytes()).toBe(4 * 1024 * 1024);
    expect(stftWasmMemoryBytes()).toBe(4 * 1024 * 1024);
  });
});

describe('WebAssembly complex FFT', () => {
  it('is bit-identical to complexFftPlan(n).forward for n = 4 … 4096', async () => {
    const { complexFftPlan } = await import('../src/dsp/core/fft/complex-fft.js');
    const { wasmComplexFft } = await import('../src/dsp/core/stft-wasm.js');
    for (let n = 4; n <= 4096; n *= 2) {
      const re = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + (i % 7) * 0.01);
      const im = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.11) - (i % 5) * 0.02);
      const kernel = wasmComplexFft(n)!;
      kernel.re.set(re);
      kernel.im.set(im);
      kernel.forward();
      complexFftPlan(n).forward(re, im);
      const same = (a: Float64Array, b: Float64Array) => a.every((v, i) => Object.is(v, b[i]));
      expect(same(kernel.re, re) && same(kernel.im, im), `n = ${n}`).toBe(true);
    }
    expect(wasmComplexFft(1000)).toBeUndefined(); // not a power of two: the TypeScript plan runs
  });
});
