// The README's example, runnable: node packages/ser-models/examples/readme-example.mjs (after npm run build)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readdir } from 'node:fs/promises';
import { computeFeatures, featureConfig } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import {
  initBackend,
  mlp,
  describeModel,
  trainModel,
  evaluateModel,
  formatReport,
  createBundleMetadata,
  predict,
} from '@ser/models';
import { saveBundle, loadBundle } from '@ser/models/node';

const ravdess = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets/ravdess');
const labels = ['neutral', 'calm', 'happy', 'sad', 'angry', 'fearful', 'disgust', 'surprised'];
const config = featureConfig('ser180', { sr: 16000 });

// 1. Backend: tfjs-node if installed, else WebAssembly (SIMD) with our training kernels, else cpu.
console.log(await initBackend()); // { name: 'wasm', simd: true, threads: 1 }

// 2. Features of a few RAVDESS actors (emotion = 3rd field of the file name, 01…08).
async function actors(ids) {
  const rows = [],
    y = [];
  for (const id of ids) {
    const dir = path.join(ravdess, `Actor_${String(id).padStart(2, '0')}`);
    for (const name of (await readdir(dir)).sort()) {
      const audio = await loadAudio(path.join(dir, name), { sr: config.sr });
      rows.push(computeFeatures(audio.samples, config).data);
      y.push(Number(name.split('-')[2]) - 1);
    }
  }
  const x = new Float32Array(rows.length * 180);
  rows.forEach((r, i) => x.set(r, i * 180));
  return { x, shape: [180], labels: y };
}
const [train, validation] = [await actors([1, 2, 3, 4]), await actors([5, 6])];

// 3. Model, training (standardisation fitted on the training split, early stopping on validation accuracy).
const model = mlp({ inputShape: [180], numClasses: labels.length, seed: 1 });
console.log(describeModel(model));
const result = await trainModel(model, train, {
  epochs: 40,
  batchSize: 32,
  validation,
  earlyStopping: { patience: 8 },
  classWeights: 'balanced',
  seed: 1,
});

// 4. Evaluation on held-out speakers, like scikit-learn's classification_report (they also chose the early-stopping
//    epoch here; keep a third group of speakers for an unbiased figure).
const report = await evaluateModel(model, validation.x, validation.labels, labels, {
  standardization: result.standardization,
});
console.log(formatReport(report));

// 5. A bundle: model + labels + the exact feature configuration + standardisation; predict on raw audio.
const dir = path.join(process.env.TMPDIR ?? '/tmp', 'ser-readme-model');
await saveBundle(dir, {
  model,
  metadata: createBundleMetadata(model, {
    labels,
    featureConfig: config,
    standardization: result.standardization,
    architecture: 'mlp',
    training: { corpora: ['ravdess'], validationSpeakers: ['ravdess:5', 'ravdess:6'] },
    metrics: { accuracy: report.accuracy },
  }),
});
const bundle = await loadBundle(dir);
const clip = await loadAudio(path.join(ravdess, 'Actor_07/03-01-05-02-01-01-07.flac'), { sr: null }); // an angry clip
const { label, ranking } = predict(bundle, clip.samples, clip.sampleRate);
console.log(label, ranking.slice(0, 3));
