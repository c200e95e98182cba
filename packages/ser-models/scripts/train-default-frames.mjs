#!/usr/bin/env node
/**
 * Builds the pretrained default model of @ser/models (pretrained/default) from the frame recipe
 * (scripts/frame-recipe.mjs), deterministically (seeded, one thread):
 *   scan RAVDESS actors 1–20 + TESS → ekman7 → logmel (64 bands, 300 frames, per-recording CMVN) with
 *   @ser/datasets extractFeatures → train FRAME_RECIPE.seeds members of attentionCnn for a fixed number of epochs
 *   → average them into one model (averageModels) → saveBundle, with the cross-validation figures of
 *   experiments/frame-cv.mjs (read from --cv <results.json>) in its metadata.
 *
 *   node scripts/train-default-frames.mjs --corpus ../../shared/datasets [--out pretrained/default] [--cv cv.json]
 *   node scripts/train-default-frames.mjs --corpus … --variant calibrated        # → pretrained/default-calibrated
 *   node scripts/train-default-frames.mjs --corpus … --hold-out ravdess:17,ravdess:18,ravdess:19,ravdess:20 --out /tmp/fold
 *
 * `--variant calibrated` builds the speaker-calibrated default (CALIBRATED_RECIPE, issue 13): un-normalised log-mel
 * minus each recording's speaker offset (calibration-offsets.mjs: their neutral recordings with other words) →
 * calibratedAttentionCnn; its ser-model.json says it needs a calibration. Its cross-validation is
 * experiments/calibration-cv.mjs.
 *
 * With --hold-out the named speakers are left out of training (and recorded as validation speakers), so that
 * `ser evaluate <their recordings> --model <out>` reproduces a cross-validation fold.
 */
import { mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { applyLabelSet, extractFeatures, scanRavdess, scanTess } from '@ser/datasets';
import { averageModels, calibratedFeatures, createBundleMetadata, initBackend, selectExamples } from '@ser/models';
import { saveBundle } from '@ser/models/node';
import { CALIBRATED_RECIPE, FRAME_RECIPE, trainRecipeMember } from './frame-recipe.mjs';
import { calibrationOffsets } from './calibration-offsets.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string' },
    variant: { type: 'string', default: 'default' },
    out: { type: 'string' },
    'hold-out': { type: 'string', default: '' },
    cv: { type: 'string' },
    seeds: { type: 'string', default: FRAME_RECIPE.seeds.join(',') },
    epochs: { type: 'string', default: String(FRAME_RECIPE.epochs) },
    workers: { type: 'string', default: '2' },
  },
});
if (!args.corpus) {
  console.error(
    'usage: train-default-frames.mjs --corpus <datasets dir with ravdess/ and tess/> [--out dir] [--hold-out ids] [--cv results.json]',
  );
  process.exit(2);
}
if (!['default', 'calibrated'].includes(args.variant)) {
  console.error(`--variant must be default or calibrated, got ${args.variant}`);
  process.exit(2);
}
const calibrated = args.variant === 'calibrated';
const recipe = calibrated ? CALIBRATED_RECIPE : FRAME_RECIPE;
const out = args.out ?? path.resolve(here, calibrated ? '../pretrained/default-calibrated' : '../pretrained/default');
const log = (...a) => console.log(...a);
const backend = await initBackend();
log(`backend: ${backend.name}${backend.simd ? ' (SIMD)' : ''}`);
const root = path.resolve(args.corpus);
const ravdess = await scanRavdess(path.join(root, 'ravdess'));
const tess = await scanTess(path.join(root, 'tess'));
const labelled = applyLabelSet([...ravdess.items, ...tess.items], recipe.labelSet);
let t0 = performance.now();
const corpus = await extractFeatures(labelled, { featureConfig: recipe.featureConfig, workers: Number(args.workers) });
if (corpus.failures.length > 0)
  throw new Error(`feature extraction failed for ${corpus.failures.length} files: ${corpus.failures[0].error}`);
log(
  `features ${JSON.stringify(corpus.featureConfig)}: ${corpus.shape.join('×')} in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
const labels = /** @type {string[]} */ (corpus.labelSet.labels);
const rowShape = corpus.shape.slice(1);
const heldOut = args['hold-out']
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const trainRows = corpus.items.flatMap((item, i) => (heldOut.includes(item.speaker) ? [] : [i]));
if (calibrated) {
  t0 = performance.now();
  const { offsets, enrolled } = await calibrationOffsets(corpus);
  const [rows, frames, bands] = corpus.shape;
  const size = frames * bands;
  for (let r = 0; r < rows; r++)
    corpus.x.set(
      calibratedFeatures(corpus.x.subarray(r * size, (r + 1) * size), offsets.subarray(r * bands, (r + 1) * bands)),
      r * size,
    );
  log(
    `calibration offsets: ${Math.min(...enrolled)}–${Math.max(...enrolled)} neutral recordings per speaker, in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
}
const train = selectExamples({ x: corpus.x, shape: rowShape, labels: corpus.y }, trainRows);
const seeds = args.seeds.split(',').map(Number);
const epochs = Number(args.epochs);

const members = [];
/** @type {import('@ser/models').Standardization | undefined} */
let standardization;
for (const seed of seeds) {
  t0 = performance.now();
  const { model, result } = await trainRecipeMember(train, seed, { ...recipe, epochs, numClasses: labels.length });
  if (standardization && JSON.stringify(standardization) !== JSON.stringify(result.standardization)) {
    throw new Error('ensemble members were fitted with different standardisation statistics');
  }
  standardization = result.standardization;
  members.push(model);
  log(
    `member seed ${seed}: ${epochs} epochs on ${train.labels.length} recordings in ${((performance.now() - t0) / 1000).toFixed(0)} s ` +
      `(final training loss ${/** @type {import('@ser/models').EpochLog} */ (result.history.at(-1)).loss.toFixed(3)})`,
  );
}
const model = averageModels(members, rowShape, calibrated ? 'ser_default_calibrated' : 'ser_default');
const trainSpeakers = [...new Set(trainRows.map((i) => corpus.items[i].speaker))].sort();
const crossValidation = args.cv ? JSON.parse(readFileSync(path.resolve(args.cv), 'utf8')) : undefined;
const bundle = {
  model,
  metadata: createBundleMetadata(model, {
    labels,
    featureConfig: corpus.featureConfig,
    standardization: /** @type {import('@ser/models').Standardization} */ (standardization),
    architecture: `average of ${seeds.length} × ${recipe.architecture}`,
    hyperparameters: recipe.hyperparameters,
    ...(calibrated ? { calibration: recipe.calibration } : {}),
    training: {
      corpora: ['ravdess', 'tess'],
      labelSet: recipe.labelSet,
      trainSpeakers,
      validationSpeakers: heldOut,
      numTrainExamples: train.labels.length,
      epochs,
      batchSize: recipe.batchSize,
      seeds,
      earlyStopping: false,
      optimizer: 'adamw',
      weightDecay: recipe.weightDecay,
      schedule: 'one-cycle',
      maxLearningRate: recipe.maxLearningRate,
      labelSmoothing: recipe.labelSmoothing,
      augmentation: { kind: 'frames', ...recipe.augmentation },
      workers: recipe.workers,
      ...(calibrated
        ? {
            calibrationEnrolment:
              "each recording: its speaker's neutral recordings with other words (calibration-offsets.mjs)",
          }
        : {}),
      script: 'packages/ser-models/scripts/train-default-frames.mjs',
      dataLicences: { ravdess: 'CC BY-NC-SA 4.0', tess: 'CC BY-NC-ND 4.0' },
    },
    ...(crossValidation ? { metrics: { crossValidation } } : {}),
  }),
};
await mkdir(out, { recursive: true });
await saveBundle(out, bundle);
log(
  `saved ${out} (${seeds.length} members, trained on ${trainSpeakers.length} speakers${heldOut.length ? `, held out ${heldOut.join(', ')}` : ''})`,
);
