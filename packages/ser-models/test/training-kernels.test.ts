import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '../src/backend/init-backend.js';
import { on, randomValues, relativeMaxDiff } from './helpers/compare.js';
import { broadcastPlan } from '../src/backend/wasm-kernels/elementwise.js';
import { winogradMatrices } from '../src/backend/wasm-kernels/winograd.js';

describe('Winograd matrices', () => {
  it.each([3, 5, 7])(
    'F(m, %i) computes the correlation of a tile exactly (float64 check of the float32 matrices)',
    (r) => {
      const w = winogradMatrices(r);
      const alpha = 8;
      const d = Array.from(randomValues(alpha, r), Number);
      const g = Array.from(randomValues(r, r + 10), Number);
      const gg = Array.from({ length: alpha }, (_, i) =>
        g.reduce((s, gk, k) => s + w.filterTransform[i * r + k]! * gk, 0),
      );
      const bd = Array.from({ length: alpha }, (_, i) =>
        d.reduce((s, dj, j) => s + w.inputTransform[i * alpha + j]! * dj, 0),
      );
      for (let j = 0; j < w.m; j++) {
        const y = Array.from({ length: alpha }, (_, i) => w.outputTransform[j * alpha + i]! * gg[i]! * bd[i]!).reduce(
          (a, b) => a + b,
          0,
        );
        const direct = g.reduce((s, gk, k) => s + gk * d[j + k]!, 0);
        expect(Math.abs(y - direct)).toBeLessThan(1e-5);
      }
    },
  );
});

describe('broadcastPlan', () => {
  it('merges runs of dimensions with the same pattern and gives each side its strides', () => {
    expect(broadcastPlan([64, 75, 128], [64, 1, 128])).toEqual({
      outShape: [64, 75, 128],
      sizes: [64, 75, 128],
      aStrides: [9600, 128, 1],
      bStrides: [128, 0, 1],
    });
    expect(broadcastPlan([2, 3, 4], [4])).toEqual({
      outShape: [2, 3, 4],
      sizes: [6, 4],
      aStrides: [4, 1],
      bStrides: [0, 1],
    });
    expect(broadcastPlan([], [5])).toEqual({ outShape: [5], sizes: [5], aStrides: [0], bStrides: [1] });
    expect(broadcastPlan([0, 3], [3])).toBeNull();
  });
});

describe('training-kernel module on the wasm backend = cpu backend', () => {
  beforeAll(async () => {
    const info = await initBackend({ prefer: 'wasm', strict: true });
    expect(info.name).toBe('wasm');
    // The module kernels must be the ones registered (a silent fallback would make these tests vacuous).
    const conv = tf.getKernel('Conv2D', 'wasm') as unknown as Record<symbol, boolean>;
    expect(conv[Symbol.for('@ser/models wasm module kernel')]).toBe(true);
  });

  // [batch, length, in, out, taps, padding]: Winograd for 2–7 taps (blocks spanning samples, partial last tiles), in
  // chunks for longer filters (8 taps: 2 × 4; 11 taps: 3 × 4 with a zero tap), the direct path (1 tap, and channel
  // counts the transforms cannot vectorise), and the fallback kernels.
  const convCases: Array<[number, number, number, number, number, 'same' | 'valid']> = [
    [3, 300, 8, 16, 5, 'same'],
    [2, 37, 12, 8, 5, 'same'],
    [5, 61, 4, 12, 3, 'same'],
    [2, 50, 8, 4, 7, 'valid'],
    [2, 23, 16, 8, 5, 'valid'],
    [130, 9, 4, 8, 3, 'same'],
    [2, 180, 1, 16, 8, 'same'],
    [3, 45, 16, 24, 8, 'same'],
    [2, 30, 8, 12, 4, 'valid'],
    [2, 17, 6, 10, 1, 'same'],
    [2, 40, 6, 10, 5, 'same'],
    [3, 90, 16, 8, 8, 'same'],
    [2, 41, 8, 12, 11, 'same'],
    [2, 33, 4, 8, 6, 'valid'],
    [2, 25, 8, 4, 2, 'same'],
  ];

  it.each(convCases)(
    'conv1d forward, input and filter gradients: batch %i, length %i, %i → %i channels, %i taps, %s',
    async (n, t, cin, cout, taps, pad) => {
      const xv = randomValues(n * t * cin, 1);
      const wv = randomValues(taps * cin * cout, 2);
      const run = () => {
        const x = tf.tensor3d(xv, [n, t, cin]);
        const w = tf.tensor3d(wv, [taps, cin, cout]);
        const y = tf.conv1d(x, w, 1, pad);
        const dyv = tf.tensor(randomValues(y.size, 3), y.shape);
        const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, 1, pad), dyv)),
        )([x, w]);
        return [y, dx!, dw!];
      };
      expect(relativeMaxDiff(await on('wasm', run), await on('cpu', run))).toBeLessThanOrEqual(2e-5);
    },
  );

  it.each([
    { a: [64, 75, 16], b: [64, 1, 16] },
    { a: [4, 6, 8], b: [8] },
    { a: [5, 7], b: [5, 1] },
    { a: [3, 1, 5], b: [1, 4, 1] },
    { a: [], b: [9] },
    { a: [10, 3], b: [] },
    { a: [2, 3, 4, 5], b: [2, 1, 4, 1] },
  ])('binary operations with broadcasting: $a ∘ $b', async ({ a, b }) => {
    const av = randomValues(
      a.reduce((p, q) => p * q, 1),
      4,
    );
    const bv = randomValues(
      b.reduce((p, q) => p * q, 1),
      5,
    ).map((v) => v + Math.sign(v) * 0.5);
    const run = () => {
      const x = tf.tensor(av, a);
      const y = tf.tensor(bv, b);
      return [tf.add(x, y), tf.sub(x, y), tf.mul(x, y), tf.div(x, y), tf.maximum(x, y), tf.minimum(x, y), tf.sub(y, x)];
    };
    expect(relativeMaxDiff(await on('wasm', run), await on('cpu', run))).toBeLessThanOrEqual(1e-6);
  });

  it('unary operations (Relu, Step, Neg, Square, Sqrt) and their gradients', async () => {
    const xv = randomValues(1003, 6);
    const run = () => {
      const x = tf.tensor1d(xv);
      const f = (v: tf.Tensor) => tf.sum(tf.add(tf.add(tf.relu(v), tf.neg(tf.square(v))), tf.sqrt(tf.abs(v))));
      return [tf.relu(x), tf.step(x, 0.3), tf.neg(x), tf.square(x), tf.sqrt(tf.abs(x)), tf.grad(f)(x)];
    };
    expect(relativeMaxDiff(await on('wasm', run), await on('cpu', run))).toBeLessThanOrEqual(1e-6);
  });

  it.each([
    { shape: [64, 30, 8], axis: [0, 1], keepDims: false },
    { shape: [64, 30, 8], axis: [0, 1], keepDims: true },
    { shape: [4, 30, 7], axis: [1], keepDims: false },
    { shape: [4, 30, 7], axis: [2], keepDims: true },
    { shape: [6, 5], axis: [0, 1], keepDims: false },
    { shape: [3, 4, 5, 6], axis: [1, 2], keepDims: false },
    { shape: [3, 4, 5], axis: [0, 2], keepDims: false },
  ])('Sum and Mean over $axis of $shape (keepDims $keepDims)', async ({ shape, axis, keepDims }) => {
    const xv = randomValues(
      shape.reduce((p, q) => p * q, 1),
      7,
    );
    const run = () => {
      const x = tf.tensor(xv, shape);
      return [tf.sum(x, axis, keepDims), tf.mean(x, axis, keepDims)];
    };
    expect(relativeMaxDiff(await on('wasm', run), await on('cpu', run))).toBeLessThanOrEqual(1e-5);
  });

  it.each([
    { shape: [3, 40, 8], pool: 2, stride: 2 },
    { shape: [2, 41, 12], pool: 4, stride: 4 },
    { shape: [2, 20, 4], pool: 3, stride: 1 },
  ])('MaxPooling1D forward and gradient: $shape, pool $pool, stride $stride', async ({ shape, pool, stride }) => {
    const xv = randomValues(
      shape.reduce((p, q) => p * q, 1),
      8,
    );
    // ties: the gradient must go to the first maximum of each window, as on cpu
    for (let i = 0; i + 1 < xv.length; i += 7) xv[i + shape[2]!] = xv[i]!;
    const layer = tfl.layers.maxPooling1d({ poolSize: pool, strides: stride });
    const run = () => {
      const x = tf.tensor3d(xv, shape as [number, number, number]);
      const y = layer.apply(x) as tf.Tensor;
      const dy = tf.tensor(randomValues(y.size, 9), y.shape);
      const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(layer.apply(v) as tf.Tensor, dy)))(x);
      return [y, dx];
    };
    expect(relativeMaxDiff(await on('wasm', run), await on('cpu', run))).toBeLessThanOrEqual(1e-6);
  });

  it('FusedBatchNorm with and without offset and scale', async () => {
    const xv = randomValues(6 * 10 * 12, 10);
    const stats = [11, 12, 13, 14].map((s) => randomValues(12, s));
    const run = () => {
      const x = tf.tensor3d(xv, [6, 10, 12]);
      const [mean, v, offset, scale] = stats.map((s) => tf.tensor1d(s));
      const variance = tf.abs(v!);
      return [
        tf.batchNorm(x, mean!, variance, offset, scale, 1e-3),
        tf.batchNorm(x, mean!, variance, undefined, undefined, 1e-3),
      ];
    };
    expect(relativeMaxDiff(await on('wasm', run), await on('cpu', run))).toBeLessThanOrEqual(1e-5);
  });

  it('Identity and same-dtype Cast share the values without copying, and disposing one leaves the other intact', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    const z = tf.cast(x, 'float32');
    const w = tf.cast(x, 'int32');
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3]);
    y.dispose();
    expect(Array.from(await z.data())).toEqual([1, 2, 3]);
    expect(w.dtype).toBe('int32');
    z.dispose();
    w.dispose();
  });

  it('tfl.layers BatchNormalization in training runs one fused kernel and matches cpu: output, gradients, moving statistics', async () => {
    const xv = randomValues(5 * 30 * 8, 15).map((v, i) => v * 3 + (i % 8));
    const run = () => {
      const layer = tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-3 });
      const x = tf.tensor3d(xv, [5, 30, 8]);
      layer.build(x.shape);
      layer.setWeights([
        tf.tensor1d(randomValues(8, 16)),
        tf.tensor1d(randomValues(8, 17)),
        tf.tensor1d(randomValues(8, 18)),
        tf.abs(tf.tensor1d(randomValues(8, 19))),
      ]);
      const dy = tf.tensor(randomValues(5 * 30 * 8, 20), [5, 30, 8]);
      const loss = (v: tf.Tensor) => tf.sum(tf.mul(layer.apply(v, { training: true }) as tf.Tensor, dy)) as tf.Scalar;
      const y = layer.apply(x, { training: true }) as tf.Tensor;
      const { value, grads } = tf.variableGrads(
        () => loss(x),
        layer.trainableWeights.map((w) => w.read() as tf.Variable),
      );
      const dx = tf.grad(loss)(x);
      return [y, value, dx, ...Object.values(grads), ...layer.getWeights().slice(2)];
    };
    await tf.setBackend('wasm');
    const profile = await tf.profile(() =>
      tf.tidy(() => {
        const layer = tfl.layers.batchNormalization();
        return layer.apply(tf.ones([2, 3, 4]), { training: true }) as tf.Tensor;
      }),
    );
    expect(profile.kernels.map((k) => k.name)).toContain('SerBatchNormTraining');
    expect(relativeMaxDiff(await on('wasm', run), await on('cpu', run))).toBeLessThanOrEqual(1e-5);
  });

  it.each([
    { recurrentActivation: 'hardSigmoid' as const, returnSequences: true, steps: 7 },
    { recurrentActivation: 'hardSigmoid' as const, returnSequences: false, steps: 5 },
    { recurrentActivation: 'sigmoid' as const, returnSequences: false, steps: 2 },
  ])(
    'tfl.layers LSTM runs as one fused kernel and matches cpu: $recurrentActivation gates, returnSequences $returnSequences, $steps steps',
    async ({ recurrentActivation, returnSequences, steps }) => {
      const xv = randomValues(3 * steps * 16, 21);
      const run = () => {
        const layer = tfl.layers.lstm({
          units: 8,
          recurrentActivation,
          returnSequences,
          kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
          recurrentInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
          biasInitializer: tfl.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 3 }),
        });
        const x = tf.tensor3d(xv, [3, steps, 16]);
        const y = layer.apply(x) as tf.Tensor;
        const dy = tf.tensor(randomValues(y.size, 22), y.shape);
        const loss = () => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, dy)) as tf.Scalar;
        const { grads } = tf.variableGrads(
          loss,
          layer.trainableWeights.map((w) => w.read() as tf.Variable),
        );
        const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(layer.apply(v) as tf.Tensor, dy)))(x);
        return [y, dx, ...layer.trainableWeights.map((w) => grads[(w.read() as tf.Variable).name]!)];
      };
      await tf.setBackend('wasm');
      const profile = await tf.profile(() =>
        tf.tidy(() => tfl.layers.lstm({ units: 8 }).apply(tf.ones([2, 3, 8])) as tf.Tensor),
      );
      expect(profile.kernels.map((k) => k.name)).toContain('SerLstm');
      expect(relativeMaxDiff(await on('wasm', run), await on('cpu', run))).toBeLessThanOrEqual(1e-5);
    },
  );
});
