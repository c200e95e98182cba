// Its own file on purpose: vitest runs each file in a fresh module graph, so no other test has chosen a
// TensorFlow.js backend here.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { loadDefaultModel } from '../src/node.js';
import { ensureBackend, predict } from '../src/index.js';

describe('loading a model without initBackend()', () => {
  it('starts the default backend itself, so loadDefaultModel + predict just work', async () => {
    const engine = tf.engine() as unknown as { backendInstance?: unknown };
    expect(engine.backendInstance).toBeUndefined(); // nothing started yet: the test can fail
    const bundle = await loadDefaultModel();
    expect(tf.getBackend()).toBe('wasm');
    const samples = Float32Array.from({ length: 32000 }, (_, i) => 0.3 * Math.sin(i / 9) * Math.sin(i / 2500));
    const result = predict(bundle, samples, 16000);
    const total = Object.values(result.probabilities).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 5);
    bundle.model.dispose();
  });

  it('keeps a backend chosen earlier', async () => {
    await tf.setBackend('cpu');
    await ensureBackend();
    expect(tf.getBackend()).toBe('cpu');
  });
});
