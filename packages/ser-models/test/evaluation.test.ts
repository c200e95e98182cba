import { describe, expect, it } from 'vitest';
import { confusionMatrix, evaluatePredictions, reportFromConfusionMatrix } from '../src/evaluation/metrics.js';
import { formatReport } from '../src/evaluation/format-report.js';
import { renderConfusionMatrix } from '../src/evaluation/confusion-matrix-svg.js';
import { evaluateModel } from '../src/evaluation/evaluate-model.js';
import { ModelError } from '../src/errors.js';

const labels = ['angry', 'calm', 'sad'];
const cm = [
  [5, 1, 0],
  [2, 3, 1],
  [0, 1, 7],
];

describe('evaluation', () => {
  it('matches hand-computed precision/recall/F1 on a fixed confusion matrix', () => {
    const r = reportFromConfusionMatrix(cm, labels);
    expect(r.accuracy).toBeCloseTo(15 / 20, 12);
    expect(r.perClass[0]).toMatchObject({ support: 6 });
    expect(r.perClass[0]!.precision).toBeCloseTo(5 / 7, 12);
    expect(r.perClass[0]!.recall).toBeCloseTo(5 / 6, 12);
    expect(r.perClass[0]!.f1).toBeCloseTo(10 / 13, 12);
    expect(r.perClass[1]!.precision).toBeCloseTo(3 / 5, 12);
    expect(r.perClass[1]!.recall).toBeCloseTo(3 / 6, 12);
    expect(r.perClass[1]!.f1).toBeCloseTo(6 / 11, 12);
    expect(r.perClass[2]!.f1).toBeCloseTo(7 / 8, 12);
    expect(r.macroAvg.precision).toBeCloseTo((5 / 7 + 3 / 5 + 7 / 8) / 3, 12);
    expect(r.macroAvg.f1).toBeCloseTo((10 / 13 + 6 / 11 + 7 / 8) / 3, 12);
    expect(r.weightedAvg.recall).toBeCloseTo(0.75, 12);
    expect(r.weightedAvg.f1).toBeCloseTo(((6 * 10) / 13 + (6 * 6) / 11 + (8 * 7) / 8) / 20, 12);
  });

  it('formats like scikit-learn classification_report', () => {
    const text = formatReport(reportFromConfusionMatrix(cm, labels));
    expect(text).toBe(
      [
        '              precision    recall  f1-score   support',
        '',
        '       angry       0.71      0.83      0.77         6',
        '        calm       0.60      0.50      0.55         6',
        '         sad       0.88      0.88      0.88         8',
        '',
        '    accuracy                           0.75        20',
        '   macro avg       0.73      0.74      0.73        20',
        'weighted avg       0.74      0.75      0.74        20',
        '',
      ].join('\n'),
    );
  });

  it('builds the confusion matrix from labels; a class never predicted gets precision 0', () => {
    const r = evaluatePredictions([0, 0, 1, 2, 2], [0, 0, 0, 0, 2], labels);
    expect(r.confusionMatrix).toEqual([
      [2, 0, 0],
      [1, 0, 0],
      [1, 0, 1],
    ]);
    expect(r.perClass[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(ModelError);
  });

  it('evaluates a probability matrix', async () => {
    const probs = [0.9, 0.05, 0.05, 0.2, 0.7, 0.1, 0.1, 0.6, 0.3];
    const r = await evaluateModel(probs, null, [0, 1, 2], labels);
    expect(r.accuracy).toBeCloseTo(2 / 3, 12);
    await expect(evaluateModel(probs, null, [0, 1], labels)).rejects.toThrow(/probabilities/);
  });

  it('renders the confusion matrix as SVG with counts and row percentages', () => {
    const svg = renderConfusionMatrix(cm, labels);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/class="cell"/g)).toHaveLength(9);
    expect(svg).toContain('>7</text>');
    expect(svg).toContain('87.5%'); // 7 of 8 sad
    expect(svg).toContain('33.3%'); // 2 of 6 calm predicted angry
    expect(() => renderConfusionMatrix([[1]], labels)).toThrow(ModelError);
  });
});
