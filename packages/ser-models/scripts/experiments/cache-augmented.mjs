#!/usr/bin/env node
// One augmented copy of the corpus (RAVDESS + TESS, ekman7): every file is loaded with @ser/audio-features'
// loadAudio at the feature config's rate, augmented with augmentWaveform (@ser/models; seeded per file) and
// turned into features with computeFeatures — the same path predict() takes, plus the augmentation.
// Usage: node cache-augmented.mjs --corpus ../shared/datasets --base logmel200 --copy 1 [--recipe default]
import { parseArgs } from 'node:util';
import path from 'node:path';
import { computeFeatures, featureShape } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import { applyLabelSet, loadCorpus, saveCorpus, scanRavdess, scanTess } from '@ser/datasets';
import { augmentWaveform, createRandom } from '@ser/models';
import { CACHE } from './lib.mjs';

export const RECIPES = {
  default: {
    speedRange: [0.9, 1.1],
    speedProbability: 0.6,
    gainDbRange: [-6, 6],
    maxShiftSeconds: 0.25,
    snrDbRange: [10, 30],
    noiseProbability: 0.5,
  },
  mild: {
    speedRange: [0.95, 1.05],
    speedProbability: 0.5,
    gainDbRange: [-3, 3],
    maxShiftSeconds: 0.1,
    snrDbRange: [20, 40],
    noiseProbability: 0.3,
  },
};

const { values: o } = parseArgs({
  options: {
    corpus: { type: 'string' },
    base: { type: 'string' },
    copy: { type: 'string', default: '1' },
    recipe: { type: 'string', default: 'default' },
    name: { type: 'string' },
  },
});
if (!o.corpus || !o.base) throw new Error('--corpus and --base are required');
const recipe = RECIPES[o.recipe];
const { featureConfig: config } = await loadCorpus(CACHE, o.base);
const root = path.resolve(o.corpus);
const items = [
  ...(await scanRavdess(path.join(root, 'ravdess'))).items,
  ...(await scanTess(path.join(root, 'tess'))).items,
];
const labelled = applyLabelSet(items, 'ekman7');
const rowShape = featureShape(config);
const size = rowShape.reduce((a, b) => a * b, 1);
const x = new Float32Array(labelled.items.length * size);
const copy = Number(o.copy);
const started = performance.now();
for (const [i, item] of labelled.items.entries()) {
  const { samples } = await loadAudio(item.path, { sr: config.sr });
  const random = createRandom(copy * 1_000_003 + i);
  const { y } = augmentWaveform(samples, { sampleRate: config.sr, random, ...recipe });
  x.set(computeFeatures(y, config).data, i * size);
  if (i % 500 === 0)
    console.log(`${i}/${labelled.items.length} ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const name = o.name ?? `${o.base}-${o.recipe}${copy}`;
await saveCorpus(CACHE, name, {
  x,
  shape: [labelled.items.length, ...rowShape],
  labels: labelled.items.map((it) => it.label),
  y: Int32Array.from(labelled.items, (it) => it.labelId),
  labelSet: labelled.labelSet,
  items: labelled.items.map(({ label: _l, labelId: _id, ...item }) => item),
  failures: [],
  featureConfig: config,
});
console.log(`${name}: ${labelled.items.length} rows in ${((performance.now() - started) / 1000).toFixed(0)} s`);
