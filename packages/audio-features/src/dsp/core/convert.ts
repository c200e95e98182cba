/**
 * Unit conversions, computed exactly as librosa 0.11 / numpy compute them (same operation order, so the
 * same doubles come out).
 */

/** Centre frequency of each rFFT bin: numpy `rfftfreq(nFft, 1 / sr)` (length `1 + floor(nFft / 2)`). */
export function fftFrequencies(sr: number, nFft: number): Float64Array {
  const n = Math.floor(nFft / 2) + 1;
  const val = 1.0 / (nFft * (1.0 / sr));
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = k * val;
  return out;
}

const SLANEY_F_SP = 200.0 / 3;
const SLANEY_MIN_LOG_HZ = 1000.0;
const SLANEY_MIN_LOG_MEL = SLANEY_MIN_LOG_HZ / SLANEY_F_SP;
const SLANEY_LOGSTEP = Math.log(6.4) / 27.0;

/** Hz → mel: Slaney's auditory-toolbox scale (linear below 1 kHz, logarithmic above) or HTK's formula. */
export function hzToMel(frequency: number, htk = false): number {
  if (htk) return 2595.0 * Math.log10(1.0 + frequency / 700.0);
  if (frequency >= SLANEY_MIN_LOG_HZ) {
    return SLANEY_MIN_LOG_MEL + Math.log(frequency / SLANEY_MIN_LOG_HZ) / SLANEY_LOGSTEP;
  }
  return frequency / SLANEY_F_SP;
}

/** Mel → Hz, the inverse of {@link hzToMel}. */
export function melToHz(mel: number, htk = false): number {
  if (htk) return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
  if (mel >= SLANEY_MIN_LOG_MEL) {
    return SLANEY_MIN_LOG_HZ * Math.exp(SLANEY_LOGSTEP * (mel - SLANEY_MIN_LOG_MEL));
  }
  return SLANEY_F_SP * mel;
}

/** numpy `linspace(start, stop, num)` with endpoint, bit-for-bit (`i * step + start`, last = stop). */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  if (num === 1) {
    out[0] = start;
    return out;
  }
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/** `nMels` frequencies (Hz) equally spaced on the mel scale from `fmin` to `fmax` (librosa `mel_frequencies`). */
export function melFrequencies(nMels: number, fmin: number, fmax: number, htk = false): Float64Array {
  const mels = linspace(hzToMel(fmin, htk), hzToMel(fmax, htk), nMels);
  for (let i = 0; i < nMels; i++) mels[i] = melToHz(mels[i]!, htk);
  return mels;
}

/** Hz → octaves relative to A0 (librosa `hz_to_octs`; `tuning` in fractions of a bin). */
export function hzToOcts(frequency: number, tuning = 0, binsPerOctave = 12): number {
  const a440 = 440.0 * Math.pow(2.0, tuning / binsPerOctave);
  return Math.log2(frequency / (a440 / 16));
}
