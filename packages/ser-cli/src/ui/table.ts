/** Plain-text tables with aligned columns. */

/** Column alignment. */
export type Align = 'left' | 'right';

/** Options of {@link renderTable}. */
export interface TableOptions {
  /** Alignment per column (default: first column left, the others right). */
  align?: Align[];
  /** Text between columns (default two spaces). */
  gap?: string;
  /** Draw a rule of `-` under the header row. */
  headerRule?: boolean;
}

/** Display width of a string in code points. */
function width(text: string): number {
  return Array.from(text).length;
}

/**
 * Renders `rows` (the first is the header when `headerRule` is set) as aligned text lines, without a
 * trailing newline. Cells are strings; missing cells are blank.
 */
export function renderTable(rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(0, ...rows.map((row) => width(row[c] ?? ''))));
  const align = (c: number): Align => options.align?.[c] ?? (c === 0 ? 'left' : 'right');
  const gap = options.gap ?? '  ';
  const line = (row: readonly string[]): string =>
    widths
      .map((w, c) => {
        const cell = row[c] ?? '';
        const pad = ' '.repeat(w - width(cell));
        return align(c) === 'left' ? cell + pad : pad + cell;
      })
      .join(gap)
      .trimEnd();
  const out: string[] = [];
  rows.forEach((row, i) => {
    out.push(line(row));
    if (i === 0 && options.headerRule) out.push(widths.map((w) => '-'.repeat(w)).join(gap));
  });
  return out.join('\n');
}

/**
 * A confusion matrix as a text table: rows are true labels, columns predicted labels (abbreviated
 * headers when labels are long), with a row total column.
 */
export function renderConfusionTable(labels: readonly string[], matrix: readonly (readonly number[])[]): string {
  const header = ['true \\ predicted', ...labels.map((l) => l.slice(0, 8)), 'total'];
  const rows = labels.map((label, i) => {
    const row = matrix[i] ?? [];
    const total = row.reduce((a, b) => a + b, 0);
    return [label, ...labels.map((_, j) => String(row[j] ?? 0)), String(total)];
  });
  return renderTable([header, ...rows], { headerRule: true });
}
