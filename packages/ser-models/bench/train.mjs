// Training/prediction throughput of @ser/models on the wasm backend. Run after `npm run build`:
//   node packages/ser-models/bench/train.mjs [--steps 8] [--batch 32]
// Prints median and best step times, samples/s and effective GFLOP/s (forward multiply-adds × 3 for forward + backward × 2 flops)
// of ogCnn and the small MLP, single-threaded and data-parallel over 2 threads, and the latency of a
// single-clip prediction (feature extraction from 3 s of audio + model).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { computeFeatures, featureConfig } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import * as tf from '@tensorflow/tfjs';
import { initBackend, mlp, ogCnn, trainStep, predict, bundleInput, createBundleMetadata, fitStandardization } from '../dist/index.js';
import { createDataParallelStepper } from '../dist/node.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({ options: { steps: { type: 'string', default: '10' }, batch: { type: 'string', default: '32' } } });
const steps = Number(args.steps);
const batchSize = Number(args.batch);

/** Multiply-adds of one forward pass of one example (Conv1D, Dense, LSTM layers). */
function forwardMacs(model) {
  let macs = 0;
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    const inShape = layer.inputSpec?.[0]?.shape ?? layer.batchInputShape ?? layer.inboundNodes[0].inputShapes;
    const input = Array.isArray(inShape[0]) ? inShape[0] : inShape;
    const out = layer.outputShape;
    if (cls === 'Conv1D') macs += out[1] * layer.kernelSize[0] * input[input.length - 1] * out[2];
    else if (cls === 'Dense') macs += input[input.length - 1] * out[out.length - 1];
    else if (cls === 'LSTM') macs += input[1] * 4 * layer.units * (input[2] + layer.units);
  }
  return macs;
}

function syntheticData(n, shape, classes) {
  const size = shape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(n * size);
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.37) + Math.cos(i * 0.011);
  return { x, shape, labels: Array.from({ length: n }, (_, i) => i % classes) };
}

/** Median and minimum of a list of timings. */
function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0] };
}

async function measureTraining(name, build, shape, workers) {
  const model = build();
  const size = shape.reduce((a, b) => a * b, 1);
  const data = syntheticData(batchSize, shape, 7);
  const batch = { x: data.x, labels: Int32Array.from(data.labels), sampleWeights: new Float32Array(batchSize).fill(1), count: batchSize };
  const optimizer = tf.train.adam(1e-3);
  const stepper = workers > 0 ? await createDataParallelStepper(model, { workers }) : null;
  const step = (seed) => (stepper ? stepper.step(optimizer, batch, seed) : trainStep(model, optimizer, batch, seed));
  try {
    for (let i = 0; i < 2; i++) await step(i); // warm-up: kernel set-up, first XNNPACK packing
    const times = [];
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      await step(100 + i);
      times.push(performance.now() - t0);
    }
    const { median, min } = stats(times);
    const macs = forwardMacs(model);
    const rate = (ms) => batchSize / (ms / 1000);
    const gflops = (ms) => (macs * 3 * 2 * rate(ms)) / 1e9;
    console.log(`${name.padEnd(28)} median ${median.toFixed(0).padStart(5)} ms/step = ${rate(median).toFixed(0).padStart(5)} samples/s, ` +
      `${gflops(median).toFixed(1).padStart(5)} GFLOP/s | best ${min.toFixed(0).padStart(5)} ms = ${rate(min).toFixed(0).padStart(5)} samples/s, ` +
      `${gflops(min).toFixed(1).padStart(5)} GFLOP/s  (${(macs / 1e6).toFixed(2)} M MACs/example forward)`);
    void size;
  } finally {
    await stepper?.dispose();
    optimizer.dispose();
    model.dispose();
  }
}

async function measurePrediction(name, build, config, audio) {
  const model = build();
  const shape = model.inputs[0].shape.slice(1);
  const features = computeFeatures(audio.samples, config).data;
  const bundle = { model, metadata: createBundleMetadata(model, {
    labels: ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgust', 'surprised'], featureConfig: config,
    standardization: fitStandardization(features, [features.length]), inputShape: shape }) };
  const input = bundleInput(bundle.metadata, audio.samples, audio.sampleRate);
  const time = (f) => {
    for (let i = 0; i < 3; i++) f();
    const times = [];
    for (let i = 0; i < 25; i++) { const t0 = performance.now(); f(); times.push(performance.now() - t0); }
    return stats(times);
  };
  const total = time(() => predict(bundle, audio.samples, audio.sampleRate));
  const featureTime = time(() => bundleInput(bundle.metadata, audio.samples, audio.sampleRate));
  const modelTime = time(() => tf.tidy(() => model.predict(tf.tensor(input, [1, ...shape])).dataSync()));
  const f = (t) => `${t.median.toFixed(2)} (best ${t.min.toFixed(2)})`;
  console.log(`${name.padEnd(38)} ${f(total)} ms/clip = features+standardise ${f(featureTime)} + model ${f(modelTime)} ms`);
  model.dispose();
}

const backend = await initBackend({ prefer: 'wasm' });
console.log(`backend ${JSON.stringify(backend)}; batch ${batchSize}; ${steps} steps timed after 2 warm-up steps\n`);
// Prediction first: training grows the wasm backend's memory (and the data-parallel workers transfer buffers),
// and once a buffer of this thread has been detached V8 runs the feature code ~30 % slower.
const file = path.resolve(here, '../../../../shared/datasets/ravdess/Actor_01/03-01-05-01-01-01-01.flac');
const loaded = await loadAudio(file, { sr: null });
const threeSeconds = { samples: loaded.samples.slice(0, 3 * loaded.sampleRate), sampleRate: loaded.sampleRate };
console.log(`single-clip prediction, 3 s of ${loaded.sampleRate} Hz audio (${path.basename(file)})`);
await measurePrediction('mlp, ser180 @ 16 kHz', () => mlp({ inputShape: [180], numClasses: 7 }), featureConfig('ser180', { sr: 16000 }), threeSeconds);
await measurePrediction('ogCnn, ser180 @ 16 kHz', () => ogCnn({ inputShape: [180, 1], numClasses: 7 }), featureConfig('ser180', { sr: 16000 }), threeSeconds);
await measurePrediction('ogCnn, ser180 @ 22.05 kHz (resampled)', () => ogCnn({ inputShape: [180, 1], numClasses: 7 }), featureConfig('ser180'), threeSeconds);
console.log('\ntraining throughput');
await measureTraining('ogCnn [180,1], 1 thread', () => ogCnn({ inputShape: [180, 1], numClasses: 7 }), [180, 1], 0);
await measureTraining('ogCnn [180,1], 2 threads', () => ogCnn({ inputShape: [180, 1], numClasses: 7 }), [180, 1], 1);
await measureTraining('mlp [180], 1 thread', () => mlp({ inputShape: [180], numClasses: 7 }), [180], 0);
await measureTraining('mlp [180], 2 threads', () => mlp({ inputShape: [180], numClasses: 7 }), [180], 1);

