import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASETS_DIR, needs } from '@ser/test-support';
import { decodeAudio } from '../src/decode/index.js';
import { resampleWithWasm, wasmResamplerAvailable } from '../src/dsp/core/resample/polyphase-wasm.js';
import { polyphaseFilterBank, resamplePolyphaseScalar } from '../src/dsp/core/resample/resample-polyphase.js';

const flac = path.join(DATASETS_DIR, 'ravdess/Actor_01/03-01-05-02-01-01-01.flac');

describe('WebAssembly SIMD polyphase kernel', () => {
  it('runs in Node', () => {
    expect(wasmResamplerAvailable()).toBe(true);
  });

  it(
    'matches the TypeScript loop on real speech for speech-corpus ratios, short and multi-block signals',
    needs('ravdess'),
    async () => {
      const speech = (await decodeAudio(readFileSync(flac))).channels[0]!;
      // 16 kHz ↔ 22.05 kHz, 48 kHz → 22.05 kHz, 96 kHz → 22.05 kHz, 24 414 → 22 050 Hz, 2:1, 1:3, 44.1 → 48 kHz.
      const ratios = [
        [441, 320],
        [320, 441],
        [147, 320],
        [147, 640],
        [3675, 4069],
        [1, 2],
        [3, 1],
        [160, 147],
      ] as const;
      // 1 and 3 samples (shorter than the filter), a few hundred, one file, and a signal longer than one
      // 16 384-output block (speech repeated) so block boundaries are crossed.
      const long = new Float32Array(speech.length * 3);
      for (let k = 0; k < 3; k++) long.set(speech, k * speech.length);
      const signals = [
        speech.subarray(5000, 5001),
        speech.subarray(5000, 5003),
        speech.subarray(5000, 5300),
        speech,
        long,
      ];
      for (const [up, down] of ratios) {
        const bank = polyphaseFilterBank(up, down);
        for (const y of signals) {
          const expected = resamplePolyphaseScalar(y, bank);
          const actual = resampleWithWasm(y, bank)!;
          expect(actual.length, `${up}/${down}, ${y.length} samples`).toBe(expected.length);
          let worst = 0;
          for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
          // Float64 sums in another order, rounded to float32: at most a float32 rounding step apart.
          expect(worst, `${up}/${down}, ${y.length} samples`).toBeLessThanOrEqual(6e-8);
        }
      }
    },
  );

  it('keeps working after switching between filter banks (the resident kernel is replaced)', () => {
    const y = Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i / 7));
    const a = polyphaseFilterBank(441, 320);
    const b = polyphaseFilterBank(147, 320);
    const first = resampleWithWasm(y, a)!;
    resampleWithWasm(y, b);
    expect(resampleWithWasm(y, a)).toEqual(first);
    const expected = resamplePolyphaseScalar(y, b);
    const actual = resampleWithWasm(y, b)!;
    expect(Math.max(...actual.map((v, i) => Math.abs(v - expected[i]!)))).toBeLessThanOrEqual(6e-8);
  });
});
