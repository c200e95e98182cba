/**
 * Signal level and the silence rule (pure): a chunk whose RMS level is below a threshold is silent.
 */

/**
 * Default silence threshold: chunks whose RMS level is below −55 dBFS are silent and not predicted.
 * Speech at a normal recording level sits around −40 … −15 dBFS RMS (RAVDESS sentences −45 … −30, their quiet
 * endings about −50 over a 2-s chunk); the pauses between them, a quiet room or a microphone's hiss at
 * −95 … −65 dBFS. Override it with the recognizer's `silence.thresholdDbfs` (e.g. −45 for a noisy microphone).
 */
export const DEFAULT_SILENCE_THRESHOLD_DBFS = -55;

/**
 * Root-mean-square level of `samples[start, end)` in dBFS (0 dBFS = a full-scale square wave, a full-scale
 * sine is −3 dBFS); `-Infinity` for digital silence or an empty range.
 *
 * @example
 * ```ts
 * rmsDbfs(new Float32Array(16000).fill(0.1)); // −20
 * ```
 */
export function rmsDbfs(samples: Float32Array, start = 0, end = samples.length): number {
  if (end <= start) return -Infinity;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = samples[i] ?? 0;
    sum += v * v;
  }
  const meanSquare = sum / (end - start);
  return meanSquare > 0 ? 10 * Math.log10(meanSquare) : -Infinity;
}

/**
 * The silence rule: `samples[start, end)` is silent when its RMS level ({@link rmsDbfs}) is below `thresholdDbfs`
 * (an empty range is silent).
 */
export function isSilent(samples: Float32Array, start: number, end: number, thresholdDbfs: number): boolean {
  return rmsDbfs(samples, start, end) < thresholdDbfs;
}
