#!/usr/bin/env node
/**
 * Speed of the built-in text-emotion model (run after `npm run build -w packages/ser-text`):
 * model load time, ms per sentence on GoEmotions dev rows, long-text cost, and model size on disk.
 *   node bench/text-emotion-speed.mjs
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const data = process.env.GOEMOTIONS_DIR ?? path.resolve(root, '../../../shared/datasets/text/goemotions');

const t0 = performance.now();
const { loadBuiltinTextModel, classifyText } = await import('../dist/index.js');
const model = await loadBuiltinTextModel();
const loadMs = performance.now() - t0;

const texts = readFileSync(path.join(data, 'ekman/dev.tsv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => l.split('\t')[0]);
for (const t of texts.slice(0, 200)) model.classify(t); // warm-up
const reps = 3;
let best = Infinity;
for (let r = 0; r < reps; r++) {
  const start = performance.now();
  for (const t of texts) model.classify(t);
  best = Math.min(best, (performance.now() - start) / texts.length);
}
const viaApiStart = performance.now();
await classifyText(texts);
const viaApi = (performance.now() - viaApiStart) / texts.length;

const long = 'I cannot believe how wonderful this day has been. '.repeat(2000); // 100 kB, truncated to maxChars
const longStart = performance.now();
for (let i = 0; i < 20; i++) model.classify(long);
const longMs = (performance.now() - longStart) / 20;

const fileSize = statSync(path.join(root, 'model/builtin-text-model.bin')).size;
const distSize = readdirSync(path.join(root, 'dist')).reduce(
  (sum, f) => sum + statSync(path.join(root, 'dist', f)).size,
  0,
);
const mean = texts.reduce((s, t) => s + t.length, 0) / texts.length;

console.log(`built-in text-emotion model (${2 ** model.model.features.hashBits} hashed buckets × 7 labels, int8)`);
console.log(`  load (import + read the file + dequantise): ${loadMs.toFixed(0)} ms`);
console.log(
  `  classify, ${texts.length} GoEmotions dev texts (mean ${mean.toFixed(0)} chars): ${best.toFixed(3)} ms/sentence (best of ${reps})`,
);
console.log(`  classifyText() over the same batch:          ${viaApi.toFixed(3)} ms/sentence`);
console.log(`  one 100 kB text (cut to ${model.model.features.maxChars} chars):        ${longMs.toFixed(2)} ms`);
console.log(
  `  size on disk: model/builtin-text-model.bin ${(fileSize / 1e6).toFixed(2)} MB, all of dist/ ${(distSize / 1e6).toFixed(2)} MB`,
);
console.log(
  `  dev figures recorded in the model: accuracy ${model.data.evaluation.accuracy}, macro-F1 ${model.data.evaluation.macroF1}`,
);
