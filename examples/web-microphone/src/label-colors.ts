/**
 * A stable colour per emotion label.
 */
const KNOWN: Record<string, string> = {
  angry: '#d62728',
  disgust: '#8c564b',
  fear: '#9467bd',
  fearful: '#9467bd',
  happy: '#f2b701',
  neutral: '#7f7f7f',
  calm: '#17becf',
  sad: '#1f77b4',
  surprise: '#2ca02c',
  surprised: '#2ca02c',
};
const SPARE = ['#e377c2', '#bcbd22', '#ff7f0e', '#393b79', '#637939'];

/** The colour of `label`: a fixed one for common emotions, else one derived from the label's position. */
export function labelColor(label: string, labels: readonly string[]): string {
  return KNOWN[label] ?? SPARE[Math.max(0, labels.indexOf(label)) % SPARE.length]!; // index taken modulo the length
}

/** The colour of silent windows. */
export const SILENCE_COLOR = '#d9d9de';
