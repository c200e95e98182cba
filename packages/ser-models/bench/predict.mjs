// Single-clip prediction latency of @ser/models on the default backend: feature extraction from 3 s of audio +
// standardisation + model, for the MLP and ogCnn. Run after `npm run build`:
//   node packages/ser-models/bench/predict.mjs
// (Training throughput, side by side with PyTorch, is bench/train.mjs.)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeFeatures, featureConfig } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import * as tf from '@tensorflow/tfjs-core';
import {
  initBackend,
  mlp,
  ogCnn,
  predict,
  bundleInput,
  createBundleMetadata,
  fitStandardization,
} from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Median and minimum of a list of timings. */
function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0] };
}

async function measurePrediction(name, build, config, audio) {
  const model = build();
  const shape = model.inputs[0].shape.slice(1);
  const features = computeFeatures(audio.samples, config).data;
  const bundle = {
    model,
    metadata: createBundleMetadata(model, {
      labels: ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgust', 'surprised'],
      featureConfig: config,
      standardization: fitStandardization(features, [features.length]),
      inputShape: shape,
    }),
  };
  const input = bundleInput(bundle.metadata, audio.samples, audio.sampleRate);
  const time = (f) => {
    for (let i = 0; i < 3; i++) f();
    const times = [];
    for (let i = 0; i < 25; i++) {
      const t0 = performance.now();
      f();
      times.push(performance.now() - t0);
    }
    return stats(times);
  };
  const total = time(() => predict(bundle, audio.samples, audio.sampleRate));
  const featureTime = time(() => bundleInput(bundle.metadata, audio.samples, audio.sampleRate));
  const modelTime = time(() => tf.tidy(() => model.predict(tf.tensor(input, [1, ...shape])).dataSync()));
  const f = (t) => `${t.median.toFixed(2)} (best ${t.min.toFixed(2)})`;
  console.log(
    `${name.padEnd(38)} ${f(total)} ms/clip = features+standardise ${f(featureTime)} + model ${f(modelTime)} ms`,
  );
  model.dispose();
}

const backend = await initBackend();
const file = path.resolve(here, '../../../../shared/datasets/ravdess/Actor_01/03-01-05-01-01-01-01.flac');
const loaded = await loadAudio(file, { sr: null });
const threeSeconds = { samples: loaded.samples.slice(0, 3 * loaded.sampleRate), sampleRate: loaded.sampleRate };
console.log(
  `backend ${JSON.stringify(backend)}; single-clip prediction, 3 s of ${loaded.sampleRate} Hz audio (${path.basename(file)})`,
);
await measurePrediction(
  'mlp, ser180 @ 16 kHz',
  () => mlp({ inputShape: [180], numClasses: 7 }),
  featureConfig('ser180', { sr: 16000 }),
  threeSeconds,
);
await measurePrediction(
  'ogCnn, ser180 @ 16 kHz',
  () => ogCnn({ inputShape: [180, 1], numClasses: 7 }),
  featureConfig('ser180', { sr: 16000 }),
  threeSeconds,
);
await measurePrediction(
  'ogCnn, ser180 @ 22.05 kHz (resampled)',
  () => ogCnn({ inputShape: [180, 1], numClasses: 7 }),
  featureConfig('ser180'),
  threeSeconds,
);
