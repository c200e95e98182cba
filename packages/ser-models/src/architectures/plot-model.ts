import type * as tfl from '@tensorflow/tfjs-layers';

/** Escapes text for SVG/XML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function shapeText(shape: tfl.Shape | tfl.Shape[]): string {
  const one = (s: tfl.Shape) => `(${s.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
  return Array.isArray(shape[0]) ? (shape as tfl.Shape[]).map(one).join(' ') : one(shape as tfl.Shape);
}

/**
 * A generous estimate of the width in pixels of `text` in Helvetica/Arial at `fontSize` (the widest common glyphs
 * are about 0.6 em, bold 0.65 em), so that a box drawn this wide holds its text in any sans-serif font.
 */
function textWidth(text: string, fontSize: number, bold: boolean): number {
  return text.length * fontSize * (bold ? 0.65 : 0.6);
}

/** The layers feeding each layer of a model, from its inbound nodes. */
function inboundLayerNames(layer: tfl.layers.Layer): string[] {
  const nodes = (layer as unknown as { inboundNodes: Array<{ inboundLayers: tfl.layers.Layer[] }> }).inboundNodes ?? [];
  return nodes.flatMap((node) => node.inboundLayers.map((l) => l.name));
}

/**
 * The layer graph of a model as an SVG document (like Keras' `plot_model` with shapes): one box per
 * layer with its name, class and output shape, and an arrow for every connection (skip connections
 * of functional models are drawn as curves on the right).
 *
 * @returns the SVG text; the Node entry's `plotModel(model, file)` also writes it to a file.
 */
export function plotModel(model: tfl.LayersModel): string {
  const boxHeight = 44;
  const gap = 26;
  const margin = 20;
  const padding = 12;
  const layers = model.layers;
  const titles = layers.map((layer) => `${layer.name}: ${layer.getClassName()}`);
  const details = layers.map((layer) => `output ${shapeText(layer.outputShape)} · ${layer.countParams()} params`);
  // As wide as the longest line of text, so no layer name is clipped at the box edge.
  const boxWidth = Math.ceil(
    Math.max(
      340,
      ...titles.map((t) => textWidth(t, 13, true) + 2 * padding),
      ...details.map((d) => textWidth(d, 12, false) + 2 * padding),
    ),
  );
  const index = new Map(layers.map((l, i) => [l.name, i]));
  const top = (i: number) => margin + i * (boxHeight + gap);
  const width = boxWidth + 2 * margin + 60;
  const height = margin * 2 + layers.length * (boxHeight + gap) - gap;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(model.name)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
  ];
  const cx = margin + boxWidth / 2;
  layers.forEach((layer, i) => {
    for (const source of inboundLayerNames(layer)) {
      const j = index.get(source);
      if (j === undefined) continue;
      if (j === i - 1) {
        parts.push(
          `<line x1="${cx}" y1="${top(j) + boxHeight}" x2="${cx}" y2="${top(i)}" stroke="#555" marker-end="url(#arrow)"/>`,
        );
      } else {
        const x = margin + boxWidth;
        const bend = x + 20 + 8 * Math.min(4, i - j);
        parts.push(
          `<path d="M${x},${top(j) + boxHeight / 2} C${bend},${top(j) + boxHeight / 2} ${bend},${top(i) + boxHeight / 2} ${x},${top(i) + boxHeight / 2}" fill="none" stroke="#555" marker-end="url(#arrow)"/>`,
        );
      }
    }
  });
  layers.forEach((layer, i) => {
    const y = top(i);
    parts.push(
      `<g class="layer" data-name="${escapeXml(layer.name)}">`,
      `<rect x="${margin}" y="${y}" width="${boxWidth}" height="${boxHeight}" rx="6" fill="#eef3fb" stroke="#4a6fa5"/>`,
      `<text x="${cx}" y="${y + 18}" font-size="13" text-anchor="middle" font-weight="bold">${escapeXml(titles[i]!)}</text>`,
      `<text x="${cx}" y="${y + 35}" font-size="12" text-anchor="middle" fill="#333">${escapeXml(details[i]!)}</text>`,
      '</g>',
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
