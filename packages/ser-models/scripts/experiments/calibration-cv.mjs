#!/usr/bin/env node
// Speaker calibration for frame models (issue 13), speaker-independently cross-validated like frame-cv.mjs:
// every recording's log-mel (no per-recording normalisation) minus its speaker's enrolment offset — the per-band
// mean over the real (not padded) frames of that speaker's neutral recordings whose words differ from the scored
// recording's (RAVDESS: the other statement; TESS: the other words) — then the frame recipe.
//   node scripts/experiments/calibration-cv.mjs --features logmel-plain --seeds 1 [--folds 0,4] [--no-offset]
// --no-offset trains the same features without the offset (the control). Results: $SER_CACHE/results.jsonl.
import { parseArgs } from 'node:util';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as models from '@ser/models';
import { loadAudio } from '@ser/audio-features/node';
import { CACHE, CV_FOLDS, cached, rowsWhere, subset } from './lib.mjs';
import { trainRecipeMember } from '../frame-recipe.mjs';

const { values: o } = parseArgs({
  options: {
    features: { type: 'string', default: 'logmel-plain' },
    seeds: { type: 'string', default: '1' },
    folds: { type: 'string' },
    'no-offset': { type: 'boolean', default: false },
    tag: { type: 'string' },
    epochs: { type: 'string', default: '30' },
  },
});
const tag = o.tag ?? `calibrated-${o['no-offset'] ? 'control' : 'offset'}-${o.features}`;
await models.initBackend();
const base = await cached(o.features);
const labels = base.labelSet.labels;
const [rows, frames, bands] = base.shape;
const config = base.featureConfig;
const neutral = labels.indexOf('neutral');

/** Real (not padding) frames of each row: all of them for cropped recordings, 1 + ⌊n / hop⌋ for short ones. */
async function realFrameCounts() {
  const file = path.join(CACHE, `${o.features}.lengths.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const counts = [];
  for (const item of base.items) {
    const { samples } = await loadAudio(item.path, { sr: config.sr });
    counts.push(Math.min(frames, 1 + Math.floor(samples.length / config.hopLength)));
  }
  writeFileSync(file, JSON.stringify(counts));
  return counts;
}
const real = await realFrameCounts();

/** Per-row band sums over real frames (for frame-weighted enrolment means). */
const bandSums = new Float64Array(rows * bands);
for (let r = 0; r < rows; r++) {
  for (let t = 0; t < real[r]; t++) for (let b = 0; b < bands; b++) bandSums[r * bands + b] += base.x[(r * frames + t) * bands + b];
}
/** Offset of row r: mean over real frames of its speaker's neutral rows with another statement/word. */
const offsets = new Float32Array(rows * bands);
const enrolled = new Int32Array(rows);
const bySpeaker = new Map();
base.items.forEach((item, r) => {
  if (base.y[r] !== neutral) return;
  const list = bySpeaker.get(item.speaker) ?? [];
  list.push(r);
  bySpeaker.set(item.speaker, list);
});
base.items.forEach((item, r) => {
  const enrol = (bySpeaker.get(item.speaker) ?? []).filter((n) => base.items[n].statement !== item.statement);
  if (enrol.length === 0) throw new Error(`${item.path}: no neutral recording of ${item.speaker} with other words to enrol with`);
  enrolled[r] = enrol.length;
  const sum = new Float64Array(bands);
  let count = 0;
  for (const n of enrol) {
    for (let b = 0; b < bands; b++) sum[b] += bandSums[n * bands + b];
    count += real[n];
  }
  for (let b = 0; b < bands; b++) offsets[r * bands + b] = sum[b] / count;
});
const x = new Float32Array(base.x.length);
for (let r = 0; r < rows; r++) {
  for (let t = 0; t < frames; t++) {
    for (let b = 0; b < bands; b++) {
      const i = (r * frames + t) * bands + b;
      x[i] = o['no-offset'] ? base.x[i] : base.x[i] - offsets[r * bands + b];
    }
  }
}
const data = { ...base, x };
const probsDir = path.join(CACHE, 'probs', tag);
mkdirSync(probsDir, { recursive: true });
const accuracyOf = (p, y) => {
  let correct = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let c = 1; c < labels.length; c++) if (p[i * labels.length + c] > p[i * labels.length + best]) best = c;
    if (best === y[i]) correct++;
  }
  return correct / y.length;
};
const record = { time: new Date().toISOString(), tag, ...o, folds: {} };
const seeds = o.seeds.split(',').map(Number);
const folds = CV_FOLDS.map((fold, i) => [i, fold]).filter(([i]) => !o.folds || o.folds.split(',').map(Number).includes(i));
for (const [i, fold] of folds) {
  const test = subset(data, rowsWhere(data, (s) => fold.includes(s)));
  let ensemble = null;
  const accuracies = [];
  for (const seed of seeds) {
    const file = path.join(probsDir, `fold${i}-s${seed}.json`);
    let p;
    if (existsSync(file)) p = Float32Array.from(JSON.parse(readFileSync(file, 'utf8')).p);
    else {
      const { model, result, seconds } = await trainRecipeMember(subset(data, rowsWhere(data, (s) => !fold.includes(s))), seed,
        { epochs: Number(o.epochs), numClasses: labels.length });
      p = models.predictProbabilities(model, models.applyStandardization(test.x, result.standardization), test.shape, test.labels.length);
      model.dispose();
      writeFileSync(`${file}.tmp`, JSON.stringify({ p: Array.from(p), seconds }));
      renameSync(`${file}.tmp`, file);
    }
    accuracies.push(accuracyOf(p, test.labels));
    ensemble = ensemble ? ensemble.map((v, k) => v + p[k]) : Float32Array.from(p);
    console.log(`fold${i} seed ${seed}: acc ${(100 * accuracies.at(-1)).toFixed(1)} %`);
  }
  record.folds[`fold${i}`] = { accuracies, ensembleAccuracy: accuracyOf(ensemble, test.labels), n: test.labels.length };
}
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
const all = Object.values(record.folds).flatMap((f) => f.accuracies);
record.meanAccuracy = mean(all);
console.log(`${tag}: mean accuracy ${(100 * mean(all)).toFixed(1)} % over ${all.length} runs; enrolment sizes ${Math.min(...enrolled)}–${Math.max(...enrolled)} recordings`);
appendFileSync(path.join(CACHE, 'results.jsonl'), JSON.stringify(record) + '\n');
