/** Text summary of a feature corpus (rows, features, labels, speakers, failures, files). */
import type { CorpusSummary } from '@ser/datasets';

/** Several lines describing a corpus summary from @ser/datasets. */
export function formatCorpusSummary(summary: CorpusSummary): string {
  const counts = (record: Record<string, number>): string =>
    Object.entries(record)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  const lines = [
    `${summary.rows} row(s) of ${summary.featureSet} [${summary.shape.slice(1).join('×')}], label set ${summary.labelSet.name}`,
    `per label: ${counts(summary.perLabel)}`,
    `${Object.keys(summary.perSpeaker).length} speaker(s); per corpus: ${counts(summary.perDataset)}`,
  ];
  if (summary.failures.length > 0) {
    lines.push(`${summary.failures.length} file(s) failed:`);
    for (const failure of summary.failures) lines.push(`  ${failure.error}`);
  }
  if (summary.files) lines.push(`wrote ${summary.files.x}, ${summary.files.y}, ${summary.files.meta}`);
  return lines.join('\n');
}
