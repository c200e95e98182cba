import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/backend/init-backend.js';
import {
  CNN_LSTM_DEFAULTS,
  cnnLstm,
  MLP_DEFAULTS,
  mlp,
  OG_CNN_DEFAULTS,
  ogCnn,
  PAPER_CNN_DEFAULTS,
  paperCnn,
  type Architecture,
} from '../src/architectures/index.js';
import { shardGradients } from '../src/training/gradient-step.js';
import { createRandom } from '../src/random.js';

// Small widths keep the cpu backend fast; the layer structure is the real one.
const DEFAULTS = new Map<Architecture, Record<string, number>>([
  [ogCnn, OG_CNN_DEFAULTS],
  [paperCnn, PAPER_CNN_DEFAULTS],
  [cnnLstm, CNN_LSTM_DEFAULTS],
  [mlp, MLP_DEFAULTS],
]);
/** Width 8 for every `units_*` the architecture has. */
const small = (build: Architecture) =>
  Object.fromEntries(
    Object.keys(DEFAULTS.get(build)!)
      .filter((k) => k.startsWith('units_'))
      .map((k) => [k, 8]),
  );
const cases: Array<[string, Architecture, number[]]> = [
  ['ogCnn', ogCnn, [180, 1]],
  ['paperCnn', paperCnn, [64, 3]],
  ['cnnLstm', cnnLstm, [64, 8]],
  ['mlp', mlp, [40]],
];

/** Whole-model gradients (dropout masks, batch statistics and all) on one backend. */
async function gradientsOn(backend: 'wasm' | 'cpu', build: Architecture, shape: number[]): Promise<Float32Array[]> {
  await initBackend({ prefer: backend, strict: true });
  const model = build({ inputShape: shape, numClasses: 3, hyperparameters: small(build), seed: 5 });
  const size = shape.reduce((a, b) => a * b, 1);
  const random = createRandom(11);
  const batch = {
    x: new Float32Array(6 * size).map(() => random() * 2 - 1),
    labels: new Int32Array([0, 1, 2, 0, 1, 2]),
    sampleWeights: new Float32Array(6).fill(1),
    count: 6,
  };
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
        scale = Math.max(scale, Math.abs(reference[k]!));
        diff = Math.max(diff, Math.abs(reference[k]! - wasm[i]![k]!));
      }
      expect(diff / scale, `weight ${i}`).toBeLessThanOrEqual(1e-3);
    });
    tf.disposeVariables();
  });
});
