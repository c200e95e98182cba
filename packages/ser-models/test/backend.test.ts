import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/backend/init-backend.js';
import { ModelError } from '../src/errors.js';

describe('initBackend', () => {
  afterAll(async () => {
    await initBackend({ prefer: 'wasm' });
  });

  it('starts wasm with SIMD and one thread and registers the training kernels', async () => {
    const info = await initBackend({ prefer: 'wasm', strict: true });
    expect(info).toEqual({ name: 'wasm', simd: true, threads: 1 });
    expect(tf.getBackend()).toBe('wasm');
    for (const kernel of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul', 'Tile']) {
      expect(tf.getKernel(kernel, 'wasm'), kernel).toBeDefined();
    }
  });

  it('falls back when tfjs-node is not installed, and fails clearly when strict', async () => {
    let hasTfjsNode = true;
    try {
      await import('@tensorflow/tfjs-node' as string);
    } catch {
      hasTfjsNode = false;
    }
    const info = await initBackend({ prefer: 'tensorflow' });
    expect(info.name).toBe(hasTfjsNode ? 'tensorflow' : 'wasm');
    if (!hasTfjsNode) {
      const error = await initBackend({ prefer: 'tensorflow', strict: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelError);
      expect((error as ModelError).code).toBe('BACKEND_UNAVAILABLE');
    }
  });

  it('can run on the plain cpu backend', async () => {
    expect(await initBackend({ prefer: 'cpu', strict: true })).toEqual({ name: 'cpu', simd: false, threads: 1 });
    expect(tf.getBackend()).toBe('cpu');
  });
});
