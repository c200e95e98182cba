#!/usr/bin/env node
// Speaker-independent cross-validation of a frame-sequence recipe (issue 12) on cached features.
//   node scripts/experiments/frame-cv.mjs --features logmel-cmvn --arch attentionCnn --seeds 1,2,3 [--folds 0,4]
//     --epochs 30 --batch 64 --max-lr 2e-3 --weight-decay 0.01 --label-smoothing 0.1 --hp '{"units_0":64}'
//     --no-augment --crop 100 --protocol cv|tess --workers 0 --tag name --chunk 2
// --crop F: random crops of F–300 frames, wrapped (frameAugmentation's minCropFrames; 0: none; default the recipe's).
// --chunk S also scores every test recording in S-second chunks by the recognizer's chunk rule (a last piece shorter
// than half a chunk joins the previous one), each featurised alone, probabilities averaged weighted by duration.
// (`ser analyze` shows the model the 3 s around each chunk instead: chunk-context.mjs scores that way.)
// Protocols: cv = 5 folds of RAVDESS actors (1–4 … 17–20 held out, the other 16 + all of TESS trained);
// tess = TESS speaker-held-out (RAVDESS 1–20 + one TESS speaker trained, the other scored, both ways);
// all = train on everything (no score; saves the model bundle for the shipped default).
// Each (fold, seed) writes its test probabilities to $SER_CACHE/probs/<tag>/<fold>-s<seed>.json (reused when
// present, so an interrupted run resumes), and the summary (per fold, mean ± sd, seed ensembles) goes to
// $SER_CACHE/results.jsonl.
import { parseArgs } from 'node:util';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as models from '@ser/models';
import { saveBundle } from '@ser/models/node';
import { computeFeatures } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import { FRAME_RECIPE, trainRecipeMember } from '../frame-recipe.mjs';
import { CACHE, CV_FOLDS, buildModel, cached, rowsWhere, subset } from './lib.mjs';

const { values: o } = parseArgs({
  options: {
    features: { type: 'string', default: 'logmel-cmvn-wrap' },
    arch: { type: 'string', default: 'attentionCnn' },
    hp: { type: 'string', default: '{}' },
    seeds: { type: 'string', default: '1' },
    folds: { type: 'string' },
    protocol: { type: 'string', default: 'cv' },
    epochs: { type: 'string', default: '30' },
    batch: { type: 'string', default: '64' },
    'max-lr': { type: 'string', default: '2e-3' },
    'weight-decay': { type: 'string', default: '0.01' },
    'label-smoothing': { type: 'string', default: '0.1' },
    'no-augment': { type: 'boolean', default: false },
    'max-shift': { type: 'string', default: '30' },
    crop: { type: 'string', default: String(FRAME_RECIPE.augmentation.minCropFrames) },
    workers: { type: 'string', default: '0' },
    tag: { type: 'string' },
    log: { type: 'boolean', default: false },
    chunk: { type: 'string' },
  },
});
const tag = o.tag ?? `${o.arch}-${o.features}-e${o.epochs}`;
const backend = await models.initBackend();
const base = await cached(o.features);
const labels = /** @type {string[]} */ (base.labelSet.labels);
const shape = base.shape.slice(1);
const probsDir = path.join(CACHE, 'probs', tag);
mkdirSync(probsDir, { recursive: true });

/** One run of the recipe (with this script's overrides) on `trainData`. */
function train(trainData, seed) {
  return trainRecipeMember(
    trainData,
    seed,
    {
      epochs: Number(o.epochs),
      batchSize: Number(o.batch),
      maxLearningRate: Number(o['max-lr']),
      weightDecay: Number(o['weight-decay']),
      labelSmoothing: Number(o['label-smoothing']),
      workers: Number(o.workers),
      numClasses: labels.length,
      augmentation: o['no-augment']
        ? null
        : { ...FRAME_RECIPE.augmentation, maxShift: Number(o['max-shift']), minCropFrames: Number(o.crop) },
      onEpochEnd: o.log
        ? (e) =>
            console.log(
              `    epoch ${e.epoch} loss ${e.loss.toFixed(3)} acc ${e.accuracy.toFixed(3)} ${(e.ms / 1000).toFixed(0)} s`,
            )
        : undefined,
    },
    (inputShape, s) => buildModel(o.arch, inputShape, labels.length, JSON.parse(o.hp), s),
  );
}

const accuracy = (p, y) => {
  const k = labels.length;
  let correct = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
    if (best === y[i]) correct++;
  }
  return correct / y.length;
};
const macroF1 = (p, y) => {
  const k = labels.length;
  const tp = new Array(k).fill(0);
  const fp = new Array(k).fill(0);
  const fn = new Array(k).fill(0);
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
    if (best === y[i]) tp[best]++;
    else {
      fp[best]++;
      fn[y[i]]++;
    }
  }
  return tp.reduce((s, t, c) => s + (2 * t) / Math.max(1, 2 * t + fp[c] + fn[c]), 0) / k;
};

/** Duration-weighted mean chunk probabilities of each test recording, as `ser analyze --chunk S` summarises them. */
async function chunkedProbabilities(model, standardization, rows) {
  const config = base.featureConfig;
  const k = labels.length;
  const out = new Float32Array(rows.length * k);
  for (const [r, row] of rows.entries()) {
    const { samples } = await loadAudio(base.items[row].path, { sr: config.sr });
    // The recognizer's chunk rule (planChunks), each chunk featurised alone (no context window).
    const spans = models
      .planChunks(samples.length, models.chunkLengths(Number(o.chunk), Number(o.chunk), config.sr))
      .map(({ start, end }) => [start, end]);
    const total = spans.reduce((s, [a, b]) => s + (b - a), 0);
    for (const [a, b] of spans) {
      const x = models.applyStandardization(computeFeatures(samples.subarray(a, b), config).data, standardization);
      const p = models.predictProbabilities(model, x, shape, 1);
      for (let c = 0; c < k; c++) out[r * k + c] += (p[c] * (b - a)) / total;
    }
  }
  return out;
}

/** Test probabilities of one (split, seed), trained now or read back from an earlier (interrupted) run. */
async function probabilitiesFor(name, trainKeep, testKeep, seed) {
  const file = path.join(probsDir, `${name}-s${seed}.json`);
  const rows = rowsWhere(base, testKeep);
  const test = subset(base, rows);
  const saved = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  if (saved && (!o.chunk || saved.chunked)) {
    return {
      p: Float32Array.from(saved.p),
      chunked: saved.chunked ? Float32Array.from(saved.chunked) : null,
      y: test.labels,
      seconds: 0,
    };
  }
  const { model, result, seconds } = await train(subset(base, rowsWhere(base, trainKeep)), seed);
  const p = models.predictProbabilities(
    model,
    models.applyStandardization(test.x, result.standardization),
    test.shape,
    test.labels.length,
  );
  const chunked = o.chunk ? await chunkedProbabilities(model, result.standardization, rows) : null;
  writeFileSync(
    `${file}.tmp`,
    JSON.stringify({ p: Array.from(p), chunked: chunked ? Array.from(chunked) : undefined, seconds }),
  );
  renameSync(`${file}.tmp`, file);
  // The fold's model as a bundle too, so that other ways of scoring (chunking, context) need no retraining.
  try {
    await saveBundle(path.join(CACHE, 'models', tag, `${name}-s${seed}`), {
      model,
      metadata: models.createBundleMetadata(model, {
        labels,
        featureConfig: base.featureConfig,
        standardization: result.standardization,
      }),
    });
  } catch (error) {
    console.error(`could not save the model of ${name} seed ${seed}: ${/** @type {Error} */ (error).message}`);
  }
  model.dispose();
  return { p, chunked, y: test.labels, seconds };
}

const seeds = o.seeds.split(',').map(Number);
const splits =
  o.protocol === 'cv'
    ? CV_FOLDS.map((fold, i) => ({
        name: `fold${i}`,
        train: (s) => !fold.includes(s),
        test: (s) => fold.includes(s),
      })).filter((_, i) => !o.folds || o.folds.split(',').map(Number).includes(i))
    : o.protocol === 'tess'
      ? ['OAF', 'YAF'].map((spk) => ({
          name: `tess-${spk}`,
          train: (s) => s !== `tess:${spk}`,
          test: (s) => s === `tess:${spk}`,
        }))
      : [];
/**
 * What one split scored: each seed's model, and the seeds' averaged probabilities.
 * @typedef {{ perSeed: { seed: number, accuracy: number, macroF1: number, seconds: number, chunkedAccuracy?: number }[],
 *   ensembleAccuracy: number, ensembleMacroF1: number, n: number }} SplitRecord
 */
/** @type {Record<string, unknown> & { splits: Record<string, SplitRecord>, summary?: Record<string, number> }} */
const record = { time: new Date().toISOString(), tag, ...o, backend: backend.name, splits: {} };
for (const split of splits) {
  /** @type {SplitRecord['perSeed']} */
  const perSeed = [];
  /** @type {Float32Array | null} */
  let ensemble = null;
  /** @type {ArrayLike<number> | null} */
  let y = null;
  for (const seed of seeds) {
    const r = await probabilitiesFor(split.name, split.train, split.test, seed);
    y = r.y;
    const chunkedAccuracy = r.chunked ? accuracy(r.chunked, r.y) : null;
    const run = {
      seed,
      accuracy: accuracy(r.p, r.y),
      macroF1: macroF1(r.p, r.y),
      seconds: r.seconds,
      ...(chunkedAccuracy !== null ? { chunkedAccuracy } : {}),
    };
    perSeed.push(run);
    ensemble = ensemble ? ensemble.map((v, i) => v + r.p[i]) : Float32Array.from(r.p);
    console.log(
      `${split.name} seed ${seed}: acc ${(100 * run.accuracy).toFixed(1)} % macro-F1 ${run.macroF1.toFixed(3)}` +
        (chunkedAccuracy !== null ? ` (${o.chunk}-s chunks: ${(100 * chunkedAccuracy).toFixed(1)} %)` : '') +
        (r.seconds ? ` (${r.seconds.toFixed(0)} s)` : ' (cached)'),
    );
  }
  const tested = /** @type {ArrayLike<number>} */ (y);
  record.splits[split.name] = {
    perSeed,
    ensembleAccuracy: accuracy(ensemble, tested),
    ensembleMacroF1: macroF1(ensemble, tested),
    n: tested.length,
  };
  console.log(
    `${split.name} ensemble of ${seeds.length}: acc ${(100 * record.splits[split.name].ensembleAccuracy).toFixed(1)} %`,
  );
}
/** @type {(a: number[]) => number} */
const mean = (a) => a.reduce((x, v) => x + v, 0) / a.length;
const sd = (a) => Math.sqrt(mean(a.map((v) => (v - mean(a)) ** 2)));
const names = Object.keys(record.splits);
if (names.length > 1) {
  const single = names.flatMap((n) => record.splits[n].perSeed.map((s) => s.accuracy));
  const ens = names.map((n) => record.splits[n].ensembleAccuracy);
  record.summary = {
    meanSingleAccuracy: mean(single),
    sdSingleAccuracy: sd(single),
    meanEnsembleAccuracy: mean(ens),
    sdEnsembleAccuracy: sd(ens),
    meanEnsembleMacroF1: mean(names.map((n) => record.splits[n].ensembleMacroF1)),
  };
  console.log(
    `${tag}: single models ${(100 * mean(single)).toFixed(1)} ± ${(100 * sd(single)).toFixed(1)} %, ` +
      `ensembles ${(100 * mean(ens)).toFixed(1)} ± ${(100 * sd(ens)).toFixed(1)} % over ${names.length} splits`,
  );
}
appendFileSync(path.join(CACHE, 'results.jsonl'), JSON.stringify(record) + '\n');
