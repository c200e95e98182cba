/**
 * Non-fatal conditions librosa reports with `warnings.warn` (e.g. an FFT longer than the signal).
 * Callers pass `onWarning` to receive them; without it each distinct message goes to `console.warn` once.
 */

/** Receives a warning message. */
export type WarningHandler = (message: string) => void;

/** Options accepted by every function that can warn. */
export interface WarningOptions {
  /** Called with each warning; when omitted, each distinct message is printed once with `console.warn`. */
  onWarning?: WarningHandler;
}

const alreadyPrinted = new Set<string>();

/** Reports `message` to `onWarning`, or prints it once per process with `console.warn`. */
export function emitWarning(message: string, onWarning: WarningHandler | undefined): void {
  if (onWarning) {
    onWarning(message);
    return;
  }
  if (alreadyPrinted.has(message)) return;
  alreadyPrinted.add(message);
  console.warn(`@ser/audio-features: ${message}`);
}
