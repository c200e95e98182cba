/**
 * Frame-wise spectral descriptors of a frame-major spectrogram (each frame's bins contiguous):
 * RMS energy, spectral centroid, roll-off and flatness, computed as librosa 0.11's `feature.rms(S=…)`,
 * `spectral_centroid`, `spectral_rolloff` and `spectral_flatness` define them.
 */
import { fftFrequencies } from '../core/convert.js';
import type { FrameMajorSpectrogram } from '../core/spectrogram.js';

/**
 * RMS energy per frame from a magnitude spectrogram (librosa `rms(S=|stft|)`: Parseval with the window's
 * one-sided spectrum; the DC and, for even nFft, Nyquist bins counted once).
 */
export function rmsFromMagnitude(spec: FrameMajorSpectrogram): Float32Array {
  const { nBins, nFrames, nFft, data } = spec;
  const out = new Float32Array(nFrames);
  const lastIsNyquist = nFft % 2 === 0;
  for (let t = 0; t < nFrames; t++) {
    const base = t * nBins;
    let sum = 0;
    for (let f = 0; f < nBins; f++) {
      const m = data[base + f]!;
      sum += 2 * m * m;
    }
    const dc = data[base]!;
    sum -= dc * dc;
    if (lastIsNyquist) {
      const ny = data[base + nBins - 1]!;
      sum -= ny * ny;
    }
    out[t] = Math.sqrt(Math.max(0, sum) / (nFft * nFft));
  }
  return out;
}

/** Spectral centroid (Hz) per frame of a magnitude spectrogram; 0 for an all-zero frame. */
export function spectralCentroid(spec: FrameMajorSpectrogram, sr: number): Float32Array {
  const { nBins, nFrames, nFft, data } = spec;
  const freqs = fftFrequencies(sr, nFft);
  const out = new Float32Array(nFrames);
  for (let t = 0; t < nFrames; t++) {
    const base = t * nBins;
    let weighted = 0,
      total = 0;
    for (let f = 0; f < nBins; f++) {
      const m = data[base + f]!;
      weighted += freqs[f]! * m;
      total += m;
    }
    out[t] = total > 0 ? weighted / total : 0;
  }
  return out;
}

/**
 * Spectral roll-off (Hz) per frame: the lowest bin centre below which `rollPercent` of the frame's
 * magnitude lies (librosa default 0.85); 0 for an all-zero frame.
 */
export function spectralRolloff(spec: FrameMajorSpectrogram, sr: number, rollPercent = 0.85): Float32Array {
  const { nBins, nFrames, nFft, data } = spec;
  const freqs = fftFrequencies(sr, nFft);
  const out = new Float32Array(nFrames);
  for (let t = 0; t < nFrames; t++) {
    const base = t * nBins;
    let total = 0;
    for (let f = 0; f < nBins; f++) total += data[base + f]!;
    if (total <= 0) continue;
    const threshold = rollPercent * total;
    let cumulative = 0;
    for (let f = 0; f < nBins; f++) {
      cumulative += data[base + f]!;
      if (cumulative >= threshold) {
        out[t] = freqs[f]!;
        break;
      }
    }
  }
  return out;
}

/**
 * Spectral flatness per frame (librosa `spectral_flatness`, power 2, amin 1e-10): the geometric over the
 * arithmetic mean of the power spectrum, in (0, 1]; 1 for white noise and for an all-zero frame.
 */
export function spectralFlatness(spec: FrameMajorSpectrogram, amin = 1e-10): Float32Array {
  const { nBins, nFrames, data } = spec;
  const out = new Float32Array(nFrames);
  for (let t = 0; t < nFrames; t++) {
    const base = t * nBins;
    let logSum = 0,
      sum = 0;
    for (let f = 0; f < nBins; f++) {
      const m = data[base + f]!;
      const p = Math.max(amin, m * m);
      logSum += Math.log(p);
      sum += p;
    }
    out[t] = Math.exp(logSum / nBins) / (sum / nBins);
  }
  return out;
}
