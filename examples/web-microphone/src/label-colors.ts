/**
 * A stable colour per emotion label.
 */
import { ekman7LabelOf, type Ekman7Label } from '@ser/core';

/** The `ekman7` labels' colours (any name of them: `fearful` is `fear`, …), and RAVDESS's calm. */
const KNOWN: Readonly<Record<Ekman7Label | 'calm', string>> = {
  angry: '#d62728',
  disgust: '#8c564b',
  fear: '#9467bd',
  happy: '#f2b701',
  neutral: '#7f7f7f',
  calm: '#17becf',
  sad: '#1f77b4',
  surprise: '#2ca02c',
};
const SPARE = ['#e377c2', '#bcbd22', '#ff7f0e', '#393b79', '#637939'];

/** The colour of `label`: a fixed one for common emotions, else one derived from the label's position. */
export function labelColor(label: string, labels: readonly string[]): string {
  const emotion = label === 'calm' ? 'calm' : ekman7LabelOf(label);
  return emotion !== undefined ? KNOWN[emotion] : SPARE[Math.max(0, labels.indexOf(label)) % SPARE.length]!; // index taken modulo the length
}

/** The colour of silent windows. */
export const SILENCE_COLOR = '#d9d9de';
