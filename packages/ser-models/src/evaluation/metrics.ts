import { ModelError } from '../errors.js';

/** Precision, recall, F1 and support of one class (or an average of classes). */
export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** A classification report, like scikit-learn's `classification_report(output_dict=True)` plus the confusion matrix. */
export interface EvaluationReport {
  labels: string[];
  accuracy: number;
  /** One entry per label, in `labels` order. */
  perClass: ClassMetrics[];
  macroAvg: ClassMetrics;
  weightedAvg: ClassMetrics;
  /** `confusionMatrix[trueClass][predictedClass]` = count. */
  confusionMatrix: number[][];
  support: number;
}

/** Counts `confusion[true][predicted]` for integer class indices. */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, numClasses: number): number[][] {
  if (yTrue.length !== yPred.length) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `confusionMatrix: ${yTrue.length} true labels but ${yPred.length} predictions`,
    );
  }
  const cm = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (
      t === undefined ||
      p === undefined ||
      !Number.isInteger(t) ||
      t < 0 ||
      t >= numClasses ||
      !Number.isInteger(p) ||
      p < 0 ||
      p >= numClasses
    ) {
      throw new ModelError(
        'INVALID_ARGUMENT',
        `confusionMatrix: example ${i} has label ${t} / prediction ${p} outside [0, ${numClasses})`,
      );
    }
    cm[t]![p]!++;
  }
  return cm;
}

/** Precision/recall/F1 per class from a confusion matrix; 0/0 counts as 0 (scikit-learn's zero_division=0). */
export function reportFromConfusionMatrix(cm: number[][], labels: string[]): EvaluationReport {
  const k = labels.length;
  if (cm.length !== k || cm.some((row) => row.length !== k)) {
    throw new ModelError('INVALID_ARGUMENT', `reportFromConfusionMatrix: expected a ${k}×${k} matrix for ${k} labels`);
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const perClass: ClassMetrics[] = labels.map((_, c) => {
    const tp = cm[c]![c]!; // the matrix is k×k (checked above)
    const support = cm[c]!.reduce((a, b) => a + b, 0);
    const predicted = cm.reduce((sum, row) => sum + row[c]!, 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const total = perClass.reduce((s, m) => s + m.support, 0);
  const average = (weight: (m: ClassMetrics) => number): ClassMetrics => {
    const wsum = perClass.reduce((s, m) => s + weight(m), 0);
    const avg = (f: (m: ClassMetrics) => number) =>
      ratio(
        perClass.reduce((s, m) => s + weight(m) * f(m), 0),
        wsum,
      );
    return { precision: avg((m) => m.precision), recall: avg((m) => m.recall), f1: avg((m) => m.f1), support: total };
  };
  const correct = labels.reduce((s, _, c) => s + cm[c]![c]!, 0);
  return {
    labels: labels.slice(),
    accuracy: ratio(correct, total),
    perClass,
    macroAvg: average(() => 1),
    weightedAvg: average((m) => m.support),
    confusionMatrix: cm.map((row) => row.slice()),
    support: total,
  };
}

/** Index of the largest value of each row of a row-major [n, k] probability matrix. */
export function argmaxRows(probabilities: ArrayLike<number>, numClasses: number): Int32Array {
  const n = probabilities.length / numClasses;
  if (!Number.isInteger(n))
    throw new ModelError(
      'INVALID_ARGUMENT',
      `argmaxRows: ${probabilities.length} values is not a multiple of ${numClasses}`,
    );
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < numClasses; c++)
      if (probabilities[i * numClasses + c]! > probabilities[i * numClasses + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** Full report from true and predicted class indices. */
export function evaluatePredictions(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  labels: string[],
): EvaluationReport {
  return reportFromConfusionMatrix(confusionMatrix(yTrue, yPred, labels.length), labels);
}
