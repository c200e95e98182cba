import type * as tfl from '@tensorflow/tfjs-layers';
import { ModelError } from '../errors.js';
import { exampleSize } from '../training/labeled-data.js';
import { applyStandardization, type Standardization } from '../training/standardization.js';
import { predictProbabilities } from '../training/train-model.js';
import { argmaxRows, evaluatePredictions, type EvaluationReport } from './metrics.js';

/** Options of {@link evaluateModel}. */
export interface EvaluateOptions {
  /** Statistics from training; applied to `x` before prediction (omit when `x` is already standardised). */
  standardization?: Standardization;
  /** Shape of one example (default: the model's input shape). */
  shape?: number[];
  batchSize?: number;
}

/**
 * Evaluates a classifier: accuracy, per-class precision/recall/F1/support, macro and weighted
 * averages and the confusion matrix.
 *
 * @param source - a model (then `x` holds the examples back to back), or a row-major [n, k] matrix of
 *   predicted probabilities (then `x` is ignored and may be null).
 * @param x - the examples, for a model.
 * @param yTrue - true class indices.
 * @param labels - class names, index = class.
 */
export async function evaluateModel(
  source: tfl.LayersModel | ArrayLike<number>,
  x: Float32Array | null,
  yTrue: ArrayLike<number>,
  labels: string[],
  options: EvaluateOptions = {},
): Promise<EvaluationReport> {
  const k = labels.length;
  let probabilities: ArrayLike<number>;
  if ('predict' in (source as object)) {
    const model = source as tfl.LayersModel;
    if (!x) throw new ModelError('INVALID_ARGUMENT', 'evaluateModel: x is required to evaluate a model');
    const shape = options.shape ?? (model.inputs[0]!.shape.slice(1) as number[]);
    if (x.length !== yTrue.length * exampleSize(shape)) {
      throw new ModelError(
        'INVALID_DATA',
        `evaluateModel: x has ${x.length} values, expected ${yTrue.length} × ${exampleSize(shape)}`,
      );
    }
    const input = options.standardization ? applyStandardization(x, options.standardization) : x;
    probabilities = predictProbabilities(model, input, shape, yTrue.length, options.batchSize);
    const outK = probabilities.length / yTrue.length;
    if (outK !== k)
      throw new ModelError(
        'INVALID_ARGUMENT',
        `evaluateModel: the model has ${outK} classes but ${k} labels were given`,
      );
  } else {
    probabilities = source as ArrayLike<number>;
    if (probabilities.length !== yTrue.length * k) {
      throw new ModelError(
        'INVALID_ARGUMENT',
        `evaluateModel: ${probabilities.length} probabilities, expected ${yTrue.length} × ${k}`,
      );
    }
  }
  return evaluatePredictions(yTrue, argmaxRows(probabilities, k), labels);
}
