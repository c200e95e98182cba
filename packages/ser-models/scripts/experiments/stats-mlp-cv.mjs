#!/usr/bin/env node
// The previous default recipe (3 averaged MLPs on the 231 `stats` features + one augmented copy, 20 epochs) on the
// frame recipe's folds, saving its test probabilities in frame-cv.mjs' layout ($SER_CACHE/probs/<tag>/fold<i>-s1.json,
// rows in the order of --align's corpus), so that summarize-cv.mjs can compare and average the two.
//   node scripts/experiments/cache-features.mjs --corpus $D --feature stats --name stats231
//   node scripts/experiments/cache-augmented.mjs --corpus $D --base stats231 --copy 1
//   node scripts/experiments/stats-mlp-cv.mjs --features stats231 --aug stats231-default1 --align logmel-cmvn
import { parseArgs } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as models from '@ser/models';
import { CACHE, CV_FOLDS, cached, concat, rowsWhere, subset } from './lib.mjs';

const { values: o } = parseArgs({
  options: {
    features: { type: 'string', default: 'stats231' },
    aug: { type: 'string', default: 'stats231-default1' },
    align: { type: 'string', default: 'logmel-cmvn' },
    tag: { type: 'string', default: 'stats-mlp' },
  },
});
await models.initBackend();
const base = await cached(o.features);
const aug = await cached(o.aug);
const align = await cached(o.align);
const same =
  base.items.length === align.items.length && base.items.every((item, i) => item.path === align.items[i].path);
if (!same) throw new Error(`${o.features} and ${o.align} do not hold the same recordings in the same order`);
const labels = /** @type {string[]} */ (base.labelSet.labels);
const dir = path.join(CACHE, 'probs', o.tag);
mkdirSync(dir, { recursive: true });
for (const [i, fold] of CV_FOLDS.entries()) {
  const keep = (s) => !fold.includes(s);
  const train = concat([base, aug].map((c) => subset(c, rowsWhere(c, keep))));
  const test = subset(
    base,
    rowsWhere(base, (s) => fold.includes(s)),
  );
  const sum = new Float32Array(test.labels.length * labels.length);
  for (const seed of [1, 101, 201]) {
    const model = models.mlp({ inputShape: train.shape, numClasses: labels.length, seed });
    const result = await models.trainModel(model, train, { epochs: 20, batchSize: 32, seed });
    const p = models.predictProbabilities(
      model,
      models.applyStandardization(test.x, result.standardization),
      test.shape,
      test.labels.length,
    );
    p.forEach((v, k) => {
      sum[k] += v / 3;
    });
    model.dispose();
  }
  writeFileSync(path.join(dir, `fold${i}-s1.json`), JSON.stringify({ p: Array.from(sum) }));
  let correct = 0;
  /** @type {Int32Array} */ (test.labels).forEach((y, r) => {
    let best = 0;
    for (let c = 1; c < labels.length; c++) if (sum[r * labels.length + c] > sum[r * labels.length + best]) best = c;
    if (best === y) correct++;
  });
  console.log(`fold${i}: ${((100 * correct) / test.labels.length).toFixed(1)} %`);
}
