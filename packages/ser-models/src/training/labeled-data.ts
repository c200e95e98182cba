import { ModelError } from '../errors.js';

/**
 * Examples as one flat array: `x` holds `labels.length` examples of shape `shape` back to back
 * (row-major), `labels[i]` is the integer class of example `i`.
 */
export interface LabeledData {
  x: Float32Array;
  /** Shape of ONE example, e.g. `[180]` or `[300, 64]`. */
  shape: number[];
  labels: ArrayLike<number>;
}

/** Number of values in one example of shape `shape`. */
export function exampleSize(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Checks a {@link LabeledData}: sizes agree, every value is finite, every label is an integer in
 * [0, numClasses). `what` names the data in error messages ("training data", "validation data").
 * @throws {@link ModelError} `INVALID_DATA`.
 */
export function checkLabeledData(data: LabeledData, numClasses: number, what: string): void {
  if (!(data.x instanceof Float32Array)) throw new ModelError('INVALID_DATA', `${what}: x must be a Float32Array`);
  if (!Array.isArray(data.shape) || data.shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new ModelError('INVALID_DATA', `${what}: shape must be positive integers, got ${JSON.stringify(data.shape)}`);
  }
  const size = exampleSize(data.shape);
  const n = data.labels.length;
  if (n === 0) throw new ModelError('INVALID_DATA', `${what}: no examples`);
  if (data.x.length !== n * size) {
    throw new ModelError(
      'INVALID_DATA',
      `${what}: x has ${data.x.length} values, expected ${n} examples × ${size} (shape ${JSON.stringify(data.shape)})`,
    );
  }
  for (let i = 0; i < data.x.length; i++) {
    if (!Number.isFinite(data.x[i])) {
      throw new ModelError(
        'INVALID_DATA',
        `${what}: example ${Math.floor(i / size)} has a non-finite value (${data.x[i]}) at offset ${i % size}`,
      );
    }
  }
  for (let i = 0; i < n; i++) {
    const label = data.labels[i]!; // i < n = data.labels.length
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
      throw new ModelError(
        'INVALID_DATA',
        `${what}: label ${label} of example ${i} is not a class index in [0, ${numClasses})`,
      );
    }
  }
}

/** The examples at `indices`, in that order, as a new {@link LabeledData}. */
export function selectExamples(data: LabeledData, indices: ArrayLike<number>): LabeledData {
  const size = exampleSize(data.shape);
  const x = new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (i === undefined || !Number.isInteger(i) || i < 0 || i >= data.labels.length) {
      throw new ModelError('INVALID_ARGUMENT', `index ${i} is outside the data (0 … ${data.labels.length - 1})`);
    }
    x.set(data.x.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = data.labels[i]!;
  }
  return { x, shape: data.shape.slice(), labels };
}
