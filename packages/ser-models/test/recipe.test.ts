/** The default-model recipe's pieces: AdamW, one-cycle, attention + std pooling, attentionCnn, frame augmentation. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '../src/backend/init-backend.js';
import { AdamW } from '../src/training/optimizers/adamw.js';
import { oneCycle } from '../src/training/learning-rate-schedule.js';
import { AttentionStdPooling, FrameCmvn } from '../src/architectures/layers/index.js';
import { meanVarianceNormalizeFrames } from '@ser/audio-features';
import { attentionCnn } from '../src/architectures/attention-cnn.js';
import { calibratedAttentionCnn } from '../src/architectures/calibrated-attention-cnn.js';
import { averageModels } from '../src/architectures/average-models.js';
import { cropAndWrap, frameAugmentation } from '../src/augment/frame-augmentation.js';
import { modelFromFiles, modelToFiles } from '../src/io/model-files.js';
import { shardGradients } from '../src/training/gradient-step.js';
import { trainModel } from '../src/training/train-model.js';
import { createRandom } from '../src/random.js';

function randomValues(n: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: n }, () => random() * 2 - 1);
}

describe('recipe pieces', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true });
  });

  it.each(['wasm', 'cpu'])(
    'AdamW on %s reproduces torch.optim.AdamW (3 steps, lr 0.01, weight decay 0.01)',
    async (backend) => {
      await tf.setBackend(backend);
      const w = tf.variable(tf.tensor1d([0.5, -1.2, 3.0, 0.0, 2.5]), true, `adamw-test-${backend}`);
      const optimizer = new AdamW({ learningRate: 0.01, weightDecay: 0.01 });
      for (const g of [
        [0.1, -0.2, 0.3, 1.0, -0.5],
        [0.05, 0.2, -0.1, 0.5, 0.0],
        [-0.3, 0.1, 0.2, -1.0, 0.25],
      ]) {
        tf.tidy(() => optimizer.applyGradients({ [w.name]: tf.tensor1d(g) }));
      }
      // torch 1.13: AdamW([w], lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01), same gradients
      const torch = [
        0.48400336503982544, -1.1926826238632202, 2.979069709777832, -0.020426694303750992, 2.5177202224731445,
      ];
      const got = Array.from(await w.data());
      got.forEach((v, i) => expect(Math.abs(v - torch[i]!)).toBeLessThan(2e-6));
      expect(optimizer.iterationsTaken).toBe(3);
      optimizer.dispose();
      w.dispose();
      await tf.setBackend('wasm');
    },
  );

  it("oneCycle gives PyTorch OneCycleLR's learning rate and β1 (max 2e-3, 100 steps)", () => {
    const schedule = oneCycle({ maxLearningRate: 2e-3 });
    // torch.optim.lr_scheduler.OneCycleLR(AdamW(...), 2e-3, total_steps=100): (step, lr, beta1)
    const torch: Array<[number, number, number]> = [
      [0, 8e-5, 0.95],
      [1, 8.562756113181485e-5, 0.9497068978577179],
      [10, 0.0005903278969282015, 0.9234204220349895],
      [28, 0.001994372438868185, 0.850293102142282],
      [29, 0.002, 0.85],
      [30, 0.0019989930705690486, 0.8500503466729342],
      [50, 0.0015877869011514639, 0.8706107373853763],
      [98, 1.0149294309515757e-6, 0.9499496533270657],
      [99, 8e-9, 0.95],
    ];
    for (const [step, lr, beta1] of torch) {
      const v = schedule.at(step, 100);
      expect(v.learningRate).toBeCloseTo(lr, 12);
      expect(v.beta1!).toBeCloseTo(beta1, 12);
    }
  });

  it('AttentionStdPooling is the softmax-weighted mean over frames concatenated with the unbiased std', async () => {
    const layer = new AttentionStdPooling({ seed: 3 });
    const xv = randomValues(2 * 5 * 4, 1);
    const out = tf.tidy(() => layer.apply(tf.tensor3d(xv, [2, 5, 4])) as tf.Tensor);
    expect(out.shape).toEqual([2, 8]);
    const values = await out.data();
    const [kernel, bias] = layer.getWeights().map((w) => w.dataSync());
    for (let b = 0; b < 2; b++) {
      const scores = Array.from(
        { length: 5 },
        (_, t) => bias![0]! + [0, 1, 2, 3].reduce((s, c) => s + xv[(b * 5 + t) * 4 + c]! * kernel![c]!, 0),
      );
      const top = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - top));
      const z = e.reduce((p, q) => p + q, 0);
      for (let c = 0; c < 4; c++) {
        const col = Array.from({ length: 5 }, (_, t) => xv[(b * 5 + t) * 4 + c]!);
        const attended = col.reduce((s, v, t) => s + (v * e[t]!) / z, 0);
        const mean = col.reduce((p, q) => p + q, 0) / 5;
        const std = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / 4 + 1e-5);
        expect(values[b * 8 + c]).toBeCloseTo(attended, 5);
        expect(values[b * 8 + 4 + c]).toBeCloseTo(std, 5);
      }
    }
    out.dispose();
  });

  it('attentionCnn has the recipe shape (≈ 228 k weights), saves and loads with its custom layer, and takes any length', async () => {
    const model = attentionCnn({ inputShape: [300, 64], numClasses: 7, seed: 1 });
    // conv + BN blocks 227 520 (896 of them BN moving statistics) + attention score 129 + Dense(256 → 7) 1 799;
    // the PyTorch reference has the same 228 552 trainable weights
    expect(model.countParams()).toBe(229448);
    expect(model.trainableWeights.reduce((s, w) => s + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0)).toBe(
      228552,
    );
    expect(model.outputs[0]!.shape).toEqual([null, 7]);
    const x = tf.tensor3d(randomValues(2 * 300 * 64, 2), [2, 300, 64]);
    const before = await (model.predict(x) as tf.Tensor).data();
    const loaded = await modelFromFiles(await modelToFiles(model));
    const after = await (loaded.predict(x) as tf.Tensor).data();
    Array.from(after).forEach((v, i) => expect(v).toBeCloseTo(before[i]!, 6));
    // Length independence: the same weights in a model built for 200 frames (2-s chunks).
    const short = attentionCnn({ inputShape: [200, 64], numClasses: 7, seed: 1 });
    short.setWeights(model.getWeights());
    const p = (await (
      short.predict(tf.tensor3d(randomValues(200 * 64, 3), [1, 200, 64])) as tf.Tensor
    ).data()) as Float32Array;
    expect(Array.from(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    tf.dispose([x]);
    [model, loaded, short].forEach((m) => m.dispose());
  });

  it('attentionCnn gradients on wasm (Winograd convolutions, fused batch norm) match the cpu backend', async () => {
    const small = { units_0: 8, units_1: 8, units_2: 8, units_3: 8 };
    const gradientsOn = async (backend: string) => {
      await tf.setBackend(backend);
      const model = attentionCnn({ inputShape: [48, 12], numClasses: 3, hyperparameters: small, seed: 5 });
      const batch = {
        x: randomValues(4 * 48 * 12, 4),
        labels: new Int32Array([0, 1, 2, 1]),
        sampleWeights: new Float32Array(4).fill(1),
        count: 4,
      };
      const { gradients } = shardGradients(model, batch, 4, 3, { labelSmoothing: 0.1 });
      model.dispose();
      return gradients;
    };
    const cpu = await gradientsOn('cpu');
    const wasm = await gradientsOn('wasm');
    cpu.forEach((reference, i) => {
      let scale = 1e-3;
      let diff = 0;
      reference.forEach((v, k) => {
        scale = Math.max(scale, Math.abs(v));
        diff = Math.max(diff, Math.abs(v - wasm[i]![k]!));
      });
      expect(diff / scale, `weight ${i}`).toBeLessThanOrEqual(1e-3);
    });
  });

  it('frameAugmentation rolls each example circularly along time and masks runs of frames and bands', () => {
    const frames = 10;
    const bands = 8;
    const x = Float32Array.from({ length: 2 * frames * bands }, (_, i) => 1 + (Math.floor(i / bands) % frames));
    frameAugmentation({ maxShift: 3, timeMasks: 1, maxTimeWidth: 2, bandMasks: 1, maxBandWidth: 2 })(
      { x, shape: [frames, bands], count: 2 },
      createRandom(9),
    );
    for (let e = 0; e < 2; e++) {
      const rows = Array.from({ length: frames }, (_, t) =>
        Array.from(x.subarray((e * frames + t) * bands, (e * frames + t + 1) * bands)),
      );
      // every unmasked value of a frame is its source frame number: a roll makes consecutive frames differ by 1 mod frames
      const source = rows.map((r) => Math.max(...r));
      const unmasked = source.map((v, t) => [v, t] as const).filter(([v]) => v > 0);
      expect(unmasked.length).toBeGreaterThanOrEqual(frames - 2);
      const shift = (((unmasked[0]![1] - (unmasked[0]![0] - 1)) % frames) + frames) % frames;
      for (const [v, t] of unmasked) expect((((t - shift) % frames) + frames) % frames).toBe(v - 1);
      expect(Math.abs(shift > 5 ? shift - frames : shift)).toBeLessThanOrEqual(3);
      const zeroBands = [...Array(bands).keys()].filter((b) => rows.every((r) => r[b] === 0));
      expect(zeroBands.length).toBeLessThanOrEqual(2);
    }
  });

  it("cropAndWrap repeats a window of frames and keeps each band's mean and spread", () => {
    const frames = 12;
    const bands = 3;
    const x = Float32Array.from(
      { length: frames * bands },
      (_, i) => Math.sin(i * 0.7) * (1 + (i % bands)) + (i % bands),
    );
    const original = Float32Array.from(x);
    cropAndWrap(x, frames, bands, 4, 5, new Float32Array(frames * bands));
    for (let b = 0; b < bands; b++) {
      const band = (d: Float32Array) => Array.from({ length: frames }, (_, t) => d[t * bands + b]!);
      const moments = (v: number[]) => {
        const m = v.reduce((a, c) => a + c, 0) / v.length;
        return [m, Math.sqrt(v.reduce((a, c) => a + (c - m) ** 2, 0) / v.length)];
      };
      const [m0, s0] = moments(band(original));
      const [m1, s1] = moments(band(x));
      expect(m1).toBeCloseTo(m0!, 5);
      expect(s1).toBeCloseTo(s0!, 5);
      // frames t and t + 5 are the same source frame (4 + t mod 5): an affine image of it
      const out = band(x);
      const src = band(original);
      const slope = (out[1]! - out[0]!) / (src[5]! - src[4]!);
      for (let t = 0; t < frames; t++) expect(out[t]).toBeCloseTo(out[0]! + slope * (src[4 + (t % 5)]! - src[4]!), 4);
    }
  });

  it("cropAndWrap with rescale false keeps the window's own values", () => {
    const frames = 12;
    const bands = 3;
    const x = Float32Array.from(
      { length: frames * bands },
      (_, i) => Math.sin(i * 0.7) * (1 + (i % bands)) + (i % bands),
    );
    const original = Float32Array.from(x);
    cropAndWrap(x, frames, bands, 4, 5, new Float32Array(frames * bands), false);
    for (let t = 0; t < frames; t++) {
      for (let b = 0; b < bands; b++) expect(x[t * bands + b]).toBe(original[(4 + (t % 5)) * bands + b]);
    }
  });

  it('frameAugmentation without crops draws the same numbers as before crops existed', () => {
    const x1 = randomValues(2 * 20 * 4, 3);
    const x2 = Float32Array.from(x1);
    frameAugmentation()({ x: x1, shape: [20, 4], count: 2 }, createRandom(5));
    frameAugmentation({ minCropFrames: 0 })({ x: x2, shape: [20, 4], count: 2 }, createRandom(5));
    expect(x2).toEqual(x1);
    const x3 = randomValues(2 * 20 * 4, 3);
    frameAugmentation({ minCropFrames: 8, cropProbability: 1 })({ x: x3, shape: [20, 4], count: 2 }, createRandom(5));
    expect(x3).not.toEqual(x1);
    expect(() => frameAugmentation({ cropProbability: 2 })).toThrow(/cropProbability must be in \[0, 1\]/);
  });

  it('trainModel with AdamW, one-cycle, label smoothing and augmentation is reproducible and reports batch progress', async () => {
    const run = async () => {
      const model = attentionCnn({
        inputShape: [32, 8],
        numClasses: 3,
        hyperparameters: { units_0: 8, units_1: 8, units_2: 8, units_3: 8 },
        seed: 2,
      });
      const n = 24;
      const x = randomValues(n * 32 * 8, 6);
      const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
      for (let i = 0; i < n; i++) for (let k = 0; k < 32 * 8; k++) x[i * 256 + k]! += labels[i]! * 0.5;
      const progress: number[] = [];
      const result = await trainModel(
        model,
        { x, shape: [32, 8], labels },
        {
          epochs: 3,
          batchSize: 8,
          seed: 4,
          optimizer: { name: 'adamw', weightDecay: 0.01 },
          schedule: oneCycle({ maxLearningRate: 2e-3 }),
          labelSmoothing: 0.1,
          augment: frameAugmentation({ maxShift: 4, maxTimeWidth: 4 }),
          onBatchEnd: (p) => progress.push(p.batch),
        },
      );
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return { losses: result.history.map((h) => h.loss), weights, progress };
    };
    const a = await run();
    const b = await run();
    expect(a.losses).toEqual(b.losses);
    expect(a.weights).toEqual(b.weights);
    expect(a.progress).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3]);
    expect(a.losses.every(Number.isFinite)).toBe(true);
  });

  it("averageModels makes one model whose output is the members' mean, and it survives save and load", async () => {
    const small = { units_0: 8, units_1: 8, units_2: 8, units_3: 8 };
    const members = [1, 2, 3].map((seed) =>
      attentionCnn({ inputShape: [32, 8], numClasses: 4, hyperparameters: small, seed }),
    );
    const ensemble = averageModels(members, [32, 8]);
    const x = tf.tensor3d(randomValues(2 * 32 * 8, 8), [2, 32, 8]);
    const each = await Promise.all(members.map((m) => (m.predict(x) as tf.Tensor).data()));
    const mean = each[0]!.map((_, i) => (each[0]![i]! + each[1]![i]! + each[2]![i]!) / 3);
    const got = await (ensemble.predict(x) as tf.Tensor).data();
    Array.from(got).forEach((v, i) => expect(v).toBeCloseTo(mean[i]!, 6));
    const loaded = await modelFromFiles(await modelToFiles(ensemble));
    Array.from(await (loaded.predict(x) as tf.Tensor).data()).forEach((v, i) => expect(v).toBeCloseTo(mean[i]!, 6));
    x.dispose();
    [...members, ensemble, loaded].forEach((m) => m.dispose());
  });

  it('calibratedAttentionCnn hears both the CMVN view and the level against the calibration, and averages, saves and loads', async () => {
    const small = { units_0: 8, units_1: 8, units_2: 8, units_3: 8 };
    const members = [1, 2].map((seed) =>
      calibratedAttentionCnn({ inputShape: [32, 8], numClasses: 4, hyperparameters: small, seed }),
    );
    const two = members[0]!.layers.find((l) => l.name === 'two_views')!;
    expect(two.outputShape).toEqual([null, 32, 16]);
    const xv = randomValues(2 * 32 * 8, 9);
    const x = tf.tensor3d(xv, [2, 32, 8]);
    // a per-band offset leaves the CMVN view as it is but changes the speaker-relative one, hence the output
    const shifted = tf.tensor3d(
      xv.map((v, i) => v + (i % 8) * 0.5),
      [2, 32, 8],
    );
    const a = await (members[0]!.predict(x) as tf.Tensor).data();
    const b = await (members[0]!.predict(shifted) as tf.Tensor).data();
    expect(Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)))).toBeGreaterThan(1e-4);
    const ensemble = averageModels(members, [32, 8]);
    const each = await Promise.all(members.map((m) => (m.predict(x) as tf.Tensor).data()));
    const got = await (ensemble.predict(x) as tf.Tensor).data();
    Array.from(got).forEach((v, i) => expect(v).toBeCloseTo((each[0]![i]! + each[1]![i]!) / 2, 6));
    const loaded = await modelFromFiles(await modelToFiles(ensemble));
    Array.from(await (loaded.predict(x) as tf.Tensor).data()).forEach((v, i) => expect(v).toBeCloseTo(got[i]!, 6));
    [x, shifted].forEach((t) => t.dispose());
    [...members, ensemble, loaded].forEach((m) => m.dispose());
  });

  it("FrameCmvn is @ser/audio-features' CMVN inside the model, cancels per-channel offsets, and saves with the model", async () => {
    const frames = 30;
    const bands = 6;
    const xv = randomValues(2 * frames * bands, 11).map((v, i) => v * 5 + (i % bands) * 3);
    const expected = new Float32Array(xv.length);
    for (let e = 0; e < 2; e++)
      expected.set(
        meanVarianceNormalizeFrames(xv.slice(e * frames * bands, (e + 1) * frames * bands), frames, bands),
        e * frames * bands,
      );
    const layer = new FrameCmvn();
    const got = await (layer.apply(tf.tensor3d(xv, [2, frames, bands])) as tf.Tensor).data();
    Array.from(got).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
    // (x − o)/s per channel with epsilon 1e-5/s gives exactly the CMVN of x; then a fixed standardisation.
    const offset = [1, -2, 3, 0.5, 7, -4];
    const scale = [2, 0.5, 4, 1, 3, 0.25];
    const shifted = xv.map((v, i) => (v - offset[i % bands]!) / scale[i % bands]!);
    const model = tfl.sequential();
    model.add(tfl.layers.inputLayer({ inputShape: [frames, bands] }));
    model.add(
      new FrameCmvn({
        epsilon: scale.map((s) => 1e-5 / s),
        mean: new Array(bands).fill(0.5),
        std: new Array(bands).fill(2),
      }),
    );
    const loaded = await modelFromFiles(await modelToFiles(model));
    const out = await (loaded.predict(tf.tensor3d(shifted, [2, frames, bands])) as tf.Tensor).data();
    Array.from(out).forEach((v, i) => expect(v).toBeCloseTo((expected[i]! - 0.5) / 2, 4));
    model.dispose();
    loaded.dispose();
  });
});
