/**
 * Checking what a caller hands the recognizer: a sample rate, and mono or multichannel samples.
 */
import { resample, toMono } from '@ser/audio-features';
import { ModelError } from '../errors.js';

/** @throws {@link ModelError} `INVALID_ARGUMENT` unless `sampleRate` is a positive integer of Hz. */
export function assertSampleRate(sampleRate: number): void {
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `sampleRate must be a positive integer number of Hz, got ${String(sampleRate)}`,
    );
  }
}

/**
 * The mono mix of `samples` (`toMono` of @ser/audio-features: the mean of the channels); one channel is
 * returned as it is, not copied.
 * @throws {@link ModelError} `INVALID_ARGUMENT` for no channels, non-Float32Array channels or unequal lengths
 */
export function monoOf(samples: Float32Array | readonly Float32Array[]): Float32Array {
  if (samples instanceof Float32Array) return samples;
  if (!Array.isArray(samples) || samples.length === 0 || !samples.every((c) => c instanceof Float32Array)) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      'samples must be a Float32Array or a non-empty array of Float32Array channels',
    );
  }
  const [first] = samples;
  if (samples.length === 1 && first !== undefined) return first;
  if (samples.some((c) => c.length !== first?.length)) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `the channels differ in length (${samples.map((c) => c.length).join(', ')} samples)`,
    );
  }
  return toMono([...samples]);
}

/**
 * A recording as the model takes it: the mono mix ({@link monoOf}) resampled from `sampleRate` to `modelRate`
 * (returned as it is when the rates agree).
 * @throws {@link ModelError} `INVALID_ARGUMENT` for a bad rate or channels; `INVALID_DATA` for an empty recording
 */
export function modelRateSignal(
  samples: Float32Array | readonly Float32Array[],
  sampleRate: number,
  modelRate: number,
): Float32Array {
  assertSampleRate(sampleRate);
  const mono = monoOf(samples);
  if (mono.length === 0) throw new ModelError('INVALID_DATA', 'the recording is empty (0 samples)');
  return sampleRate === modelRate ? mono : resample(mono, sampleRate, modelRate);
}
