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
    // stock tfjs-backend-wasm has all of these but Conv2DBackpropFilter: each must be the one we register,
    // which carries the package's mark (src/backend/register-wasm-kernels.ts)
    const ours = Symbol.for('@ser/models wasm kernel');
    for (const kernel of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul', 'Tile']) {
      const config = tf.getKernel(kernel, 'wasm') as unknown as Record<symbol, unknown> | undefined;
      expect(config?.[ours], kernel).toBe(true);
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
