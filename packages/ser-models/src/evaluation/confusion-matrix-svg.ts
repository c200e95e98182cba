import { ModelError } from '../errors.js';
import { escapeXml } from '../architectures/plot-model.js';

/** White → blue colour for a fraction in [0, 1]. */
function heat(fraction: number): string {
  const f = Math.max(0, Math.min(1, fraction));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * f);
  return `rgb(${mix(247, 8)},${mix(251, 48)},${mix(255, 107)})`;
}

/**
 * A confusion matrix as an SVG heat map: rows are true labels, columns predictions; each cell shows
 * its count and its row-normalised percentage (the share of that true class), coloured by that share.
 *
 * @returns the SVG text; the Node entry's `renderConfusionMatrix(cm, labels, file)` also writes it.
 */
export function renderConfusionMatrix(cm: number[][], labels: string[], options: { title?: string } = {}): string {
  const k = labels.length;
  if (cm.length !== k || cm.some((row) => row.length !== k || row.some((v) => !Number.isFinite(v) || v < 0))) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `renderConfusionMatrix: expected a ${k}×${k} matrix of counts for ${k} labels`,
    );
  }
  const cell = 64;
  const left = 20 + Math.max(...labels.map((l) => l.length)) * 8;
  const top = 70;
  const width = left + k * cell + 20;
  const height = top + k * cell + 60;
  const title = options.title ?? 'Confusion matrix';
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<text x="${width / 2}" y="24" font-size="16" text-anchor="middle" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${left + (k * cell) / 2}" y="${top - 34}" font-size="13" text-anchor="middle">predicted</text>`,
    `<text x="14" y="${top + (k * cell) / 2}" font-size="13" text-anchor="middle" transform="rotate(-90 14 ${top + (k * cell) / 2})">true</text>`,
  ];
  labels.forEach((label, j) => {
    parts.push(
      `<text x="${left + j * cell + cell / 2}" y="${top - 8}" font-size="11" text-anchor="middle">${escapeXml(label)}</text>`,
    );
  });
  cm.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    parts.push(
      `<text x="${left - 8}" y="${top + i * cell + cell / 2 + 4}" font-size="11" text-anchor="end">${escapeXml(labels[i]!)}</text>`,
    );
    row.forEach((count, j) => {
      const share = total === 0 ? 0 : count / total;
      const x = left + j * cell;
      const y = top + i * cell;
      const ink = share > 0.5 ? '#fff' : '#111';
      parts.push(
        `<g class="cell" data-row="${i}" data-col="${j}">`,
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${heat(share)}" stroke="#ccc"/>`,
        `<text x="${x + cell / 2}" y="${y + cell / 2 - 2}" font-size="14" text-anchor="middle" fill="${ink}">${count}</text>`,
        `<text x="${x + cell / 2}" y="${y + cell / 2 + 15}" font-size="10" text-anchor="middle" fill="${ink}">${(share * 100).toFixed(1)}%</text>`,
        '</g>',
      );
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}
