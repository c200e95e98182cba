import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/backend/init-backend.js';
import { on, randomValues, relativeMaxDiff } from './helpers/compare.js';

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: [number, number];
  pad: 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
  dataFormat: 'NHWC' | 'NCHW';
}

const cases: Case[] = [
  { x: [2, 1, 180, 1], filter: [1, 8, 1, 16], strides: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  { x: [3, 1, 45, 32], filter: [1, 8, 32, 24], strides: [1, 1], pad: 'same', dataFormat: 'NHWC' },
  { x: [2, 1, 37, 5], filter: [1, 4, 5, 7], strides: [1, 2], pad: 'valid', dataFormat: 'NHWC' },
  { x: [2, 9, 11, 3], filter: [3, 3, 3, 4], strides: [2, 2], pad: 'same', dataFormat: 'NHWC' },
  { x: [1, 10, 7, 2], filter: [2, 5, 2, 3], strides: [1, 3], pad: 'valid', dataFormat: 'NHWC' },
  {
    x: [2, 8, 9, 3],
    filter: [3, 3, 3, 2],
    strides: [1, 1],
    pad: [
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 0],
    ],
    dataFormat: 'NHWC',
  },
  { x: [2, 3, 8, 9], filter: [3, 2, 3, 4], strides: [2, 1], pad: 'same', dataFormat: 'NCHW' },
];

describe('wasm training kernels', () => {
  beforeAll(async () => {
    const info = await initBackend({ prefer: 'wasm', strict: true });
    expect(info.name).toBe('wasm');
  });

  it.each(cases)(
    'Conv2DBackpropFilter matches the cpu backend: x $x, filter $filter, strides $strides, pad $pad, $dataFormat',
    async (c) => {
      const xValues = randomValues(
        c.x.reduce((a, b) => a * b),
        1,
      );
      // Output shape from a forward pass on cpu.
      await tf.setBackend('cpu');
      const xForShape = tf.tensor4d(xValues, c.x);
      const forward = tf.conv2d(xForShape, tf.zeros(c.filter) as tf.Tensor4D, c.strides, c.pad, c.dataFormat);
      const dyShape = forward.shape;
      tf.dispose([xForShape, forward]);
      const dyValues = randomValues(
        dyShape.reduce((a, b) => a * b),
        2,
      );
      const run = () =>
        tf
          .engine()
          .runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(xValues, c.x), dy: tf.tensor(dyValues, dyShape) }, {
            strides: c.strides,
            pad: c.pad,
            dataFormat: c.dataFormat,
            dimRoundingMode: undefined,
            filterShape: c.filter,
          } as unknown as tf.NamedAttrMap) as tf.Tensor;
      const reference = await on('cpu', run);
      const ours = await on('wasm', run);
      expect(relativeMaxDiff(ours, reference)).toBeLessThanOrEqual(1e-4);
    },
  );

  it.each(cases)(
    'Conv2DBackpropInput matches the cpu backend: x $x, filter $filter, strides $strides, pad $pad, $dataFormat',
    async (c) => {
      await tf.setBackend('cpu');
      const forward = tf.conv2d(
        tf.zeros(c.x) as tf.Tensor4D,
        tf.zeros(c.filter) as tf.Tensor4D,
        c.strides,
        c.pad,
        c.dataFormat,
      );
      const dyShape = forward.shape;
      forward.dispose();
      const dyValues = randomValues(
        dyShape.reduce((a, b) => a * b),
        9,
      );
      const filterValues = randomValues(
        c.filter.reduce((a, b) => a * b),
        10,
      );
      const run = () =>
        tf
          .engine()
          .runKernel(
            'Conv2DBackpropInput',
            { dy: tf.tensor(dyValues, dyShape), filter: tf.tensor4d(filterValues, c.filter) },
            {
              strides: c.strides,
              pad: c.pad,
              dataFormat: c.dataFormat,
              dimRoundingMode: undefined,
              inputShape: c.x,
            } as unknown as tf.NamedAttrMap,
          ) as tf.Tensor;
      const reference = await on('cpu', run);
      const ours = await on('wasm', run);
      expect(relativeMaxDiff(ours, reference)).toBeLessThanOrEqual(1e-4);
    },
  );

  it('Conv2DBackpropFilter honours a dilations attribute (checked against a direct sum)', async () => {
    const [n, h, w, cin, fh, fw, cout, dh, dw] = [2, 7, 12, 3, 2, 3, 4, 2, 3];
    const outH = h - (fh - 1) * dh;
    const outW = w - (fw - 1) * dw;
    const x = randomValues(n * h * w * cin, 3);
    const dy = randomValues(n * outH * outW * cout, 4);
    const expected = new Float32Array(fh * fw * cin * cout);
    for (let a = 0; a < fh; a++)
      for (let b = 0; b < fw; b++)
        for (let c = 0; c < cin; c++)
          for (let o = 0; o < cout; o++) {
            let sum = 0;
            for (let bi = 0; bi < n; bi++)
              for (let i = 0; i < outH; i++)
                for (let j = 0; j < outW; j++) {
                  sum +=
                    x[((bi * h + i + a * dh) * w + j + b * dw) * cin + c]! *
                    dy[((bi * outH + i) * outW + j) * cout + o]!;
                }
            expected[((a * fw + b) * cin + c) * cout + o] = sum;
          }
    const ours = await on(
      'wasm',
      () =>
        tf.engine().runKernel(
          'Conv2DBackpropFilter',
          { x: tf.tensor4d(x, [n, h, w, cin]), dy: tf.tensor4d(dy, [n, outH, outW, cout]) },
          {
            strides: [1, 1],
            pad: 'valid',
            dataFormat: 'NHWC',
            filterShape: [fh, fw, cin, cout],
            dilations: [dh, dw],
          },
        ) as tf.Tensor,
    );
    expect(relativeMaxDiff(ours, expected)).toBeLessThanOrEqual(1e-4);
  });

  it.each([
    { a: [5, 7], b: [5, 3], transposeA: true, transposeB: false },
    { a: [4, 6], b: [9, 6], transposeA: false, transposeB: true },
    { a: [2, 6, 4], b: [2, 5, 6], transposeA: true, transposeB: true },
    { a: [3, 64, 40], b: [3, 64, 33], transposeA: true, transposeB: false },
  ])(
    'BatchMatMul with transposed operands matches the cpu backend: $a x $b tA=$transposeA tB=$transposeB',
    async (c) => {
      const av = randomValues(
        c.a.reduce((p, q) => p * q),
        5,
      );
      const bv = randomValues(
        c.b.reduce((p, q) => p * q),
        6,
      );
      const run = () => tf.matMul(tf.tensor(av, c.a), tf.tensor(bv, c.b), c.transposeA, c.transposeB);
      expect(relativeMaxDiff(await on('wasm', run), await on('cpu', run))).toBeLessThanOrEqual(1e-4);
    },
  );

  it.each([
    { shape: [1, 1, 1, 5], reps: [2, 3, 4, 1], dtype: 'float32' as const },
    { shape: [2, 3], reps: [3, 2], dtype: 'int32' as const },
    { shape: [4], reps: [3], dtype: 'float32' as const },
    { shape: [2, 1, 3], reps: [1, 4, 2], dtype: 'bool' as const },
  ])('Tile matches the cpu backend: $shape by $reps ($dtype)', async (c) => {
    const values = Array.from(
      randomValues(
        c.shape.reduce((a, b) => a * b),
        11,
      ),
      (v) => (c.dtype === 'float32' ? v : v > 0 ? 1 : 0),
    );
    const run = () => tf.cast(tf.tile(tf.tensor(values, c.shape, c.dtype), c.reps), 'float32');
    expect(Array.from(await on('wasm', run))).toEqual(Array.from(await on('cpu', run)));
  });

  it.each([
    { x: [2, 1, 180, 5], pool: [1, 2], strides: [1, 2], pad: 'valid' as const },
    { x: [3, 1, 45, 4], pool: [1, 4], strides: [1, 4], pad: 'valid' as const },
    { x: [2, 7, 9, 3], pool: [3, 3], strides: [2, 2], pad: 'same' as const },
    { x: [1, 6, 11, 2], pool: [2, 3], strides: [1, 2], pad: 'valid' as const },
  ])('MaxPoolGrad matches the cpu backend: x $x, pool $pool, strides $strides, pad $pad', async (c) => {
    const xv = randomValues(
      c.x.reduce((a, b) => a * b),
      12,
    );
    const grads = () => {
      const g = tf.grad((x: tf.Tensor) =>
        tf.sum(
          tf.square(tf.maxPool(x as tf.Tensor4D, c.pool as [number, number], c.strides as [number, number], c.pad)),
        ),
      );
      return g(tf.tensor4d(xv, c.x as [number, number, number, number]));
    };
    expect(relativeMaxDiff(await on('wasm', grads), await on('cpu', grads))).toBeLessThanOrEqual(1e-4);
  });

  it('Conv1D weight and input gradients on wasm match the cpu backend', async () => {
    const xv = randomValues(4 * 50 * 6, 7);
    const wv = randomValues(8 * 6 * 5, 8);
    const grads = () => {
      const g = tf.grads((x: tf.Tensor, w: tf.Tensor) =>
        tf.sum(tf.square(tf.conv1d(x as tf.Tensor3D, w as tf.Tensor3D, 2, 'same'))),
      );
      const [dx, dw] = g([tf.tensor3d(xv, [4, 50, 6]), tf.tensor3d(wv, [8, 6, 5])]);
      return tf.concat([tf.reshape(dx!, [-1]), tf.reshape(dw!, [-1])]);
    };
    expect(relativeMaxDiff(await on('wasm', grads), await on('cpu', grads))).toBeLessThanOrEqual(1e-4);
  });
});
