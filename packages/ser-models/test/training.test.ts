import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/backend/init-backend.js';
import { mlp } from '../src/architectures/index.js';
import { trainModel } from '../src/training/train-model.js';
import { fitStandardization, applyStandardization, featurePeriod } from '../src/training/standardization.js';
import { resolveClassWeights } from '../src/training/class-weights.js';
import { createRandom } from '../src/random.js';
import { ModelError } from '../src/errors.js';

/** Gaussian blobs: class c has mean +2 on feature c, features have different offsets and scales. */
function blobs(n: number, dims: number, classes: number, seed: number) {
  const random = createRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const x = new Float32Array(n * dims);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % classes;
    for (let d = 0; d < dims; d++) x[i * dims + d] = 100 + d * 10 + (gauss() + (d === labels[i] ? 2 : 0)) * (1 + d);
  }
  return { x, shape: [dims], labels };
}

describe('trainModel', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true });
  });

  it('standardisation is per feature and fitted on the data given', () => {
    const s = fitStandardization(new Float32Array([1, 10, 3, 30]), [2]);
    expect(s.mean).toEqual([2, 20]);
    expect(s.std).toEqual([1, 10]);
    expect(Array.from(applyStandardization(new Float32Array([3, 0]), s))).toEqual([1, -2]);
    expect(featurePeriod([180, 1])).toBe(180);
    expect(featurePeriod([300, 64])).toBe(64);
  });

  it('balanced class weights follow scikit-learn (n / (k · count))', () => {
    const w = resolveClassWeights('balanced', [0, 0, 0, 1], 2);
    expect(w[0]).toBeCloseTo(4 / 6, 6);
    expect(w[1]).toBe(2);
    expect(() => resolveClassWeights({ 5: 1 }, [0, 1], 2)).toThrow(ModelError);
  });

  it('learns, stops early on validation accuracy, and restores the best weights', async () => {
    const train = blobs(210, 12, 3, 1);
    const validation = blobs(90, 12, 3, 2);
    const model = mlp({ inputShape: [12], numClasses: 3, seed: 1 });
    const result = await trainModel(model, train, {
      epochs: 40,
      batchSize: 32,
      validation,
      earlyStopping: { patience: 3 },
      seed: 5,
      learningRate: 1e-2,
    });
    expect(result.bestValAccuracy).toBeGreaterThan(0.7); // chance is 1/3
    expect(result.history.length).toBeLessThanOrEqual(40);
    // standardisation fitted on the 210 training examples only
    expect(result.standardization.mean[0]).toBeCloseTo(
      Array.from(train.x)
        .filter((_, i) => i % 12 === 0)
        .reduce((a, b) => a + b) / 210,
      3,
    );
    // the blobs separate within a few epochs, so validation accuracy stops improving long before epoch 40
    expect(result.stoppedEarly).toBe(true);
    expect(result.history.length).toBeLessThan(40);
    expect(result.history.length - 1 - result.bestEpoch).toBe(3);
    // the weights now in the model reproduce the best epoch's validation accuracy
    const { scoreStandardized } = await import('../src/training/train-model.js');
    const score = scoreStandardized(
      model,
      applyStandardization(validation.x, result.standardization),
      [12],
      validation.labels,
    );
    expect(score.accuracy).toBeCloseTo(result.bestValAccuracy!, 10);
    model.dispose();
  });

  it('is reproducible: two runs with one seed give the same losses and weights', async () => {
    const data = blobs(96, 8, 3, 3);
    const run = async () => {
      const model = mlp({ inputShape: [8], numClasses: 3, seed: 9 });
      const result = await trainModel(model, data, {
        epochs: 3,
        batchSize: 16,
        seed: 11,
        validation: { indices: [0, 1, 2, 3, 4, 5, 6, 7, 8] },
      });
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return { losses: result.history.map((h) => h.loss), weights };
    };
    const a = await run();
    const b = await run();
    expect(b.losses).toEqual(a.losses);
    expect(b.weights).toEqual(a.weights);
    const other = await (async () => {
      const model = mlp({ inputShape: [8], numClasses: 3, seed: 9 });
      const result = await trainModel(model, data, { epochs: 3, batchSize: 16, seed: 12 });
      model.dispose();
      return result.history.map((h) => h.loss);
    })();
    expect(other).not.toEqual(a.losses);
  });

  it('does not leak tensors across epochs', async () => {
    const data = blobs(64, 8, 3, 4);
    const model = mlp({ inputShape: [8], numClasses: 3, seed: 2 });
    await trainModel(model, data, { epochs: 1, batchSize: 16, validation: { indices: [0, 1, 2, 3] } });
    const before = tf.memory().numTensors;
    await trainModel(model, data, { epochs: 5, batchSize: 16, validation: { indices: [0, 1, 2, 3] } });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('refuses NaN features and unknown labels with a clear error', async () => {
    const model = mlp({ inputShape: [4], numClasses: 2 });
    const x = new Float32Array(8);
    x[5] = NaN;
    await expect(trainModel(model, { x, shape: [4], labels: [0, 1] })).rejects.toThrow(
      /example 1 has a non-finite value/,
    );
    await expect(trainModel(model, { x: new Float32Array(8), shape: [4], labels: [0, 2] })).rejects.toThrow(
      /label 2 of example 1/,
    );
    await expect(trainModel(model, { x: new Float32Array(6), shape: [4], labels: [0, 1] })).rejects.toThrow(
      /expected 2 examples/,
    );
    await expect(
      trainModel(model, { x: new Float32Array(8), shape: [4], labels: [0, 1] }, { earlyStopping: { patience: 2 } }),
    ).rejects.toThrow(/pass validation data/);
    model.dispose();
    tf.disposeVariables();
  });
});
