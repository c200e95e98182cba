import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/backend/init-backend.js';

/** The method names tfjs-core's own chained-op modules assign (`…prototype.flatten = function …`). */
function chainedOpNames(): string[] {
  const core = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-core/package.json'));
  const folder = join(core, 'dist', 'public', 'chained_ops');
  const names = readdirSync(folder)
    .filter((f) => f.endsWith('.js'))
    .flatMap((f) =>
      [...readFileSync(join(folder, f), 'utf8').matchAll(/prototype\.(\w+) = function/g)].map((m) => m[1]!),
    );
  return [...new Set(names)].sort();
}

describe('tensor methods (chained ops) without the @tensorflow/tfjs umbrella', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'cpu', strict: true });
  });

  it('registers every method tfjs-core defines as a chained op', () => {
    const names = chainedOpNames();
    expect(names.length).toBeGreaterThan(100);
    const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
    expect(names.filter((name) => typeof proto[name] !== 'function')).toEqual([]);
  });

  it('computes what the ops compute', () => {
    // The methods have no TypeScript declarations without the umbrella's chained-op modules.
    const x = tf.tensor2d([
      [1, -2],
      [3, -4],
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
    ]) as any;
    expect(x.flatten().arraySync()).toEqual([1, -2, 3, -4]);
    expect(x.square().sum().arraySync()).toBe(30);
    expect(x.transpose().arraySync()).toEqual([
      [1, 3],
      [-2, -4],
    ]);
    expect(x.stridedSlice([0], [4], [3]).shape).toEqual([1, 2]);
    expect(x.reshape([4]).sign().arraySync()).toEqual([1, -1, 1, -1]);
    expect(x.concat(x, 0).shape).toEqual([4, 2]);
    expect(x.stack([x, x]).shape).toEqual([3, 2, 2]);
    const mask = tf.tensor2d(
      [
        [1, 0],
        [0, 1],
      ],
      undefined,
      'bool',
    );
    expect(x.where(mask, tf.zerosLike(x)).arraySync()).toEqual([
      [1, 0],
      [0, -4],
    ]);
    expect(x.toInt().dtype).toBe('int32');
    expect(() => x.asScalar()).toThrow(/1 element/);
    x.dispose();
    expect(() => x.flatten()).toThrow(/disposed/);
  });

  it('lets tfjs-layers build an LSTM (its Orthogonal initializer calls rMat.flatten())', async () => {
    const tfl = await import('@tensorflow/tfjs-layers');
    const weights = tfl.initializers.orthogonal({ seed: 1 }).apply([4, 4]);
    const gram = tf.matMul(weights, weights, true, false);
    const identity = tf.eye(4);
    expect(tf.max(tf.abs(tf.sub(gram, identity))).arraySync()).toBeLessThan(1e-5);
  });
});
