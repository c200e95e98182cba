/**
 * Short-time Fourier transform, as librosa 0.11 `stft` computes it: periodic window centre-padded to nFft,
 * optional centring (the signal padded by nFft/2 on both sides, zeros by default), frames every
 * `hopLength` samples, real FFT of each windowed frame.
 */
import { stftPowerFramesWasm } from './stft-wasm.js';
import { AudioFeaturesError, assertInteger, assertValidSignal } from '../../errors.js';
import { windowedPowerSpectrum } from './fft/power-spectrum.js';
import type { RealFftPlan } from './fft/plan-types.js';
import { realFftPlan } from './fft/real-fft.js';
import { padSignal, type PadMode } from './pad.js';
import { emitWarning, type WarningOptions } from '../../warnings.js';
import { stftWindow, type WindowSpec } from './window.js';

/** STFT parameters (librosa names in camelCase). */
export interface StftOptions extends WarningOptions {
  /** FFT length; any integer ≥ 1 (default 2048). */
  nFft?: number;
  /** Samples between frames (default `floor(winLength / 4)`, as librosa's `stft`). */
  hopLength?: number;
  /** Window length ≤ nFft; the window is centre-padded with zeros to nFft (default nFft). */
  winLength?: number;
  /** Window name or coefficients (default periodic 'hann'). */
  window?: WindowSpec;
  /** Centre frame t on sample t·hopLength by padding nFft/2 at both ends (default true). */
  center?: boolean;
  /** Padding used when `center` is true (default 'constant', i.e. zeros, as librosa 0.11). */
  padMode?: PadMode;
}

/** A complex matrix [frequency bin][frame], row-major, float32 (librosa's complex64 STFT). */
export interface ComplexMatrix {
  /** Number of frequency bins, `1 + floor(nFft / 2)`. */
  rows: number;
  /** Number of frames. */
  cols: number;
  /** Real parts, row-major. */
  re: Float32Array;
  /** Imaginary parts, row-major. */
  im: Float32Array;
}

/** A validated STFT set-up: the padded signal, the window, the FFT plan and the frame grid. */
export interface StftSetup {
  nFft: number;
  hopLength: number;
  /** `1 + floor(nFft / 2)`. */
  nBins: number;
  nFrames: number;
  /** The analysis window, nFft long. */
  window: Float64Array;
  /** The (padded when centred) signal the frames are cut from. */
  signal: Float64Array;
  plan: RealFftPlan;
}

/**
 * Validates the samples (EMPTY_AUDIO / NON_FINITE_AUDIO, as `assertValidSignal`) and returns the largest
 * |sample|, in one pass.
 */
function validatedPeak(y: Float32Array | Float64Array): number {
  if (!y || y.length === 0) assertValidSignal(y);
  let peak = 0;
  let nonFiniteProbe = 0; // stays 0 unless a sample is NaN or ±Infinity (x · 0 is then NaN)
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    const a = Math.abs(v);
    if (a > peak) peak = a;
    nonFiniteProbe += v * 0;
  }
  if (nonFiniteProbe !== 0) assertValidSignal(y); // throws NON_FINITE_AUDIO naming the first bad sample
  return peak;
}

/**
 * Power spectra are stored in float32 (as librosa's): refuse signals so large that |X|² could overflow
 * (|X| ≤ nFft · max|y|), rather than return Infinity/NaN features. Audio scaled to [−1, 1], or even raw
 * int16/int32 sample values, is far below the limit.
 */
function assertNoOverflow(peak: number, nFft: number): void {
  if (peak * nFft > 1e17) {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `the audio signal has samples up to ${peak.toExponential(2)} in magnitude: its power spectrum would overflow float32 ` +
        `(expected audio scaled to about [-1, 1])`,
    );
  }
}

const namedWindows = new Map<string, Float64Array>();

/** {@link stftWindow}, cached for named windows (read-only: the STFT never writes to it). */
function cachedStftWindow(spec: WindowSpec, winLength: number, nFft: number): Float64Array {
  if (typeof spec !== 'string') return stftWindow(spec, winLength, nFft);
  const key = `${spec}|${winLength}|${nFft}`;
  let window = namedWindows.get(key);
  if (!window) {
    window = stftWindow(spec, winLength, nFft);
    if (namedWindows.size >= 16) namedWindows.clear();
    namedWindows.set(key, window);
  }
  return window;
}

/** Number of frames librosa's `stft` returns for a signal of `length` samples. */
export function stftFrameCount(length: number, nFft: number, hopLength: number, center = true): number {
  const padded = center ? length + 2 * Math.floor(nFft / 2) : length;
  if (padded < nFft) return 0;
  return 1 + Math.floor((padded - nFft) / hopLength);
}

/**
 * Validates `y` and the options and prepares the frames. Throws EMPTY_AUDIO / NON_FINITE_AUDIO for bad
 * signals and INVALID_ARGUMENT for bad parameters. Like librosa, a centred STFT longer than the signal only
 * warns (the signal is zero-padded), while an uncentred one throws.
 */
export function setupStft(y: Float32Array | Float64Array, options: StftOptions = {}): StftSetup {
  const peak = validatedPeak(y);
  const nFft = options.nFft ?? 2048;
  assertInteger('nFft', nFft, 1);
  const winLength = options.winLength ?? nFft;
  assertInteger('winLength', winLength, 1);
  if (winLength > nFft) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `winLength=${winLength} must be ≤ nFft=${nFft}`);
  }
  const hopLength = options.hopLength ?? Math.floor(winLength / 4);
  assertInteger('hopLength', hopLength, 1);
  const center = options.center ?? true;
  const padMode = options.padMode ?? 'constant';
  if (padMode !== 'constant' && padMode !== 'reflect') {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `padMode must be 'constant' or 'reflect', got '${String(padMode)}'`,
    );
  }
  const window = cachedStftWindow(options.window ?? 'hann', winLength, nFft);
  assertNoOverflow(peak, nFft);
  let signal: Float64Array;
  if (center) {
    if (nFft > y.length) {
      emitWarning(`n_fft=${nFft} is too large for input signal of length=${y.length}`, options.onWarning);
    }
    const pad = Math.floor(nFft / 2);
    if (padMode === 'constant') {
      signal = new Float64Array(y.length + 2 * pad);
      signal.set(y, pad);
    } else {
      signal = padSignal(y, pad, pad, padMode);
    }
  } else {
    if (nFft > y.length) {
      throw new AudioFeaturesError(
        'INVALID_ARGUMENT',
        `nFft=${nFft} is too large for uncentered analysis of a signal of ${y.length} samples`,
      );
    }
    signal = Float64Array.from(y);
  }
  return {
    nFft,
    hopLength,
    nBins: Math.floor(nFft / 2) + 1,
    nFrames: stftFrameCount(y.length, nFft, hopLength, center),
    window,
    signal,
    plan: realFftPlan(nFft),
  };
}

/**
 * Calls `visit(t, re, im)` for every frame t with the frame's spectrum (nBins values each). The arrays are
 * reused between frames: copy what must outlive the call.
 */
export function forEachStftFrame(
  setup: StftSetup,
  visit: (frame: number, re: Float64Array, im: Float64Array) => void,
): void {
  const { hopLength, nBins, nFrames, window, signal, plan } = setup;
  const re = new Float64Array(nBins);
  const im = new Float64Array(nBins);
  for (let t = 0; t < nFrames; t++) {
    plan.forwardWindowed(signal, t * hopLength, window, re, im);
    visit(t, re, im);
  }
}

/** Power (and optionally magnitude) spectrogram frames of an STFT set-up, frame-major float32. */
export interface StftPowerFrames {
  /** |X|², `power[t * nBins + f]`. */
  power: Float32Array;
  /** |X| (same layout), or null when not requested. */
  magnitude: Float32Array | null;
  /** The largest |X| of each frame (zeros when the magnitude was not requested). */
  frameMaxMagnitude: Float32Array;
}

/**
 * |X|² of every frame, and |X| when `withMagnitude` — one FFT per frame, with the squaring fused into the
 * real FFT's final step (values bit-identical to squaring {@link forEachStftFrame}'s spectra).
 */
export function stftPowerFrames(setup: StftSetup, withMagnitude: boolean): StftPowerFrames {
  return stftPowerFramesWasm(setup, withMagnitude) ?? stftPowerFramesScalar(setup, withMagnitude);
}

/** The TypeScript loop of {@link stftPowerFrames} (the WebAssembly kernel's results are bit-identical). */
export function stftPowerFramesScalar(setup: StftSetup, withMagnitude: boolean): StftPowerFrames {
  const { hopLength, nBins, nFrames, window, signal, plan } = setup;
  const power = new Float32Array(nBins * nFrames);
  const magnitude = withMagnitude ? new Float32Array(nBins * nFrames) : null;
  const frameMaxMagnitude = new Float32Array(nFrames);
  for (let t = 0; t < nFrames; t++) {
    frameMaxMagnitude[t] = windowedPowerSpectrum(plan, {
      signal,
      offset: t * hopLength,
      window,
      power,
      magnitude: magnitude ?? undefined,
      at: t * nBins,
    });
  }
  return { power, magnitude, frameMaxMagnitude };
}

/**
 * The complex STFT of `y` as [frequency bin][frame] (librosa `stft`, complex64 → float32 re/im).
 *
 * @example
 * const D = stft(y, { nFft: 2048, hopLength: 512 }); // D.rows === 1025
 */
export function stft(y: Float32Array | Float64Array, options: StftOptions = {}): ComplexMatrix {
  const setup = setupStft(y, options);
  const { nBins, nFrames } = setup;
  const out: ComplexMatrix = {
    rows: nBins,
    cols: nFrames,
    re: new Float32Array(nBins * nFrames),
    im: new Float32Array(nBins * nFrames),
  };
  forEachStftFrame(setup, (t, re, im) => {
    for (let f = 0; f < nBins; f++) {
      out.re[f * nFrames + t] = re[f]!;
      out.im[f * nFrames + t] = im[f]!;
    }
  });
  return out;
}
