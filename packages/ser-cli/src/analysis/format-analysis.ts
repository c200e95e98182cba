/** Text output of `ser analyze` (pure): the rendering of @ser/models' chunk results and summary. */
import type { AnalysisSummary, ChunkResult, LabelProbabilities } from '@ser/models';
import { distributionBar, horizontalBar, labelAbbreviations } from '../ui/bars.js';
import { fitWidth, formatPercent, formatTime } from '../ui/format.js';
import { renderTable } from '../ui/table.js';

/** The header above the chunk lines: columns and the legend of the distribution bar. */
export function formatChunkHeader(labels: readonly string[]): string {
  const abbreviations = labelAbbreviations(labels);
  const legend = labels.map((label, i) => `${abbreviations[i]}=${label}`).join(' ');
  return `distribution bar, one column per emotion: ${legend}`;
}

/** Probabilities in label order (0 for a label missing from `probabilities`). */
function inLabelOrder(probabilities: LabelProbabilities, labels: readonly string[]): number[] {
  return labels.map((label) => probabilities[label] ?? 0);
}

/**
 * One line per chunk: `0:00.0–0:02.0  angry      82.1%  ▁█▂▁▁▁` (time span, top emotion, its probability,
 * the distribution bar in label order); `(silence)` for a silent chunk.
 */
export function formatChunkLine(chunk: ChunkResult, labels: readonly string[], labelWidth: number): string {
  const span = `${formatTime(chunk.start)}–${formatTime(chunk.end)}`;
  if (chunk.silent || chunk.probabilities === null || chunk.label === null) return `${span.padEnd(15)} (silence)`;
  const probability = formatPercent(chunk.confidence).padStart(6);
  return `${span.padEnd(15)} ${fitWidth(chunk.label, labelWidth)} ${probability}  ${distributionBar(inLabelOrder(chunk.probabilities, labels))}`;
}

/** The summary block: the recording's emotion, and each emotion's duration-weighted mean probability. */
export function formatSummary(
  summary: AnalysisSummary,
  labels: readonly string[],
  silenceThresholdDbfs: number,
): string {
  const silence =
    summary.silentChunkCount > 0
      ? `; ${summary.silentChunkCount} silent chunk(s), ${(summary.totalSeconds - summary.speechSeconds).toFixed(1)} s, left out`
      : '';
  if (summary.label === null || summary.probabilities === null) {
    return `no emotion: the recording is silent (every chunk below ${silenceThresholdDbfs} dBFS RMS)`;
  }
  const probabilities = summary.probabilities;
  const rows = [
    ['emotion', 'mean p', ''],
    ...[...labels]
      .sort((a, b) => (probabilities[b] ?? 0) - (probabilities[a] ?? 0))
      .map((label) => [label, formatPercent(probabilities[label] ?? 0), horizontalBar(probabilities[label] ?? 0, 20)]),
  ];
  return [
    `emotion of the recording: ${summary.label} (${formatPercent(summary.confidence)} over ${summary.speechSeconds.toFixed(1)} s of speech${silence})`,
    renderTable(rows, { align: ['left', 'right', 'left'], headerRule: true }),
  ].join('\n');
}
