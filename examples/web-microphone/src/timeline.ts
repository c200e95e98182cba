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
  /** Seconds each bar covers, ending at its entry's end (the analysis hop, default 1). */
  barSeconds?: number;
  /**
   * Draw each bar over its entry's whole span, start to end, instead of the last `barSeconds` (for chunks that do
   * not overlap, such as an analysed file's, whose last chunk may be longer).
   */
  wholeEntries?: boolean;
}

const MARGIN = { left: 44, right: 12, top: 12, bottom: 26 };
/** Below this CSS width (a phone) the timeline shows 30 s instead of 60 s, so bars stay wide enough to see. */
const NARROW = 600;
/** The least CSS pixels between two time labels. */
const TICK_SPACING = 48;

/**
 * Sizes the canvas's backing store to its CSS box times `devicePixelRatio`, so that it is drawn at the
 * screen's resolution (crisp text on phones and HiDPI screens), and returns the CSS size to draw in.
 */
export function fitCanvasToScreen(canvas: HTMLCanvasElement): { width: number; height: number; ratio: number } {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || canvas.width;
  const height = canvas.clientHeight || canvas.height;
  const pixelsWide = Math.round(width * ratio);
  const pixelsHigh = Math.round(height * ratio);
  if (canvas.width !== pixelsWide || canvas.height !== pixelsHigh) {
    canvas.width = pixelsWide;
    canvas.height = pixelsHigh;
  }
  return { width, height, ratio };
}

/** Seconds between time labels: the smallest of 5, 10, 15, 30, 60 s that leaves them {@link TICK_SPACING} apart. */
function tickSeconds(span: number, plotWidth: number): number {
  return [5, 10, 15, 30, 60].find((step) => (step / span) * plotWidth >= TICK_SPACING) ?? 60;
}

/**
 * Draws the entries ending within the last `spanSeconds` as stacked bars of their label probabilities
 * (silent windows in grey), with a time axis and a 0–100 % axis, in CSS pixels at the screen's resolution.
 */
export function drawTimeline(
  canvas: HTMLCanvasElement,
  entries: readonly TimelineEntry[],
  labels: readonly string[],
  view: TimelineView = {},
): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const { width, height, ratio } = fitCanvasToScreen(canvas);
  const span = view.spanSeconds ?? (width < NARROW ? 30 : 60);
  const barSeconds = view.barSeconds ?? 1;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const latest = entries.length > 0 ? entries[entries.length - 1]!.end : 0;
  const origin = Math.max(0, latest - span);
  const x = (t: number) => MARGIN.left + ((t - origin) / span) * plotWidth;
  const y = (p: number) => MARGIN.top + (1 - p) * plotHeight;

  context.setTransform(ratio, 0, 0, ratio, 0, 0);
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
  const step = tickSeconds(span, plotWidth);
  for (let t = Math.ceil(origin / step) * step; t <= origin + span; t += step) {
    context.fillText(`${t}s`, x(t) - 8, height - 8);
  }

  for (const entry of entries) {
    if (entry.end <= origin) continue;
    const from = view.wholeEntries === true ? entry.start : entry.end - barSeconds;
    const left = x(from);
    const barWidth = Math.max(1, ((entry.end - from) / span) * plotWidth - 1);
    if (entry.probabilities === null) {
      context.fillStyle = SILENCE_COLOR;
      context.fillRect(left, y(0.08), barWidth, y(0) - y(0.08));
      continue;
    }
    let base = 0;
    entry.probabilities.forEach((p, i) => {
      context.fillStyle = labelColor(labels[i]!, labels);
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
  item.textContent =
    entry.label === null ? `${when}  (silence)` : `${when}  ${entry.label} ${Math.round(entry.confidence * 100)}%`;
  list.prepend(item);
  while (list.children.length > maxItems) list.lastElementChild?.remove();
}

/**
 * Shows the latest window in the large "now" readout: the most probable emotion in its colour and its
 * probability, or "silence".
 */
export function renderNow(readout: HTMLElement, entry: TimelineEntry, labels: readonly string[]): void {
  const label = readout.querySelector<HTMLElement>('.now-label')!;
  const confidence = readout.querySelector<HTMLElement>('.now-confidence')!;
  readout.dataset.label = entry.label ?? '';
  label.textContent = entry.label ?? 'silence';
  confidence.textContent = entry.label === null ? '' : `${Math.round(entry.confidence * 100)}%`;
  readout.style.setProperty('--c', entry.label === null ? SILENCE_COLOR : labelColor(entry.label, labels));
}
