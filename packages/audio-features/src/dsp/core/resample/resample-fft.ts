import { complexFftPlan } from '../fft/complex-fft.js';
import { rfft } from '../fft/real-fft.js';

/**
 * `scipy.signal.resample(y, num)` — what `librosa.resample(res_type='fft')` calls: keep the
 * lowest min(len, num) frequencies of the real FFT (halving/doubling the Nyquist bin of an even
 * length as SciPy does), inverse real FFT of length `num`, scaled by num / len. The signal is
 * treated as periodic, so its ends can ring.
 */
export function resampleFft(y: Float32Array, num: number): Float32Array {
  const inputLength = y.length;
  const spectrum = rfft(y);
  const outBins = Math.floor(num / 2) + 1;
  const keptLength = Math.min(num, inputLength);
  const kept = Math.floor(keptLength / 2) + 1;
  const re = new Float64Array(outBins);
  const im = new Float64Array(outBins);
  re.set(spectrum.re.subarray(0, kept));
  im.set(spectrum.im.subarray(0, kept));
  if (keptLength % 2 === 0) {
    const nyquist = keptLength / 2;
    const factor = num < inputLength ? 2 : inputLength < num ? 0.5 : 1;
    re[nyquist]! *= factor;
    im[nyquist]! *= factor;
  }
  const out = inverseRealFft(re, im, num);
  const scale = num / inputLength;
  const result = new Float32Array(num);
  for (let i = 0; i < num; i++) result[i] = out[i]! * scale;
  return result;
}

/**
 * Inverse of a real FFT (like `numpy.fft.irfft(X, n)`): the imaginary parts of the DC bin and, for
 * even n, of the Nyquist bin are ignored. Computed as Re(FFT(conj(Z))) / n of the Hermitian-extended
 * spectrum Z.
 */
export function inverseRealFft(re: Float64Array, im: Float64Array, n: number): Float64Array {
  const zr = new Float64Array(n);
  const zi = new Float64Array(n);
  zr[0] = re[0] ?? 0;
  const half = Math.ceil(n / 2);
  for (let k = 1; k < half; k++) {
    const r = re[k] ?? 0;
    const i = im[k] ?? 0;
    zr[k] = r;
    zi[k] = -i; // conj(Z[k])
    zr[n - k] = r;
    zi[n - k] = i; // conj(conj(Z[k]))
  }
  if (n % 2 === 0 && n > 1) zr[n / 2] = re[n / 2] ?? 0;
  complexFftPlan(n).forward(zr, zi);
  for (let k = 0; k < n; k++) zr[k]! /= n;
  return zr;
}
