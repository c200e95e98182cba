/**
 * Fundamental-frequency (F0) estimation with the YIN algorithm (de Cheveigné & Kawahara, 2002): the
 * cumulative-mean-normalised difference function of each frame, its first dip below `threshold` between
 * sr/fmax and sr/fmin, refined by parabolic interpolation. Frames are centred on t·hopLength (zero padding),
 * so there are as many as a centred STFT with the same hop has.
 *
 * The difference function d(τ) = Σⱼ (xⱼ − xⱼ₊τ)², j < winLength, is computed through one FFT
 * cross-correlation per frame (two real frames packed in one complex FFT), not in O(winLength·τ).
 */
import { AudioFeaturesError, assertInteger, assertPositive, assertValidSignal } from '../../errors.js';
import { complexFftPlan } from '../core/fft/complex-fft.js';
import { wasmComplexFft } from '../core/stft-wasm.js';

/** Options of {@link yin} (librosa's names where it has them). */
export interface YinOptions {
  /** Sample rate in Hz. */
  sr: number;
  /** Lowest F0 searched, Hz (default 60). */
  fmin?: number;
  /** Highest F0 searched, Hz (default 500). */
  fmax?: number;
  /** Samples between frames (default 512). */
  hopLength?: number;
  /** Frame length; must exceed winLength + sr/fmin (default: the smallest that fits, 2·ceil(sr/fmin) rounded up to even). */
  frameLength?: number;
  /** Difference-function window (default frameLength / 2). */
  winLength?: number;
  /** Dip threshold of the normalised difference function (default 0.2; the YIN paper uses 0.1, which misses much of expressive, breathy or rough speech). */
  threshold?: number;
}

/** YIN result per frame: F0 in Hz (0 where unvoiced), the voicing decision, and the dip's depth. */
export interface YinResult {
  f0: Float32Array;
  voiced: Uint8Array;
  /** The normalised difference at the chosen lag (lower = more periodic); 1 where unvoiced. */
  aperiodicity: Float32Array;
}

/** F0 track of `y` by YIN. Unvoiced frames (no dip below `threshold`, or silence) have f0 0 and voiced 0. */
export function yin(y: Float32Array | Float64Array, options: YinOptions): YinResult {
  const { sr } = options;
  assertPositive('sr', sr);
  assertValidSignal(y);
  const fmin = options.fmin ?? 60;
  const fmax = options.fmax ?? 500;
  assertPositive('fmin', fmin);
  if (!(fmax > fmin && fmax < sr / 2)) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `fmax must be in (fmin = ${fmin}, sr/2 = ${sr / 2}), got ${fmax}`);
  }
  const hopLength = options.hopLength ?? 512;
  assertInteger('hopLength', hopLength, 1);
  const tauMax = Math.min(Math.floor(sr / fmin), Math.floor(sr / 2));
  const tauMin = Math.max(2, Math.floor(sr / fmax));
  const frameLength = options.frameLength ?? 2 * (tauMax + 1) + ((tauMax + 1) % 2);
  const winLength = options.winLength ?? Math.floor(frameLength / 2);
  assertInteger('frameLength', frameLength, 4);
  assertInteger('winLength', winLength, 1);
  if (winLength + tauMax + 1 > frameLength) {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `frameLength (${frameLength}) must be ≥ winLength (${winLength}) + sr/fmin (${tauMax}) + 1`,
    );
  }
  const threshold = options.threshold ?? 0.2;

  const nFrames = 1 + Math.floor(y.length / hopLength);
  const pad = Math.floor(frameLength / 2);
  let n = 1;
  while (n < frameLength + winLength) n *= 2;
  // The transform runs in the WebAssembly kernel when it can (bit-identical, faster), else in TypeScript.
  const kernel = wasmComplexFft(n);
  const plan = complexFftPlan(n);
  const re = kernel ? kernel.re : new Float64Array(n);
  const im = kernel ? kernel.im : new Float64Array(n);
  const forward = kernel ? kernel.forward : () => plan.forward(re, im);
  const frame = new Float64Array(frameLength);
  const prefix = new Float64Array(frameLength + 1);
  const diff = new Float64Array(tauMax + 2);
  const f0 = new Float32Array(nFrames),
    voiced = new Uint8Array(nFrames),
    aperiodicity = new Float32Array(nFrames).fill(1);

  for (let t = 0; t < nFrames; t++) {
    const start = t * hopLength - pad;
    let energy = 0;
    for (let i = 0; i < frameLength; i++) {
      const j = start + i;
      const v = j >= 0 && j < y.length ? y[j]! : 0;
      frame[i] = v;
      prefix[i + 1] = prefix[i]! + v * v;
      energy += v * v;
    }
    if (energy === 0) continue;
    // Pack a = frame[0..winLength) (real part) and b = frame (imaginary part) in one complex FFT.
    for (let i = 0; i < winLength; i++) re[i] = frame[i]!;
    re.fill(0, winLength);
    for (let i = 0; i < frameLength; i++) im[i] = frame[i]!;
    im.fill(0, frameLength);
    forward();
    // C_k = conj(A_k)·B_k; the correlation r = IFFT(C) = conj(FFT(conj(C)))/n, real, so r = Re(FFT(conj C))/n.
    for (let k = 0; k <= n / 2; k++) {
      const m = k === 0 ? 0 : n - k;
      const zr = re[k]!,
        zi = im[k]!,
        wr = re[m]!,
        wi = im[m]!;
      const ar = (zr + wr) / 2,
        ai = (zi - wi) / 2; // A_k
      const br = (zi + wi) / 2,
        bi = (wr - zr) / 2; // B_k = (Z_k − conj Z_{n−k}) / 2i
      const cr = ar * br + ai * bi,
        ci = ar * bi - ai * br; // conj(A)·B
      re[k] = cr;
      im[k] = -ci; // conj(C)
      if (m !== k) {
        re[m] = cr; // C_{n−k} = conj(C_k) for a real correlation; conj of that is C_k
        im[m] = ci;
      }
    }
    forward();
    const e0 = prefix[winLength]!;
    diff[0] = 0;
    let running = 0;
    let chosen = -1;
    for (let tau = 1; tau <= tauMax + 1; tau++) {
      const r = re[tau]! / n;
      const eTau = prefix[tau + winLength]! - prefix[tau]!;
      const d = Math.max(0, e0 + eTau - 2 * r);
      running += d;
      diff[tau] = running > 0 ? (d * tau) / running : 1;
    }
    for (let tau = tauMin; tau <= tauMax; tau++) {
      if (diff[tau]! < threshold) {
        while (tau + 1 <= tauMax && diff[tau + 1]! < diff[tau]!) tau++;
        chosen = tau;
        break;
      }
    }
    if (chosen < 0) continue;
    const a = diff[chosen - 1]!,
      b = diff[chosen]!,
      c = diff[chosen + 1]!;
    const curvature = a - 2 * b + c;
    const shift = curvature > 0 ? (0.5 * (a - c)) / curvature : 0;
    const period = chosen + Math.max(-1, Math.min(1, shift));
    f0[t] = sr / period;
    voiced[t] = 1;
    aperiodicity[t] = b;
  }
  return { f0, voiced, aperiodicity };
}
