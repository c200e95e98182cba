import type * as tfl from '@tensorflow/tfjs-layers';

function shapeText(shape: tfl.Shape | tfl.Shape[]): string {
  const one = (s: tfl.Shape) =>
    `(${s.map((d) => (d === null ? 'None' : String(d))).join(', ')}${s.length === 1 ? ',' : ''})`;
  return Array.isArray(shape[0]) || (Array.isArray(shape) && shape.length > 0 && Array.isArray(shape[0]))
    ? (shape as tfl.Shape[]).map(one).join(', ')
    : one(shape as tfl.Shape);
}

function weightCount(weights: tfl.LayerVariable[]): number {
  return weights.reduce((sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
}

/** The Keras summary's column widths, widened to the longest cell plus a space so every column lines up. */
const MIN_WIDTHS = [33, 26, 12] as const;

/**
 * A Keras-style summary of a model as one string: for every layer its name and class, output
 * shape and parameter count, then total, trainable and non-trainable parameter counts.
 *
 * @example
 * ```ts
 * console.log(describeModel(ogCnn({ inputShape: [180, 1], numClasses: 7 })));
 * ```
 */
export function describeModel(model: tfl.LayersModel): string {
  const cells = model.layers.map(
    (layer) =>
      [` ${layer.name} (${layer.getClassName()})`, shapeText(layer.outputShape), String(layer.countParams())] as const,
  );
  const header = [' Layer (type)', 'Output Shape', 'Param #'] as const;
  const widths = MIN_WIDTHS.map((min, column) =>
    Math.max(min, ...[header, ...cells].map((row) => row[column]!.length + 1)),
  );
  const row = (columns: readonly string[]) =>
    columns.map((text, column) => (column < columns.length - 1 ? text.padEnd(widths[column]!) : text)).join('');
  const line = (ch: string) => ch.repeat(widths.reduce((a, b) => a + b, 0));
  const rows = [`Model: "${model.name}"`, line('_'), row(header), line('=')];
  cells.forEach((columns, i) => {
    rows.push(row(columns));
    if (i < cells.length - 1) rows.push('');
  });
  const trainable = weightCount(model.trainableWeights);
  const nonTrainable = weightCount(model.nonTrainableWeights);
  rows.push(line('='));
  rows.push(`Total params: ${(trainable + nonTrainable).toLocaleString('en-US')}`);
  rows.push(`Trainable params: ${trainable.toLocaleString('en-US')}`);
  rows.push(`Non-trainable params: ${nonTrainable.toLocaleString('en-US')}`);
  rows.push(line('_'));
  return rows.join('\n');
}
