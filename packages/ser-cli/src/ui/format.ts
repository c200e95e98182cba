/** Small text formatters shared by the commands. */

/** Seconds as `m:ss.s` below an hour (`0:02.0`, `1:05.5`), `h:mm:ss` above. */
export function formatTime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds >= 3600) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = Math.floor(seconds % 60);
    return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  }
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  const tenths = Math.round(s * 10) / 10;
  // 59.96 s rounds to 60.0: carry into the minutes.
  if (tenths >= 60) return `${m + 1}:00.0`;
  return `${m}:${tenths.toFixed(1).padStart(4, '0')}`;
}

/**
 * A duration for humans: `850 ms`, `4.2 s`, `3 min 5 s`. Each unit is chosen after rounding, so a value
 * that rounds up to the next unit is written in it (119.6 s is `2 min 0 s`, never `1 min 60 s`).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const ms = Math.round(seconds * 1000);
  if (ms < 1000) return `${ms} ms`;
  const tenths = Math.round(seconds * 10) / 10;
  if (tenths < 60) return `${tenths.toFixed(1)} s`;
  const whole = Math.round(seconds);
  const m = Math.floor(whole / 60);
  return `${m} min ${whole - m * 60} s`;
}

/** A fraction as a percentage with `digits` decimals: `0.8234` → `82.3%`. */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return '?';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Pads or truncates `text` to exactly `width` characters (code points). */
export function fitWidth(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length > width) return chars.slice(0, Math.max(0, width - 1)).join('') + '…';
  return text + ' '.repeat(width - chars.length);
}
