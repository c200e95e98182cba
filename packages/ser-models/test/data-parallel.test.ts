import { beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { initBackend } from '../src/backend/init-backend.js';
import { trainModel } from '../src/training/train-model.js';
import { createDataParallelStepper, trainModelParallel } from '../src/node/data-parallel.js';
import { ogCnn } from '../src/architectures/index.js';
import { createRandom } from '../src/random.js';

// The worker runs the built script (tests run after `npm run build`, as `npm test` does).
const workerScript = path.resolve(__dirname, '../dist/gradient-worker.js');

function convModel(): tfl.LayersModel {
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv1d({
      inputShape: [24, 2],
      filters: 6,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(tfl.layers.flatten());
  model.add(
    tfl.layers.dense({
      units: 3,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
    }),
  );
  return model;
}

function data(n: number) {
  const random = createRandom(3);
  const x = new Float32Array(n * 48).map(() => random() - 0.5);
  return { x, shape: [24, 2], labels: Array.from({ length: n }, (_, i) => i % 3) };
}

describe('data-parallel training over worker threads', () => {
  beforeAll(async () => {
    expect(existsSync(workerScript), `${workerScript} is missing: build @ser/models first`).toBe(true);
    await initBackend({ prefer: 'wasm', strict: true });
  });

  it('gives the same weights as single-thread training (no dropout/batch norm)', async () => {
    const train = data(40);
    const single = convModel();
    await trainModel(single, train, { epochs: 2, batchSize: 10, seed: 4, learningRate: 1e-2 });
    const parallel = convModel();
    const stepper = await createDataParallelStepper(parallel, { workers: 1, workerScript });
    try {
      const result = await trainModel(parallel, train, {
        epochs: 2,
        batchSize: 10,
        seed: 4,
        learningRate: 1e-2,
        stepper,
      });
      expect(result.history).toHaveLength(2);
    } finally {
      await stepper.dispose();
    }
    const a = single.getWeights().map((w) => Array.from(w.dataSync()));
    const b = parallel.getWeights().map((w) => Array.from(w.dataSync()));
    a.forEach((values, i) => values.forEach((v, k) => expect(b[i]![k]).toBeCloseTo(v, 5)));
  });

  it('trains ogCnn (dropout + batch norm) with two threads and its loss falls', async () => {
    const model = ogCnn({ inputShape: [180, 1], numClasses: 3, seed: 2 });
    const random = createRandom(9);
    const labels = Array.from({ length: 24 }, (_, i) => i % 3);
    const x = new Float32Array(24 * 180).map(
      (_, i) => random() - 0.5 + (i % 180 < 60 * (labels[Math.floor(i / 180)]! + 1) ? 1 : 0),
    );
    const result = await trainModelParallel(
      model,
      { x, shape: [180, 1], labels },
      { epochs: 4, batchSize: 12, seed: 1, workers: 1, workerScript },
    );
    expect(result.history[3]!.loss).toBeLessThan(result.history[0]!.loss);
  });
});
