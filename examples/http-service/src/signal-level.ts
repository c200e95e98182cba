/**
 * Signal level in dB relative to full scale (pure).
 */

/**
 * Root-mean-square level of `samples` in dBFS (0 dBFS = a full-scale square wave); `-Infinity` for
 * digital silence or an empty range.
 */
export function rmsDbfs(samples: Float32Array, start = 0, end = samples.length): number {
  if (end <= start) return -Infinity;
  let sum = 0;
  for (let i = start; i < end; i++) sum += samples[i]! * samples[i]!;
  const rms = Math.sqrt(sum / (end - start));
  return rms > 0 ? 20 * Math.log10(rms) : -Infinity;
}
