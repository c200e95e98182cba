// Training/prediction throughput of @ser/models on the wasm backend. Run after `npm run build`:
//   node packages/ser-models/bench/train.mjs [--steps 8] [--batch 32]
// Prints samples/s and effective GFLOP/s (forward multiply-adds × 3 for forward + backward × 2 flops)
// of ogCnn and the small MLP, single-threaded and data-parallel over 2 threads, and the latency of a
// single-clip prediction (feature extraction from 3 s of audio + model).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { computeFeatures, featureConfig } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import { initBackend, mlp, ogCnn, trainModel, predict, createBundleMetadata, fitStandardization } from '../dist/index.js';
import { createDataParallelStepper } from '../dist/node.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({ options: { steps: { type: 'string', default: '8' }, batch: { type: 'string', default: '32' } } });
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

async function measureTraining(name, build, shape, stepperWorkers) {
  const model = build();
  const data = syntheticData(batchSize * (steps + 1), shape, 7);
  let stepper;
  if (stepperWorkers > 0) stepper = await createDataParallelStepper(model, { workers: stepperWorkers });
  try {
    // epoch 0 = warm-up (kernel set-up, XNNPACK packing), epoch 1 timed
    const result = await trainModel(model, data, { epochs: 2, batchSize, seed: 1, stepper });
    const ms = result.history[1].ms;
    const samples = data.labels.length;
    const perSecond = samples / (ms / 1000);
    const gflops = (forwardMacs(model) * 3 * 2 * perSecond) / 1e9;
    console.log(`${name.padEnd(34)} ${perSecond.toFixed(1).padStart(8)} samples/s  ${gflops.toFixed(2).padStart(6)} GFLOP/s  ` +
      `(${(ms / (steps + 1)).toFixed(0)} ms/step of ${batchSize}, forward ${(forwardMacs(model) / 1e6).toFixed(1)} M MACs/example)`);
  } finally {
    await stepper?.dispose();
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
  for (let i = 0; i < 3; i++) predict(bundle, audio.samples, audio.sampleRate);
  const runs = 20;
  let t0 = performance.now();
  for (let i = 0; i < runs; i++) predict(bundle, audio.samples, audio.sampleRate);
  const total = (performance.now() - t0) / runs;
  t0 = performance.now();
  for (let i = 0; i < runs; i++) computeFeatures(audio.samples, config);
  const featureMs = (performance.now() - t0) / runs;
  console.log(`${name.padEnd(34)} ${total.toFixed(2).padStart(8)} ms/clip  (features ${featureMs.toFixed(2)} ms, model + standardise ${(total - featureMs).toFixed(2)} ms)`);
  model.dispose();
}

const backend = await initBackend({ prefer: 'wasm' });
console.log(`backend ${JSON.stringify(backend)}; batch ${batchSize}, ${steps + 1} steps timed after one warm-up epoch\n`);
console.log('training throughput');
await measureTraining('ogCnn [180,1], 1 thread', () => ogCnn({ inputShape: [180, 1], numClasses: 7 }), [180, 1], 0);
await measureTraining('ogCnn [180,1], 2 threads', () => ogCnn({ inputShape: [180, 1], numClasses: 7 }), [180, 1], 1);
await measureTraining('mlp [180], 1 thread', () => mlp({ inputShape: [180], numClasses: 7 }), [180], 0);
await measureTraining('mlp [180], 2 threads', () => mlp({ inputShape: [180], numClasses: 7 }), [180], 1);

const file = path.resolve(here, '../../../../shared/datasets/ravdess/Actor_01/03-01-05-01-01-01-01.flac');
const loaded = await loadAudio(file, { sr: null });
const threeSeconds = { samples: loaded.samples.slice(0, 3 * loaded.sampleRate), sampleRate: loaded.sampleRate };
console.log(`\nsingle-clip prediction, 3 s of ${loaded.sampleRate} Hz audio (${path.basename(file)})`);
await measurePrediction('mlp, ser180 @ 16 kHz', () => mlp({ inputShape: [180], numClasses: 7 }), featureConfig('ser180', { sr: 16000 }), threeSeconds);
await measurePrediction('ogCnn, ser180 @ 16 kHz', () => ogCnn({ inputShape: [180, 1], numClasses: 7 }), featureConfig('ser180', { sr: 16000 }), threeSeconds);
await measurePrediction('ogCnn, ser180 @ 22.05 kHz (resampled)', () => ogCnn({ inputShape: [180, 1], numClasses: 7 }), featureConfig('ser180'), threeSeconds);
