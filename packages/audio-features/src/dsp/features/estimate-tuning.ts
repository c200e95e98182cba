/**
 * Tuning estimation, as librosa 0.11 `pitch_tuning` and `estimate_tuning`: a histogram of the detected
 * pitches' deviations from the equal-tempered grid (A440), its peak being the tuning in fractions of a bin.
 */
import { AudioFeaturesError, assertInteger, assertPositive, assertOptionsObject } from '../../errors.js';
import { linspace } from '../core/convert.js';
import { f32 } from '../core/float32.js';
import { spectrogramFromOptions } from './mel.js';
import { pitchCandidates, type PiptrackOptions, type PiptrackParameters } from './piptrack.js';
import type { FrameMajorSpectrogram } from '../core/spectrogram.js';
import { emitWarning, type WarningOptions } from '../../warnings.js';

/** Histogram parameters of the tuning estimate. */
export interface TuningResolutionOptions extends WarningOptions {
  /** Histogram bin width as a fraction of a bin, in (0, 1) (default 0.01 = one cent for 12 bins/octave). */
  resolution?: number;
  /** Bins per octave (default 12). */
  binsPerOctave?: number;
}

/** Options of {@link estimateTuning}. */
export interface EstimateTuningOptions extends PiptrackOptions, TuningResolutionOptions {}

const EMPTY_SET_WARNING = 'Trying to estimate tuning from empty frequency set.';

function validateResolution(o: TuningResolutionOptions): { resolution: number; binsPerOctave: number } {
  const resolution = o.resolution ?? 0.01;
  const binsPerOctave = o.binsPerOctave ?? 12;
  if (!(typeof resolution === 'number' && resolution > 0 && resolution < 1)) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `resolution must be in (0, 1), got ${String(resolution)}`);
  }
  assertInteger('binsPerOctave', binsPerOctave, 1);
  return { resolution, binsPerOctave };
}

/**
 * The tuning offset (fractions of a bin, in [−0.5, 0.5)) of a set of frequencies relative to A440
 * (librosa `pitch_tuning`): the left edge of the fullest histogram bin of the residuals, first one on ties.
 * A Float32Array is processed in float32 arithmetic, as numpy would. Warns and returns 0 when no frequency
 * is > 0.
 */
export function pitchTuning(frequencies: ArrayLike<number>, options: TuningResolutionOptions = {}): number {
  const { resolution, binsPerOctave } = validateResolution(options);
  const single = frequencies instanceof Float32Array;
  const round = single ? f32 : (x: number) => x;
  const residuals: number[] = [];
  const a0 = round(440.0 / 16);
  for (let i = 0; i < frequencies.length; i++) {
    const f = frequencies[i]!;
    if (!(f > 0)) continue;
    const octs = round(Math.log2(round(f / a0)));
    const scaled = round(binsPerOctave * octs);
    let r = scaled % 1.0;
    if (r < 0) r += 1.0;
    r = round(r);
    if (r >= 0.5) r = round(r - 1.0);
    residuals.push(r);
  }
  if (residuals.length === 0) {
    emitWarning(EMPTY_SET_WARNING, options.onWarning);
    return 0.0;
  }
  const nBins = Math.ceil(1.0 / resolution);
  const edges = linspace(-0.5, 0.5, nBins + 1);
  const counts = new Int32Array(nBins);
  for (const r of residuals) {
    if (r < edges[0]! || r > edges[nBins]!) continue;
    let i = Math.min(nBins - 1, Math.max(0, Math.floor(((r - edges[0]!) / (edges[nBins]! - edges[0]!)) * nBins)));
    // Exact half-open bins [edge_i, edge_{i+1}); the last bin also holds its right edge.
    while (i > 0 && r < edges[i]!) i--;
    while (i < nBins - 1 && r >= edges[i + 1]!) i++;
    counts[i]!++;
  }
  let best = 0;
  for (let i = 1; i < nBins; i++) if (counts[i]! > counts[best]!) best = i;
  return edges[best]!;
}

/** Rearranges `a` so that `a[k]` is its k-th smallest value, smaller ones before it (quickselect). */
function selectInPlace(a: Float32Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // Median of three as the pivot.
    const x = a[lo]!,
      y = a[mid]!,
      z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const tmp = a[i]!;
        a[i] = a[j]!;
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/** The median of float32 values as numpy computes it (mean of the two middle values, in float32). */
function float32Median(values: Float32Array): number {
  const a = values.slice();
  const n = a.length;
  const mid = n >> 1;
  const upper = selectInPlace(a, mid);
  if (n % 2 === 1) return upper;
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (a[i]! > lower) lower = a[i]!;
  return f32(f32(lower + upper) / 2);
}

/** {@link estimateTuning} on a frame-major magnitude or power spectrogram. */
export function estimateTuningFromSpectrogram(
  spec: FrameMajorSpectrogram,
  sr: number,
  options: PiptrackParameters & TuningResolutionOptions = {},
): number {
  const c = pitchCandidates(spec, sr, options);
  let positive = 0;
  for (let i = 0; i < c.count; i++) if (c.pitch[i]! > 0) positive++;
  const mags = new Float32Array(positive);
  for (let i = 0, j = 0; i < c.count; i++) if (c.pitch[i]! > 0) mags[j++] = c.magnitude[i]!;
  const threshold = positive > 0 ? float32Median(mags) : 0.0;
  const selected: number[] = [];
  for (let i = 0; i < c.count; i++) {
    if (c.pitch[i]! > 0 && c.magnitude[i]! >= threshold) selected.push(c.pitch[i]!);
  }
  return pitchTuning(Float32Array.from(selected), options);
}

/**
 * Estimates the tuning deviation (fractions of a bin, in [−0.5, 0.5)) of a signal or spectrogram
 * (librosa `estimate_tuning`): piptrack peaks whose magnitude is at least the median magnitude, then
 * {@link pitchTuning}.
 *
 * @example
 * const tuning = estimateTuning({ y, sr: 22050 }); // e.g. -0.08
 */
export function estimateTuning(options: EstimateTuningOptions): number {
  assertOptionsObject('estimateTuning', options, '{ y, sr: 22050 }');
  const sr = options.sr ?? 22050;
  assertPositive('sr', sr);
  validateResolution(options);
  const nFft = options.nFft ?? 2048;
  const spec = spectrogramFromOptions({ ...options, nFft }, 1, Math.floor((options.winLength ?? nFft) / 4));
  return estimateTuningFromSpectrogram(spec, sr, options);
}
