import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend/init-backend.js';
import { cnnLstm, mlp, ogCnn, paperCnn, type Architecture } from '../src/architectures/index.js';
import { shardGradients } from '../src/training/gradient-step.js';
import { createRandom } from '../src/random.js';

// Small widths keep the cpu backend fast; the layer structure is the real one.
const small = { units_0: 8, units_1: 8, units_2: 8, units_3: 8, units_4: 8, units_5: 8, units_6: 8, units_7: 8, units_8: 8 };
const cases: Array<[string, Architecture, number[]]> = [
  ['ogCnn', ogCnn, [180, 1]],
  ['paperCnn', paperCnn, [64, 3]],
  ['cnnLstm', cnnLstm, [64, 8]],
  ['mlp', mlp, [40]],
];

/** Whole-model gradients (dropout masks, batch statistics and all) on one backend. */
async function gradientsOn(backend: 'wasm' | 'cpu', build: Architecture, shape: number[]): Promise<Float32Array[]> {
  await initBackend({ prefer: backend, strict: true });
  const model = build({ inputShape: shape, numClasses: 3, hyperparameters: small, seed: 5 });
  const size = shape.reduce((a, b) => a * b, 1);
  const random = createRandom(11);
  const batch = { x: new Float32Array(6 * size).map(() => random() * 2 - 1), labels: new Int32Array([0, 1, 2, 0, 1, 2]),
    sampleWeights: new Float32Array(6).fill(1), count: 6 };
  const { gradients } = shardGradients(model, batch, 6, 3);
  model.dispose();
  return gradients;
}

describe('training gradients: wasm (with our kernels) = cpu backend', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true });
  });

  it.each(cases)('%s', async (_, build, shape) => {
    const cpu = await gradientsOn('cpu', build, shape);
    const wasm = await gradientsOn('wasm', build, shape);
    expect(wasm.length).toBe(cpu.length);
    cpu.forEach((reference, i) => {
      let scale = 1e-3;
      let diff = 0;
      for (let k = 0; k < reference.length; k++) {
        scale = Math.max(scale, Math.abs(reference[k]));
        diff = Math.max(diff, Math.abs(reference[k] - wasm[i][k]));
      }
      expect(diff / scale, `weight ${i}`).toBeLessThanOrEqual(1e-3);
    });
    tf.disposeVariables();
  });
});
