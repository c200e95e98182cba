/** FFT of every length (radix-4, Bluestein, real via half length, odd) against a direct DFT; the fused power spectrum. */
import { describe, expect, it } from 'vitest';
import { complexFftPlan } from '../src/dsp/core/fft/complex-fft.js';
import { windowedPowerSpectrum } from '../src/dsp/core/fft/power-spectrum.js';
import { realFftPlan, rfft } from '../src/dsp/core/fft/real-fft.js';

/** Direct O(n²) DFT of a real signal, bins 0 … floor(n/2). */
function naiveRealDft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const bins = Math.floor(n / 2) + 1;
  const re = new Float64Array(bins);
  const im = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    let sr = 0,
      si = 0;
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * ((k * j) % n)) / n;
      sr += x[j]! * Math.cos(a);
      si += x[j]! * Math.sin(a);
    }
    re[k] = sr;
    im[k] = si;
  }
  return { re, im };
}

function randomSignal(n: number, seed: number): Float64Array {
  let s = seed;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = s / 2147483648 - 0.5;
  }
  return out;
}

describe('real FFT', () => {
  // 4, 16, 64, 256, 1024 and 4096 go through fft.js (see real-fft.ts), the other lengths through our own code.
  it.each([1, 2, 3, 4, 5, 8, 12, 16, 30, 64, 100, 256, 257, 400, 512, 1000, 1024, 2048, 2049, 4096])(
    'length %i matches a direct DFT',
    (n) => {
      const x = randomSignal(n, n);
      const ours = rfft(x);
      const ref = naiveRealDft(x);
      let err = 0,
        peak = 0;
      for (let k = 0; k < ref.re.length; k++) {
        err = Math.max(err, Math.abs(ours.re[k]! - ref.re[k]!), Math.abs(ours.im[k]! - ref.im[k]!));
        peak = Math.max(peak, Math.hypot(ref.re[k]!, ref.im[k]!));
      }
      expect(ours.re.length).toBe(Math.floor(n / 2) + 1);
      expect(err).toBeLessThan(1e-10 * Math.max(1, peak));
    },
  );

  it('caches plans and gives identical results on reuse', () => {
    expect(realFftPlan(2048)).toBe(realFftPlan(2048));
    const x = randomSignal(2048, 7);
    const a = rfft(x);
    const b = rfft(x);
    expect(Array.from(a.re)).toEqual(Array.from(b.re));
  });

  it('a complex FFT of a unit impulse is flat', () => {
    for (const n of [16, 15]) {
      const re = new Float64Array(n);
      const im = new Float64Array(n);
      re[0] = 1;
      complexFftPlan(n).forward(re, im);
      for (let k = 0; k < n; k++) {
        expect(re[k]).toBeCloseTo(1, 12);
        expect(im[k]).toBeCloseTo(0, 12);
      }
    }
  });
});

describe('windowedPowerSpectrum', () => {
  // 512 and 2048: fused into the split (odd log2 of the half); 1024: fused, first radix-4 pass on the fly;
  // 400: fused with a Bluestein half; 999: odd length, through forwardWindowed.
  it.each([512, 1024, 2048, 400, 999])(
    'length %i: float32 |X|² and |X| of the windowed frame, as squaring forwardWindowed',
    (n) => {
      const plan = realFftPlan(n);
      const signal = randomSignal(n + 300, n);
      const window = randomSignal(n, n + 1);
      const offset = 123,
        at = 7;
      const re = new Float64Array(plan.bins),
        im = new Float64Array(plan.bins);
      plan.forwardWindowed(signal, offset, window, re, im);
      const expectedPower = Float32Array.from(re, (r, k) => r * r + im[k]! * im[k]!);
      const expectedMagnitude = Float32Array.from(re, (r, k) => Math.sqrt(r * r + im[k]! * im[k]!));

      const power = new Float32Array(at + plan.bins),
        magnitude = new Float32Array(at + plan.bins);
      const max = windowedPowerSpectrum(plan, { signal, offset, window, power, magnitude, at });
      expect(power.subarray(at)).toEqual(expectedPower);
      expect(magnitude.subarray(at)).toEqual(expectedMagnitude);
      expect(max).toBe(Math.max(...expectedMagnitude));
      expect(power.subarray(0, at).every((v) => v === 0)).toBe(true); // nothing written before `at`

      const powerOnly = new Float32Array(plan.bins);
      expect(windowedPowerSpectrum(plan, { signal, offset, window, power: powerOnly, at: 0 })).toBe(0);
      expect(powerOnly).toEqual(expectedPower);
    },
  );
});
