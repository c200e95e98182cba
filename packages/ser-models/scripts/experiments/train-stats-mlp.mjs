#!/usr/bin/env node
/**
 * Rebuilds the pretrained default model of @ser/models (pretrained/default), deterministically (seeded),
 * with the project's own pipeline:
 *   scan (RAVDESS actors 1–20 + TESS) → ekman7 label set → extract the `stats` feature set (@ser/datasets
 *   extractFeatures) → seeded waveform-augmented copies (augmentWaveform → computeFeatures) → speaker split
 *   (RAVDESS actors 17–20 held out) → train an ensemble of MLPs with a FIXED epoch count (no early stopping,
 *   so the held-out figures are not tuned on the held-out actors) → evaluate → saveBundle.
 * Second checks: TESS speaker OAF held out (training on RAVDESS 1–16 + TESS YAF), and 5-fold
 * cross-validation by RAVDESS actor groups 1–4, 5–8, … 17–20 (TESS always in training).
 *
 * The shipped model is the one trained WITHOUT actors 17–20, so its reported validation figures are its own.
 *
 * Usage: node scripts/experiments/train-stats-mlp.mjs --corpus ../../shared/datasets --out /tmp/stats-mlp
 * (This was the recipe of the default model until issue 12; it stays as the baseline of the model card.)
 *          [--skip-cv] [--workers 2] [--copies 1] [--members 3] [--epochs 20] [--seed 1]
 *
 * Needs the packages built (npx nx run @ser/models:build). Prints accuracy, macro-F1, the per-class report
 * and the confusion matrix of every check.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tfl from '@tensorflow/tfjs-layers';
import { computeFeatures, featureConfig } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import { applyLabelSet, extractFeatures, scanRavdess, scanTess, speakerSplit } from '@ser/datasets';
import {
  applyStandardization,
  augmentWaveform,
  createBundleMetadata,
  createRandom,
  evaluateModel,
  formatReport,
  initBackend,
  MLP_DEFAULTS,
  mlp,
  predictProbabilities,
  selectExamples,
  trainModel,
} from '@ser/models';
import { renderConfusionMatrix, saveBundle } from '@ser/models/node';

/** The selected recipe (see MODEL_CARD.md for the experiments behind it). */
export const RECIPE = {
  featureSet: /** @type {const} */ ('stats'),
  labelSet: 'ekman7',
  architecture: 'mlp',
  hyperparameters: { ...MLP_DEFAULTS },
  epochs: 20,
  batchSize: 32,
  members: 3,
  augmentedCopies: 1,
  /** @type {Omit<import('@ser/models').WaveformAugmentationOptions, 'sampleRate' | 'random'>} */
  augmentation: {
    speedRange: [0.9, 1.1],
    speedProbability: 0.6,
    gainDbRange: [-6, 6],
    maxShiftSeconds: 0.25,
    snrDbRange: [10, 30],
    noiseProbability: 0.5,
  },
  validationSpeakers: ['ravdess:17', 'ravdess:18', 'ravdess:19', 'ravdess:20'],
  tessCheckSpeaker: 'tess:OAF',
  cvFolds: [0, 1, 2, 3, 4].map((f) => [1, 2, 3, 4].map((a) => `ravdess:${String(f * 4 + a).padStart(2, '0')}`)),
};

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string' },
    out: { type: 'string' },
    'skip-cv': { type: 'boolean', default: false },
    workers: { type: 'string', default: '2' },
    copies: { type: 'string', default: String(RECIPE.augmentedCopies) },
    members: { type: 'string', default: String(RECIPE.members) },
    epochs: { type: 'string', default: String(RECIPE.epochs) },
    seed: { type: 'string', default: '1' },
  },
});
if (!args.corpus || !args.out) {
  console.error('usage: train-stats-mlp.mjs --corpus <datasets dir with ravdess/ and tess/> --out <dir> [--skip-cv]');
  process.exit(2);
}
const seed = Number(args.seed);
const epochs = Number(args.epochs);
const members = Number(args.members);
const copies = Number(args.copies);
const log = (...a) => console.log(...a);

// 1. scan → label set → features
const backend = await initBackend();
log(`backend: ${backend.name}${backend.simd ? ' (SIMD)' : ''}`);
const root = path.resolve(args.corpus);
const ravdess = await scanRavdess(path.join(root, 'ravdess'));
const tess = await scanTess(path.join(root, 'tess'));
const labelled = applyLabelSet([...ravdess.items, ...tess.items], RECIPE.labelSet);
const config = featureConfig(RECIPE.featureSet);
log(`items: RAVDESS ${ravdess.items.length}, TESS ${tess.items.length}; labels ${labelled.labelSet.labels.join(', ')}`);
let t0 = performance.now();
const corpus = await extractFeatures(labelled, { featureConfig: config, workers: Number(args.workers) });
if (corpus.failures.length > 0)
  throw new Error(`feature extraction failed for ${corpus.failures.length} files: ${corpus.failures[0].error}`);
log(
  `features ${JSON.stringify(corpus.featureConfig)}: ${corpus.shape.join('×')} in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
const labels = /** @type {string[]} */ (corpus.labelSet.labels);
const rowShape = corpus.shape.slice(1);
const rowSize = rowShape.reduce((a, b) => a * b, 1);

// 2. seeded augmented copies (same rows and order as the corpus)
const augmented = [];
for (let copy = 1; copy <= copies; copy++) {
  t0 = performance.now();
  const x = new Float32Array(corpus.x.length);
  for (const [i, item] of corpus.items.entries()) {
    const { samples } = await loadAudio(item.path, { sr: config.sr });
    const { y } = augmentWaveform(samples, {
      sampleRate: config.sr,
      random: createRandom(copy * 1_000_003 + i),
      ...RECIPE.augmentation,
    });
    x.set(computeFeatures(y, config).data, i * rowSize);
  }
  augmented.push(x);
  log(`augmented copy ${copy}: ${corpus.items.length} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

/** Training rows of `indices` from the corpus and every augmented copy. */
function trainingData(indices) {
  const parts = [corpus.x, ...augmented].map((x) => selectExamples({ x, shape: rowShape, labels: corpus.y }, indices));
  const x = new Float32Array(parts.reduce((n, p) => n + p.x.length, 0));
  const y = new Int32Array(parts.length * indices.length);
  parts.forEach((p, k) => {
    x.set(p.x, k * p.x.length);
    y.set(p.labels, k * indices.length);
  });
  return { x, shape: rowShape, labels: y };
}
const testData = (indices) => selectExamples({ x: corpus.x, shape: rowShape, labels: corpus.y }, indices);

/** Trains `members` MLPs (seeds seed, seed+100, …) for exactly `epochs` epochs on the same data. */
async function trainEnsemble(train) {
  const trained = [];
  for (let m = 0; m < members; m++) {
    const memberSeed = seed + 100 * m;
    const model = mlp({
      inputShape: rowShape,
      numClasses: labels.length,
      hyperparameters: RECIPE.hyperparameters,
      seed: memberSeed,
    });
    const result = await trainModel(model, train, { epochs, batchSize: RECIPE.batchSize, seed: memberSeed });
    trained.push({ model, standardization: result.standardization });
  }
  return trained;
}

/** Mean class probabilities of an ensemble on raw (unstandardised) examples. */
function ensembleProbabilities(trained, data) {
  const sum = new Float32Array(data.labels.length * labels.length);
  for (const { model, standardization } of trained) {
    const p = predictProbabilities(
      model,
      applyStandardization(data.x, standardization),
      data.shape,
      data.labels.length,
    );
    p.forEach((v, i) => {
      sum[i] += v / trained.length;
    });
  }
  return sum;
}

async function evaluate(name, trained, data) {
  const report = await evaluateModel(ensembleProbabilities(trained, data), null, data.labels, labels);
  log(
    `\n== ${name}: accuracy ${(100 * report.accuracy).toFixed(1)} %, macro-F1 ${(100 * report.macroAvg.f1).toFixed(1)} % (${data.labels.length} files)`,
  );
  log(formatReport(report));
  log('confusion matrix (rows true, columns predicted):');
  log(`${''.padStart(9)}${labels.map((l) => l.slice(0, 7).padStart(8)).join('')}`);
  report.confusionMatrix.forEach((row, i) =>
    log(`${labels[i].padStart(9)}${row.map((v) => String(v).padStart(8)).join('')}`),
  );
  return report;
}
const compact = (r) => ({
  accuracy: r.accuracy,
  macroF1: r.macroAvg.f1,
  weightedF1: r.weightedAvg.f1,
  perClass: Object.fromEntries(r.labels.map((l, i) => [l, r.perClass[i]])),
  confusionMatrix: r.confusionMatrix,
});
const dispose = (trained) => trained.forEach(({ model }) => model.dispose());

// 3. main protocol: RAVDESS actors 17–20 held out
const split = speakerSplit(corpus, { testSpeakers: RECIPE.validationSpeakers });
t0 = performance.now();
const shipped = await trainEnsemble(trainingData(split.train));
log(
  `trained ${members} × ${epochs} epochs on ${split.train.length} files (+${copies} augmented copies) in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
const holdoutReport = await evaluate('RAVDESS actors 17–20 (held out)', shipped, testData(split.test));

// 4. TESS check: speaker OAF held out (and actors 17–20)
const tessSplit = speakerSplit(corpus, { testSpeakers: [...RECIPE.validationSpeakers, RECIPE.tessCheckSpeaker] });
const tessModels = await trainEnsemble(trainingData(tessSplit.train));
const oafRows = tessSplit.test.filter((i) => corpus.items[i].speaker === RECIPE.tessCheckSpeaker);
const tessReport = await evaluate(
  'TESS OAF (held out; trained on RAVDESS 1–16 + TESS YAF)',
  tessModels,
  testData(oafRows),
);
dispose(tessModels);

// 5. 5-fold cross-validation by RAVDESS actor groups
let cv = null;
if (!args['skip-cv']) {
  const folds = [];
  for (const fold of RECIPE.cvFolds) {
    const s = speakerSplit(corpus, { testSpeakers: fold });
    const trained = await trainEnsemble(trainingData(s.train));
    const r = await evaluateModel(
      ensembleProbabilities(trained, testData(s.test)),
      null,
      testData(s.test).labels,
      labels,
    );
    dispose(trained);
    folds.push({ speakers: fold, accuracy: r.accuracy, macroF1: r.macroAvg.f1 });
    log(
      `CV fold ${fold[0]}…${fold[3]}: accuracy ${(100 * r.accuracy).toFixed(1)} %, macro-F1 ${(100 * r.macroAvg.f1).toFixed(1)} %`,
    );
  }
  const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  const accs = folds.map((f) => f.accuracy);
  cv = {
    folds,
    meanAccuracy: mean(accs),
    sdAccuracy: Math.sqrt(mean(accs.map((a) => (a - mean(accs)) ** 2))),
    meanMacroF1: mean(folds.map((f) => f.macroF1)),
  };
  log(
    `CV: accuracy ${(100 * cv.meanAccuracy).toFixed(1)} ± ${(100 * cv.sdAccuracy).toFixed(1)} %, macro-F1 ${(100 * cv.meanMacroF1).toFixed(1)} %`,
  );
}

// 6. one model: the members' layers side by side, probabilities averaged (standard layers only)
const standardization = shipped[0].standardization;
if (shipped.some((m) => JSON.stringify(m.standardization) !== JSON.stringify(standardization))) {
  throw new Error('ensemble members were fitted with different standardisation statistics');
}
const model = averageModels(
  shipped.map((m) => m.model),
  rowShape,
);
const bundle = {
  model,
  metadata: createBundleMetadata(model, {
    labels,
    featureConfig: corpus.featureConfig,
    standardization,
    architecture: `average of ${members} × mlp`,
    hyperparameters: RECIPE.hyperparameters,
    training: {
      corpora: ['ravdess', 'tess'],
      labelSet: RECIPE.labelSet,
      trainSpeakers: split.trainSpeakers,
      validationSpeakers: split.testSpeakers,
      numTrainExamples: split.train.length,
      numAugmentedCopies: copies,
      augmentation: RECIPE.augmentation,
      numValidationExamples: split.test.length,
      epochs,
      batchSize: RECIPE.batchSize,
      members,
      seed,
      earlyStopping: false,
      optimizer: 'adam',
      learningRate: RECIPE.hyperparameters.learning_rate,
      script: 'packages/ser-models/scripts/experiments/train-stats-mlp.mjs',
      dataLicences: { ravdess: 'CC BY-NC-SA 4.0', tess: 'CC BY-NC-ND 4.0' },
    },
    metrics: {
      ravdessHeldOut: compact(holdoutReport),
      tessHeldOutOAF: compact(tessReport),
      ...(cv ? { crossValidation: cv } : {}),
    },
  }),
};
await mkdir(args.out, { recursive: true });
await saveBundle(args.out, bundle);
await writeFile(
  path.join(args.out, 'confusion-matrix.svg'),
  renderConfusionMatrix(holdoutReport.confusionMatrix, labels),
);
log(`\nsaved ${args.out}`);

/**
 * A single functional model whose output is the average of `models`' outputs: each member's layers are
 * re-created from their configs (with a prefix `m<k>_` on every name) and given the member's weights.
 */
function averageModels(models, inputShape) {
  if (models.length === 1) return models[0];
  const input = tfl.input({ shape: inputShape, name: 'features' });
  /** @type {tfl.SymbolicTensor[]} */
  const outputs = [];
  /** @type {[tfl.layers.Layer, tfl.layers.Layer][]} */
  const pairs = [];
  models.forEach((member, k) => {
    let x = input;
    for (const layer of member.layers) {
      if (layer.getClassName() === 'InputLayer') continue;
      const LayerClass = layer.constructor;
      const clone = LayerClass.fromConfig(LayerClass, { ...layer.getConfig(), name: `m${k}_${layer.name}` });
      x = /** @type {tfl.SymbolicTensor} */ (clone.apply(x));
      pairs.push([clone, layer]);
    }
    outputs.push(x);
  });
  const combined = tfl.model({
    inputs: input,
    outputs: /** @type {tfl.SymbolicTensor} */ (tfl.layers.average({ name: 'ensemble_average' }).apply(outputs)),
    name: 'ser_default',
  });
  for (const [clone, layer] of pairs) clone.setWeights(layer.getWeights());
  return combined;
}
