/** Text output of `ser analyze` (pure). */
import { distributionBar, horizontalBar, labelAbbreviations } from '../ui/bars.js';
import { fitWidth, formatPercent, formatTime } from '../ui/format.js';
import { renderTable } from '../ui/table.js';
import type { AnalysisSummary, ChunkPrediction } from './summary.js';

/** The header above the chunk lines: columns and the legend of the distribution bar. */
export function formatChunkHeader(labels: readonly string[]): string {
  const abbreviations = labelAbbreviations(labels);
  const legend = labels.map((label, i) => `${abbreviations[i]}=${label}`).join(' ');
  return `distribution bar, one column per emotion: ${legend}`;
}

/**
 * One line per chunk: `0:00.0–0:02.0  angry      82.1%  ▁█▂▁▁▁` (time span, top emotion, its probability,
 * the distribution bar in label order).
 */
export function formatChunkLine(prediction: ChunkPrediction, labelWidth: number): string {
  const span = `${formatTime(prediction.start)}–${formatTime(prediction.end)}`;
  if (prediction.silent) return `${span.padEnd(15)} (silence)`;
  const probability = formatPercent(prediction.probability).padStart(6);
  return `${span.padEnd(15)} ${fitWidth(prediction.label, labelWidth)} ${probability}  ${distributionBar(prediction.probabilities)}`;
}

/** The summary block: dominant emotion and a table of time share and mean probability per emotion. */
export function formatSummary(summary: AnalysisSummary): string {
  const sorted = [...summary.shares].sort((a, b) => b.seconds - a.seconds || b.meanProbability - a.meanProbability);
  const rows = [
    ['emotion', 'time', 'share', '', 'mean p'],
    ...sorted.map((s) => [s.label, `${s.seconds.toFixed(1)} s`, formatPercent(s.share), horizontalBar(s.share, 20), formatPercent(s.meanProbability)]),
  ];
  const dominant = summary.shares.find((s) => s.label === summary.dominant);
  const voiced = summary.duration - summary.silenceSeconds;
  const silence = summary.silenceSeconds > 0 ? `; ${summary.silenceSeconds.toFixed(1)} s of silence left out` : '';
  return [
    dominant
      ? `dominant emotion: ${summary.dominant} (${formatPercent(dominant.share, 0)} of ${voiced.toFixed(1)} s${silence})`
      : `no emotion: the recording is silent`,
    renderTable(rows, { align: ['left', 'right', 'right', 'left', 'right'], headerRule: true }),
  ].join('\n');
}
