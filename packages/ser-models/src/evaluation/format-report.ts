import type { ClassMetrics, EvaluationReport } from './metrics.js';

/**
 * Formats a report like scikit-learn's `classification_report` (same columns, alignment and
 * `digits`): per-class precision/recall/f1-score/support, then accuracy, macro avg, weighted avg.
 */
export function formatReport(report: EvaluationReport, digits = 2): string {
  const names = [...report.labels, 'weighted avg'];
  const width = Math.max(...names.map((n) => n.length), digits);
  const num = (v: number) => v.toFixed(digits).padStart(9);
  const int = (v: number) => String(v).padStart(9);
  const name = (n: string) => n.padStart(width);
  const row = (label: string, m: ClassMetrics) =>
    `${name(label)}  ${num(m.precision)} ${num(m.recall)} ${num(m.f1)} ${int(m.support)}`;
  const lines = [
    `${''.padStart(width)}  ${['precision', 'recall', 'f1-score', 'support'].map((h) => h.padStart(9)).join(' ')}`,
    '',
    ...report.labels.map((label, c) => row(label, report.perClass[c]!)),
    '',
    `${name('accuracy')}  ${''.padStart(9)} ${''.padStart(9)} ${num(report.accuracy)} ${int(report.support)}`,
    row('macro avg', report.macroAvg),
    row('weighted avg', report.weightedAvg),
  ];
  return `${lines.join('\n')}\n`;
}
