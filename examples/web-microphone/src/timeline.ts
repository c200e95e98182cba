/**
 * The emotion timeline: stacked probability bars on a canvas, and a text list of the predictions.
 */
import { SILENCE_COLOR, labelColor } from './label-colors.js';

/** One analysed window of the microphone signal. */
export interface TimelineEntry {
  /** Window start and end, seconds since listening began. */
  start: number;
  end: number;
  /** Most probable label, or `null` for a silent window. */
  label: string | null;
  /** Probability of `label` (0 for silence). */
  confidence: number;
  /** Probabilities in the model's label order, or `null` for silence. */
  probabilities: Float32Array | null;
}

/** Layout of {@link drawTimeline}. */
export interface TimelineView {
  /** Seconds shown across the canvas (default 60). */
  spanSeconds?: number;
  /** Seconds each bar covers (the analysis hop, default 1). */
  barSeconds?: number;
}

const MARGIN = { left: 44, right: 12, top: 12, bottom: 26 };

/**
 * Draws the entries ending within the last `spanSeconds` as stacked bars of their label probabilities
 * (silent windows in grey), with a time axis and a 0–100 % axis.
 */
export function drawTimeline(canvas: HTMLCanvasElement, entries: readonly TimelineEntry[], labels: readonly string[], view: TimelineView = {}): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const span = view.spanSeconds ?? 60;
  const barSeconds = view.barSeconds ?? 1;
  const { width, height } = canvas;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const latest = entries.length > 0 ? entries[entries.length - 1].end : 0;
  const origin = Math.max(0, latest - span);
  const x = (t: number) => MARGIN.left + ((t - origin) / span) * plotWidth;
  const y = (p: number) => MARGIN.top + (1 - p) * plotHeight;

  context.clearRect(0, 0, width, height);
  context.font = '12px system-ui, sans-serif';
  context.fillStyle = '#555';
  context.strokeStyle = '#e3e3e8';
  context.lineWidth = 1;
  for (const p of [0, 0.25, 0.5, 0.75, 1]) {
    context.beginPath();
    context.moveTo(MARGIN.left, y(p));
    context.lineTo(width - MARGIN.right, y(p));
    context.stroke();
    context.fillText(`${Math.round(p * 100)}%`, 6, y(p) + 4);
  }
  for (let t = Math.ceil(origin / 5) * 5; t <= origin + span; t += 5) {
    context.fillText(`${t}s`, x(t) - 8, height - 8);
  }

  const barWidth = Math.max(1, (barSeconds / span) * plotWidth - 1);
  for (const entry of entries) {
    if (entry.end <= origin) continue;
    const left = x(entry.end - barSeconds);
    if (entry.probabilities === null) {
      context.fillStyle = SILENCE_COLOR;
      context.fillRect(left, y(0.08), barWidth, y(0) - y(0.08));
      continue;
    }
    let base = 0;
    entry.probabilities.forEach((p, i) => {
      context.fillStyle = labelColor(labels[i], labels);
      context.fillRect(left, y(base + p), barWidth, y(base) - y(base + p));
      base += p;
    });
  }
  if (entries.length === 0) {
    context.fillStyle = '#888';
    context.fillText('waiting for the first 2 seconds of audio…', MARGIN.left + 12, MARGIN.top + plotHeight / 2);
  }
}

/** Fills `container` with a colour key of the labels. */
export function renderLegend(container: HTMLElement, labels: readonly string[]): void {
  container.replaceChildren(
    ...labels.map((label) => {
      const item = document.createElement('span');
      item.textContent = label;
      item.style.setProperty('--c', labelColor(label, labels));
      return item;
    }),
  );
}

/**
 * Adds a line for `entry` at the top of `list` (`data-label`, `data-start`, `data-silent` attributes for
 * scripts and tests), keeping at most `maxItems` lines.
 */
export function prependEntryItem(list: HTMLOListElement, entry: TimelineEntry, maxItems = 60): void {
  const item = document.createElement('li');
  item.dataset.label = entry.label ?? '';
  item.dataset.start = entry.start.toFixed(2);
  item.dataset.silent = String(entry.label === null);
  const when = `${entry.start.toFixed(1)}–${entry.end.toFixed(1)} s`;
  item.textContent = entry.label === null ? `${when}  (silence)` : `${when}  ${entry.label} ${Math.round(entry.confidence * 100)}%`;
  list.prepend(item);
  while (list.children.length > maxItems) list.lastElementChild?.remove();
}
