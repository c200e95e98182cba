#!/usr/bin/env node
// Speaker calibration for frame models (issue 13), speaker-independently cross-validated like frame-cv.mjs.
// Every recording's un-normalised log-mel (cache `logmel-wrap-plain`: the recipe's log-mel without CMVN) minus
// its speaker's calibration offset — enrollmentBandMeans() over that speaker's neutral recordings whose words
// differ from the scored recording's (RAVDESS: the other statement; TESS: the other words), each taken whole —
// then the frame recipe on calibratedAttentionCnn (a CMVN view and a speaker-relative view of the input), with
// crops that keep their own levels. The protocol of `ser evaluate --calibrate neutral`.
//   node scripts/experiments/calibration-cv.mjs --seeds 1 [--folds 0,4] [--arch attentionCnn]
// --arch attentionCnn trains the plain recipe architecture on the same offset features (the earlier variant).
// Results: $SER_CACHE/results.jsonl; per-fold probabilities in $SER_CACHE/probs/<tag>/, models in
// $SER_CACHE/models/<tag>/.
import { parseArgs } from 'node:util';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as models from '@ser/models';
import { saveBundle } from '@ser/models/node';
import { CACHE, CV_FOLDS, cached, rowsWhere, subset } from './lib.mjs';
import { CALIBRATED_RECIPE, FRAME_RECIPE, trainRecipeMember } from '../frame-recipe.mjs';
import { calibrationOffsets } from '../calibration-offsets.mjs';

const { values: o } = parseArgs({
  options: {
    features: { type: 'string', default: 'logmel-wrap-plain' },
    seeds: { type: 'string', default: '1' },
    folds: { type: 'string' },
    arch: { type: 'string', default: 'calibratedAttentionCnn' },
    tag: { type: 'string' },
    epochs: { type: 'string', default: '30' },
  },
});
const tag = o.tag ?? `calibrated-${o.arch}-${o.features}`;
await models.initBackend();
const base = await cached(o.features);
const labels = /** @type {string[]} */ (base.labelSet.labels);
const [rows, frames, bands] = base.shape;
const { offsets, enrolled } = await calibrationOffsets(base);
const size = frames * bands;
const x = new Float32Array(base.x.length);
for (let r = 0; r < rows; r++)
  x.set(
    models.calibratedFeatures(base.x.subarray(r * size, (r + 1) * size), offsets.subarray(r * bands, (r + 1) * bands)),
    r * size,
  );
const data = { ...base, x };
const probsDir = path.join(CACHE, 'probs', tag);
mkdirSync(probsDir, { recursive: true });
/** @type {(p: ArrayLike<number>, y: ArrayLike<number>) => number} */
const accuracyOf = (p, y) => {
  let correct = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let c = 1; c < labels.length; c++) if (p[i * labels.length + c] > p[i * labels.length + best]) best = c;
    if (best === y[i]) correct++;
  }
  return correct / y.length;
};
const overrides = {
  epochs: Number(o.epochs),
  numClasses: labels.length,
  architecture: o.arch,
  augmentation: CALIBRATED_RECIPE.augmentation,
};
/** @type {Record<string, unknown> & { folds: Record<string, { accuracies: number[], ensembleAccuracy: number, n: number }>, meanAccuracy?: number }} */
const record = { time: new Date().toISOString(), tag, ...o, folds: {} };
const seeds = o.seeds.split(',').map(Number);
/** @type {[number, string[]][]} */
const folds = CV_FOLDS.map((fold, i) => /** @type {[number, string[]]} */ ([i, fold])).filter(
  ([i]) => !o.folds || o.folds.split(',').map(Number).includes(i),
);
for (const [i, fold] of folds) {
  const test = subset(
    data,
    rowsWhere(data, (s) => fold.includes(s)),
  );
  /** @type {Float32Array | null} */
  let ensemble = null;
  /** @type {number[]} */
  const accuracies = [];
  for (const seed of seeds) {
    const file = path.join(probsDir, `fold${i}-s${seed}.json`);
    let p;
    if (existsSync(file)) p = Float32Array.from(JSON.parse(readFileSync(file, 'utf8')).p);
    else {
      const { model, result, seconds } = await trainRecipeMember(
        subset(
          data,
          rowsWhere(data, (s) => !fold.includes(s)),
        ),
        seed,
        overrides,
      );
      p = models.predictProbabilities(
        model,
        models.applyStandardization(test.x, result.standardization),
        test.shape,
        test.labels.length,
      );
      await saveBundle(path.join(CACHE, 'models', tag, `fold${i}-s${seed}`), {
        model,
        metadata: models.createBundleMetadata(model, {
          labels,
          featureConfig: base.featureConfig,
          standardization: result.standardization,
          architecture: o.arch,
          hyperparameters: FRAME_RECIPE.hyperparameters,
        }),
      });
      model.dispose();
      writeFileSync(`${file}.tmp`, JSON.stringify({ p: Array.from(p), seconds }));
      renameSync(`${file}.tmp`, file);
      console.log(`fold${i} seed ${seed}: trained in ${seconds.toFixed(0)} s`);
    }
    accuracies.push(accuracyOf(p, test.labels));
    ensemble = ensemble ? ensemble.map((v, k) => v + p[k]) : Float32Array.from(p);
    console.log(`fold${i} seed ${seed}: acc ${(100 * /** @type {number} */ (accuracies.at(-1))).toFixed(1)} %`);
  }
  record.folds[`fold${i}`] = {
    accuracies,
    ensembleAccuracy: accuracyOf(/** @type {Float32Array} */ (ensemble), test.labels),
    n: test.labels.length,
  };
}
/** @type {(a: number[]) => number} */
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
const all = Object.values(record.folds).flatMap((f) => f.accuracies);
record.meanAccuracy = mean(all);
console.log(
  `${tag}: mean accuracy ${(100 * mean(all)).toFixed(1)} % over ${all.length} runs; enrollment sizes ${Math.min(...enrolled)}–${Math.max(...enrolled)} recordings`,
);
appendFileSync(path.join(CACHE, 'results.jsonl'), JSON.stringify(record) + '\n');
