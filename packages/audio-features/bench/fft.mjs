#!/usr/bin/env node
/**
 * ser's TypeScript real FFT against fft.js, in one run (run `npm run build` first):
 *   node bench/fft.mjs
 * Per power-of-two length: µs per transform (best of interleaved rounds: the machine is shared) of ser's
 * own FFT (half-length complex FFT + split, reached through `forwardWindowed` with a window of ones), of
 * fft.js' `realTransform`, their ratio, each one's largest error against a float64 DFT (relative to the
 * largest bin), and which of the two `realFftPlan(n).forward` uses. Then the STFT's step — a windowed
 * frame — with ser's fused code against window × frame + fft.js.
 */
import FFT from 'fft.js';
import { realFftPlan } from '../dist/index.js';

const ROUNDS = 9;

function signal(n, seed) {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  });
}

/** The non-negative-frequency bins of a direct DFT (float64, angles reduced mod n). */
function directDft(x) {
  const n = x.length,
    bins = n / 2 + 1;
  const re = new Float64Array(bins),
    im = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    let sr = 0,
      si = 0;
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * ((k * j) % n)) / n;
      sr += x[j] * Math.cos(a);
      si += x[j] * Math.sin(a);
    }
    re[k] = sr;
    im[k] = si;
  }
  return { re, im };
}

function relativeError(re, im, ref) {
  let err = 0,
    peak = 0;
  for (let k = 0; k < ref.re.length; k++) {
    err = Math.max(err, Math.abs(re[k] - ref.re[k]), Math.abs(im[k] - ref.im[k]));
    peak = Math.max(peak, Math.hypot(ref.re[k], ref.im[k]));
  }
  return err / peak;
}

/** Best µs per call of each function over interleaved rounds of `reps` calls. */
function race(functions, reps) {
  const best = functions.map(() => Infinity);
  for (let round = 0; round < ROUNDS; round++) {
    functions.forEach((fn, i) => {
      const start = process.hrtime.bigint();
      for (let r = 0; r < reps; r++) fn();
      best[i] = Math.min(best[i], Number(process.hrtime.bigint() - start) / 1e3 / reps);
    });
  }
  return best;
}

const repsFor = (n) => Math.max(20, Math.round(4e6 / (n * Math.log2(n))));
const fmt = (v, width, digits = 2) => v.toFixed(digits).padStart(width);

console.log('real FFT, n real samples -> n/2 + 1 bins');
console.log('     n   ser µs  fft.js µs  fft.js/ser   ser error  fft.js error   realFftPlan(n).forward');
for (let n = 64; n <= 8192; n *= 2) {
  const x = signal(n, n);
  const ones = new Float64Array(n).fill(1);
  const plan = realFftPlan(n);
  const re = new Float64Array(n / 2 + 1),
    im = new Float64Array(n / 2 + 1);
  const fft = new FFT(n);
  const out = new Float64Array(2 * n);
  const [ser, other] = race(
    [() => plan.forwardWindowed(x, 0, ones, re, im), () => fft.realTransform(out, x)],
    repsFor(n),
  );
  const ref = directDft(x);
  plan.forwardWindowed(x, 0, ones, re, im);
  const serError = relativeError(re, im, ref);
  fft.realTransform(out, x);
  const fftRe = Float64Array.from({ length: n / 2 + 1 }, (_, k) => out[2 * k]);
  const fftIm = Float64Array.from({ length: n / 2 + 1 }, (_, k) => out[2 * k + 1]);
  plan.forward(x, re, im);
  const usesFftJs = re.every((v, k) => v === fftRe[k]) && im.every((v, k) => v === fftIm[k]);
  console.log(
    `${String(n).padStart(6)} ${fmt(ser, 8)} ${fmt(other, 10)} ${fmt(other / ser, 11)}   ${serError.toExponential(1).padStart(9)}` +
      `  ${relativeError(fftRe, fftIm, ref).toExponential(1).padStart(12)}   ${usesFftJs ? 'fft.js' : 'ser'}`,
  );
}

console.log('\nthe STFT step: signal[offset + i] × window[i] -> n/2 + 1 bins');
console.log('     n   ser µs  window + fft.js µs  fft.js/ser');
for (let n = 256; n <= 4096; n *= 2) {
  const x = signal(3 * n, 5);
  const window = Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
  const plan = realFftPlan(n);
  const re = new Float64Array(n / 2 + 1),
    im = new Float64Array(n / 2 + 1);
  const fft = new FFT(n);
  const frame = new Float64Array(n),
    out = new Float64Array(2 * n);
  const viaFftJs = () => {
    for (let i = 0; i < n; i++) frame[i] = x[n + i] * window[i];
    fft.realTransform(out, frame);
  };
  const [ser, other] = race([() => plan.forwardWindowed(x, n, window, re, im), viaFftJs], repsFor(n));
  console.log(`${String(n).padStart(6)} ${fmt(ser, 8)} ${fmt(other, 19)} ${fmt(other / ser, 11)}`);
}
