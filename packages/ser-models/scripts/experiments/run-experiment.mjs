#!/usr/bin/env node
// One speaker-independent experiment on cached features (see cache-features.mjs / cache-augmented.mjs).
//   --features <cache name>   base corpus (RAVDESS 1–20 + TESS, ekman7)
//   --aug a,b                 augmented copies (same rows as the base) added to the TRAINING side only
//   --arch mlp|ogCnn|paperCnn|cnnLstm|gapCnn|gapCnnCmn   --hp '{"units_0":128}'
//   --protocol holdout (RAVDESS 17–20, early stopping on it) | tess (also hold out TESS OAF)
//            | cv (5 RAVDESS actor-group folds, fixed --epochs, no early stopping)
//   --epochs N --patience P --batch 32 --class-weights balanced --no-tess --seed 1
// Prints accuracy / macro-F1 and appends a JSON line to $SER_CACHE/results.jsonl.
import { parseArgs } from 'node:util';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { initBackend, formatReport } from '@ser/models';
import { CACHE, CV_FOLDS, HOLDOUT, cached, concat, rowsWhere, runFold, subset } from './lib.mjs';

const { values: o } = parseArgs({
  options: {
    features: { type: 'string', default: 'ser180' },
    aug: { type: 'string', default: '' },
    arch: { type: 'string', default: 'mlp' },
    hp: { type: 'string', default: '{}' },
    protocol: { type: 'string', default: 'holdout' },
    epochs: { type: 'string', default: '60' },
    patience: { type: 'string', default: '10' },
    batch: { type: 'string', default: '32' },
    lr: { type: 'string' },
    'class-weights': { type: 'string' },
    'no-tess': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    log: { type: 'boolean', default: false },
    report: { type: 'boolean', default: false },
    note: { type: 'string', default: '' },
    members: { type: 'string', default: '1' },
  },
});
const backend = await initBackend();
const base = await cached(o.features);
const augs = await Promise.all(o.aug.split(',').filter(Boolean).map(cached));
const labels = /** @type {string[]} */ (base.labelSet.labels);
const common = {
  arch: o.arch,
  hyperparameters: JSON.parse(o.hp),
  epochs: Number(o.epochs),
  patience: Number(o.patience),
  batchSize: Number(o.batch),
  classWeights: /** @type {import('@ser/models').ClassWeights | undefined} */ (o['class-weights']),
  seed: Number(o.seed),
  labels,
  log: o.log,
  learningRate: o.lr ? Number(o.lr) : undefined,
  members: Number(o.members),
};

/** Training data: base + augmented rows of the speakers `keep` accepts. */
function trainingData(keep) {
  const accept = (speaker) => keep(speaker) && !(o['no-tess'] && speaker.startsWith('tess:'));
  return concat([base, ...augs].map((c) => subset(c, rowsWhere(c, accept))));
}
const testData = (speakers) =>
  subset(
    base,
    rowsWhere(base, (s) => speakers.includes(s)),
  );
const summary = (r) => `acc ${(100 * r.accuracy).toFixed(1)} % macro-F1 ${(100 * r.macroAvg.f1).toFixed(1)} %`;

/** @type {Record<string, unknown>} */
const record = { time: new Date().toISOString(), ...o, backend: backend.name };
const started = performance.now();
if (o.protocol === 'holdout' || o.protocol === 'tess') {
  const held = o.protocol === 'tess' ? [...HOLDOUT, 'tess:OAF'] : HOLDOUT;
  /** @type {Record<string, import('@ser/models').LabeledData>} */
  const tests = { ravdess17_20: testData(HOLDOUT) };
  if (o.protocol === 'tess') tests.tessOAF = testData(['tess:OAF']);
  const train = trainingData((s) => !held.includes(s));
  const run = await runFold({ ...common, train, tests, validationName: 'ravdess17_20' });
  record.bestEpoch = run.result.bestEpoch;
  record.epochsRun = run.result.history.length;
  record.trainSeconds = run.trainSeconds;
  record.numTrain = train.labels.length;
  for (const [name, r] of Object.entries(run.reports)) {
    record[name] = { accuracy: r.accuracy, macroF1: r.macroAvg.f1, perClassF1: r.perClass.map((c) => c.f1) };
    console.log(`${name}: ${summary(r)}`);
    if (o.report) console.log(formatReport(r));
  }
  console.log(
    `best epoch ${run.result.bestEpoch} of ${run.result.history.length}, ${run.trainSeconds.toFixed(0)} s, ${train.labels.length} training rows`,
  );
} else if (o.protocol === 'cv') {
  /** @type {number[]} */
  const accs = [];
  /** @type {number[]} */
  const f1s = [];
  for (const fold of CV_FOLDS) {
    const run = await runFold({
      ...common,
      train: trainingData((s) => !fold.includes(s)),
      tests: { fold: testData(fold) },
    });
    accs.push(run.reports.fold.accuracy);
    f1s.push(run.reports.fold.macroAvg.f1);
    console.log(`fold ${fold[0]}…${fold[3]}: ${summary(run.reports.fold)} (${run.trainSeconds.toFixed(0)} s)`);
    run.model.dispose();
  }
  /** @type {(a: number[]) => number} */
  const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  const sd = (a) => Math.sqrt(mean(a.map((v) => (v - mean(a)) ** 2)));
  record.cv = { accuracy: accs, macroF1: f1s, meanAccuracy: mean(accs), sdAccuracy: sd(accs), meanMacroF1: mean(f1s) };
  console.log(
    `CV mean acc ${(100 * mean(accs)).toFixed(1)} ± ${(100 * sd(accs)).toFixed(1)} %, macro-F1 ${(100 * mean(f1s)).toFixed(1)} %`,
  );
} else throw new Error(`unknown protocol ${o.protocol}`);
record.seconds = (performance.now() - started) / 1000;
appendFileSync(path.join(CACHE, 'results.jsonl'), JSON.stringify(record) + '\n');
