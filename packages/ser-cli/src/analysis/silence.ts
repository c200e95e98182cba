/** Recognising silent chunks, which are reported as silence instead of being classified (pure). */

/** Peak level (dBFS) below which a chunk counts as silent: −60 dBFS, as @ser/text's `isSilent`. */
export const SILENCE_THRESHOLD_DBFS = -60;

/** Peak absolute sample value of `samples[start, end)`. */
export function peakAmplitude(samples: Float32Array, start = 0, end = samples.length): number {
  let peak = 0;
  for (let i = start; i < end; i++) {
    const v = Math.abs(samples[i]!);
    if (v > peak) peak = v;
  }
  return peak;
}

/** True when the peak of `samples[start, end)` is below `thresholdDbfs` (default −60 dBFS). */
export function isSilentSpan(samples: Float32Array, start = 0, end = samples.length, thresholdDbfs = SILENCE_THRESHOLD_DBFS): boolean {
  return peakAmplitude(samples, start, end) < 10 ** (thresholdDbfs / 20);
}
