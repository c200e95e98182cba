#!/usr/bin/env node
// How the default recipe's models should see chunks: scores the unseen actors of CV folds with the fold models that
// frame-cv.mjs saved ($SER_CACHE/models/<tag>/fold<i>-s<seed>), in three ways — each recording whole; 2-s chunks
// featurised alone (a last piece under 1 s joins the previous chunk), duration-weighted; and the same chunks each
// predicted from a window of `--context` seconds centred on the chunk (clamped to the recording), so the model sees
// its native length while results keep 2-s resolution.
//   node scripts/experiments/chunk-context.mjs --tag wrap-crop100 [--context 3] [--chunk 2]
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadAudio } from '@ser/audio-features/node';
import * as models from '@ser/models';
import { loadBundle } from '@ser/models/node';
import { CACHE, CV_FOLDS, cached, rowsWhere } from './lib.mjs';

const { values: o } = parseArgs({
  options: {
    tag: { type: 'string', default: 'wrap-crop100' },
    features: { type: 'string', default: 'logmel-cmvn-wrap' },
    context: { type: 'string', default: '3' },
    chunk: { type: 'string', default: '2' },
  },
});
await models.initBackend();
const base = await cached(o.features);
const labels = base.labelSet.labels;
const sr = base.featureConfig.sr;
// The recognizer's own rules (planChunks, modelWindow), so these figures describe what `ser analyze` does.
const lengths = models.chunkLengths(Number(o.chunk), Number(o.chunk), sr);
const context = Math.round(Number(o.context) * sr);

const argmax = (p) => p.indexOf(Math.max(...p));
const totals = { whole: 0, chunks: 0, context: 0, n: 0 };
const dir = path.join(CACHE, 'models', o.tag);
for (const [f, fold] of CV_FOLDS.entries()) {
  const names = existsSync(dir) ? readdirSync(dir).filter((d) => d.startsWith(`fold${f}-s`)) : [];
  if (names.length === 0) continue;
  const bundles = await Promise.all(names.map((d) => loadBundle(path.join(dir, d))));
  const rows = rowsWhere(base, (s) => fold.includes(s));
  const correct = { whole: 0, chunks: 0, context: 0 };
  for (const row of rows) {
    const { samples } = await loadAudio(base.items[row].path, { sr });
    const mean = (fn) => {
      const out = new Array(labels.length).fill(0);
      for (const b of bundles)
        fn(b).forEach((v, c) => {
          out[c] += v / bundles.length;
        });
      return out;
    };
    const whole = mean((b) => Array.from(models.predict(b, samples, sr).probabilities));
    const spans = models.planChunks(samples.length, lengths).map(({ start, end }) => [start, end]);
    const weighted = (window) =>
      mean((b) => {
        const out = new Array(labels.length).fill(0);
        for (const [a, e] of spans) {
          const [s0, s1] = window(a, e);
          const p = models.predict(b, samples.subarray(s0, s1), sr).probabilities;
          for (let c = 0; c < labels.length; c++) out[c] += (p[c] * (e - a)) / samples.length;
        }
        return out;
      });
    const y = base.y[row];
    if (argmax(whole) === y) correct.whole++;
    if (argmax(weighted((a, e) => [a, e])) === y) correct.chunks++;
    const window = (start, end) => {
      const w = models.modelWindow({ start, end }, context, samples.length);
      return [w.start, w.end];
    };
    if (argmax(weighted(window)) === y) correct.context++;
  }
  const pct = (k) => ((100 * correct[k]) / rows.length).toFixed(1);
  console.log(
    `fold${f} (${names.join(', ')}): whole ${pct('whole')} % | ${o.chunk}-s chunks ${pct('chunks')} % | ${o.chunk}-s chunks seen through ${o.context} s ${pct('context')} %`,
  );
  for (const k of ['whole', 'chunks', 'context']) totals[k] += correct[k];
  totals.n += rows.length;
}
const pct = (k) => ((100 * totals[k]) / totals.n).toFixed(1);
console.log(
  `pooled (${totals.n}): whole ${pct('whole')} % | chunks ${pct('chunks')} % | chunks with context ${pct('context')} %`,
);
