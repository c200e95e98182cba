/** Text bars: a horizontal bar for one fraction and a compact per-label distribution. */

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const LEVELS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * A horizontal bar `width` cells wide filled to `fraction` (clamped to 0…1) with eighth-block
 * precision, padded with spaces to exactly `width` characters. NaN draws an empty bar.
 */
export function horizontalBar(fraction: number, width: number): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const eighths = Math.round(f * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = EIGHTHS[eighths % 8]!;
  const bar = '█'.repeat(full) + partial;
  return bar + ' '.repeat(width - full - (partial ? 1 : 0));
}

/**
 * A compact distribution: one character per label whose height shows its probability
 * (`▁`…`█`, a space for < 1/16). `[0.05, 0.9, 0.05]` → `▁█▁`.
 */
export function distributionBar(probabilities: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < probabilities.length; i++) {
    const p = Number.isFinite(probabilities[i]!) ? Math.min(1, Math.max(0, probabilities[i]!)) : 0;
    out += LEVELS[Math.round(p * 8)]!;
  }
  return out;
}

/**
 * A legend for {@link distributionBar}: each label's shortest unique prefix (at least 1 character),
 * e.g. `['neutral','sad','surprised']` → `['n','sa','su']`.
 */
export function labelAbbreviations(labels: readonly string[]): string[] {
  return labels.map((label, i) => {
    for (let length = 1; length <= label.length; length++) {
      const prefix = label.slice(0, length);
      if (labels.every((other, j) => j === i || !other.startsWith(prefix))) return prefix;
    }
    return label;
  });
}
