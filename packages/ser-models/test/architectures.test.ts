import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '../src/backend/init-backend.js';
import {
  cnnLstm,
  describeModel,
  mlp,
  ogCnn,
  paperCnn,
  plotModel,
  type Architecture,
} from '../src/architectures/index.js';
import { ModelError } from '../src/errors.js';

/** A small learnable problem: class = argmax of a few fixed projections, plus noise. */
function toyBatch(n: number, shape: number[], classes: number, seed = 1) {
  let s = seed;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5;
  const size = shape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(n * size).map(rand);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % classes;
    for (let j = 0; j < size; j += classes) x[i * size + j + labels[i]!]! += 1.5;
  }
  return { x: tf.tensor(x, [n, ...shape]), y: tf.oneHot(tf.tensor1d(labels, 'int32'), classes) };
}

const cases: Array<[string, Architecture, number[]]> = [
  ['ogCnn', ogCnn, [180, 1]],
  ['paperCnn', paperCnn, [180, 1]],
  ['cnnLstm', cnnLstm, [96, 16]],
  ['mlp', mlp, [180]],
];

describe('architectures', () => {
  beforeAll(async () => {
    expect((await initBackend({ prefer: 'wasm', strict: true })).name).toBe('wasm');
  });

  it.each(cases)('%s builds, trains a few steps on wasm and its loss falls', async (name, build, shape) => {
    const model = build({ inputShape: shape, numClasses: 4, seed: 3 });
    expect(model.outputs[0]!.shape).toEqual([null, 4]);
    const { x, y } = toyBatch(16, shape, 4);
    const losses: number[] = [];
    for (let step = 0; step < 8; step++) {
      const out = await model.trainOnBatch(x, y);
      losses.push(Array.isArray(out) ? out[0]! : out);
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]!);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('ogCnn follows 180 → 90 → 45 → 11 → 2 and flattens 2 × 64 values', () => {
    const model = ogCnn({ inputShape: [180, 1], numClasses: 7 });
    const pools = model.layers
      .filter((l) => l.getClassName() === 'MaxPooling1D')
      .map((l) => (l.outputShape as number[])[1]);
    expect(pools).toEqual([90, 45, 11, 2]);
    const flatten = model.layers.find((l) => l.getClassName() === 'Flatten');
    expect(flatten?.outputShape).toEqual([null, 128]);
    expect(() => ogCnn({ inputShape: [40, 1], numClasses: 7 })).toThrow(ModelError);
  });

  it('cnnLstm runs its LSTMs over a real sequence (length > 1)', () => {
    const model = cnnLstm({ inputShape: [300, 64], numClasses: 7 });
    const lstms = model.layers.filter((l) => l.getClassName() === 'LSTM');
    expect(lstms).toHaveLength(2);
    const inputSteps = (model.layers[model.layers.indexOf(lstms[0]!) - 1]!.outputShape as number[])[1];
    expect(inputSteps).toBe(18);
    expect(inputSteps).toBeGreaterThan(1);
    expect(lstms[0]!.outputShape as number[]).toEqual([null, 18, 64]);
    expect(() => cnnLstm({ inputShape: [20, 64], numClasses: 7 })).toThrow(/need ≥ 32 frames/);
  });

  it('rejects bad hyperparameters and options with a ModelError', () => {
    expect(() => mlp({ inputShape: [180], numClasses: 7, hyperparameters: { dropout_1: 1.2 } })).toThrow(/dropout_1/);
    // An mlp setting is not silently applied to another architecture's names, nor unknown names ignored.
    expect(() => mlp({ inputShape: [180], numClasses: 7, hyperparameters: { units_2: 64, dropout_4: 0.1 } })).toThrow(
      /mlp: units_2, dropout_4 are not hyperparameters of mlp \(it has units_0, units_1, dropout_1, dropout_2, learning_rate\)/,
    );
    expect(() => mlp({ inputShape: [180], numClasses: 1 })).toThrow(ModelError);
    expect(() => ogCnn({ inputShape: [180], numClasses: 7 })).toThrow(/2 axes/);
  });

  it('seeded builds are identical; different seeds differ', () => {
    const a = mlp({ inputShape: [20], numClasses: 3, seed: 7 })
      .getWeights()[0]!
      .dataSync();
    const b = mlp({ inputShape: [20], numClasses: 3, seed: 7 })
      .getWeights()[0]!
      .dataSync();
    const c = mlp({ inputShape: [20], numClasses: 3, seed: 8 })
      .getWeights()[0]!
      .dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('describeModel prints a Keras-style summary with correct totals', () => {
    const model = mlp({ inputShape: [180], numClasses: 7 });
    const text = describeModel(model);
    // Dense 180→256 (46 336) + BN 256 (1024) + Dense 256→128 (32 896) + BN 128 (512) + Dense 128→7 (903)
    expect(text).toContain('Total params: 81,671');
    expect(text).toContain('Non-trainable params: 768');
    expect(text).toMatch(/dense_\w+ \(Dense\)\s+\(None, 256\)\s+46336/);
  });

  it('plotModel draws skip connections of functional models as curves', () => {
    const input = tfl.input({ shape: [16] });
    const a = tfl.layers.dense({ units: 16, name: 'first' }).apply(input) as tfl.SymbolicTensor;
    const b = tfl.layers.dense({ units: 16, name: 'second' }).apply(a) as tfl.SymbolicTensor;
    const sum = tfl.layers.add({ name: 'skip_sum' }).apply([a, b]) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 3, activation: 'softmax', name: 'head' }).apply(sum) as tfl.SymbolicTensor;
    const svg = plotModel(tfl.model({ inputs: input, outputs: out }));
    expect(svg.match(/<path d="M[^"]*" fill="none"/g)).toHaveLength(1); // first → skip_sum skips over 'second'
    expect(svg).toContain('skip_sum: Add');
  });

  it('fits long layer names: the summary columns line up and the SVG boxes hold their text', () => {
    const input = tfl.input({ shape: [8] });
    const long = 'a_layer_name_much_longer_than_the_summary_column_and_the_default_box';
    const hidden = tfl.layers.dense({ units: 4, name: long }).apply(input) as tfl.SymbolicTensor;
    const out = tfl.layers.dense({ units: 3, name: 'head' }).apply(hidden) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: out });
    const rows = describeModel(model)
      .split('\n')
      .filter((row) => /\((InputLayer|Dense)\)/.test(row));
    expect(rows).toHaveLength(3);
    // the Output Shape column starts at the header's column in every row, however long the name before it
    const header = describeModel(model)
      .split('\n')
      .find((row) => row.includes('Output Shape'))!;
    for (const row of rows) expect(row.indexOf('(None,'), row).toBe(header.indexOf('Output Shape'));
    expect(rows.find((row) => row.includes(long))).toMatch(new RegExp(`${long} \\(Dense\\)\\s+\\(None, 4\\)\\s+36$`));
    const svg = plotModel(model);
    const boxWidth = Number(/<rect x="\d+" y="\d+" width="(\d+)"/.exec(svg)![1]);
    // 13-px bold text is at most 0.65 em a character; the box must hold the longest title with a margin
    expect(boxWidth).toBeGreaterThanOrEqual(`${long}: Dense`.length * 13 * 0.65);
    expect(Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1])).toBeGreaterThan(boxWidth);
    model.dispose();
  });

  it('plotModel draws one box per layer and the arrows between them', () => {
    const model = ogCnn({ inputShape: [180, 1], numClasses: 7 });
    const svg = plotModel(model);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect /g)).toHaveLength(model.layers.length);
    expect(svg.match(/<line /g)).toHaveLength(model.layers.length - 1);
    expect(svg).toContain('(None, 2, 64)');
  });
});
