#!/usr/bin/env node
// Summarises the saved test probabilities of frame-cv.mjs / calibration-cv.mjs runs (no training): per fold the
// single-seed and seed-ensemble accuracy and macro-F1, and over all folds pooled per-class precision/recall/F1 and
// the confusion matrix of the ensembles — the model card's tables. Optionally averages with other tags' probabilities
// (e.g. the stats MLP) to score cross-recipe ensembles.
//   node scripts/experiments/summarize-cv.mjs --features logmel-cmvn --tag attn-v1 [--with stats-mlp] [--json out.json]
import { parseArgs } from 'node:util';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateModel, formatReport } from '@ser/models';
import { CACHE, CV_FOLDS, cached, rowsWhere } from './lib.mjs';

const { values: o } = parseArgs({
  options: {
    features: { type: 'string', default: 'logmel-cmvn-wrap' },
    tag: { type: 'string' },
    with: { type: 'string', default: '' },
    json: { type: 'string' },
    splits: { type: 'string', default: 'cv' },
  },
});
if (!o.tag) throw new Error('--tag is required');
const base = await cached(o.features);
const labels = /** @type {string[]} */ (base.labelSet.labels);
const k = labels.length;
const tags = [o.tag, ...o.with.split(',').filter(Boolean)];

/** Probability files of one tag and split: { seed → Float32Array } (`field` 'chunked': the --chunk scores). */
function runsOf(tag, split, field = 'p') {
  const dir = path.join(CACHE, 'probs', tag);
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.startsWith(`${split}-s`) && f.endsWith('.json'))
      .map((f) => [Number(f.slice(split.length + 2, -5)), JSON.parse(readFileSync(path.join(dir, f), 'utf8'))[field]])
      .filter(([, p]) => Array.isArray(p))
      .map(([seed, p]) => [seed, Float32Array.from(p)]),
  );
}
const splits =
  o.splits === 'tess'
    ? ['OAF', 'YAF'].map((s) => ({ name: `tess-${s}`, speakers: [`tess:${s}`] }))
    : CV_FOLDS.map((fold, i) => ({ name: `fold${i}`, speakers: fold }));
const pooledTrue = [];
const pooledP = [];
const folds = [];
for (const split of splits) {
  const rows = rowsWhere(base, (s) => split.speakers.includes(s));
  const y = rows.map((r) => base.y[r]);
  const perTag = tags.map((tag) => runsOf(tag, split.name));
  if (Object.keys(perTag[0]).length === 0) continue;
  const mean = (list) => {
    const out = new Float32Array(y.length * k);
    for (const p of list)
      p.forEach((v, i) => {
        out[i] += v / list.length;
      });
    return out;
  };
  const ensembles = perTag.map((runs) => mean(Object.values(runs)));
  const combined = mean(ensembles);
  const single = await Promise.all(
    Object.entries(perTag[0]).map(async ([seed, p]) => ({
      seed: Number(seed),
      ...summary(await evaluateModel(p, null, y, labels)),
    })),
  );
  const ensembleReport = await evaluateModel(ensembles[0], null, y, labels);
  const combinedReport = tags.length > 1 ? await evaluateModel(combined, null, y, labels) : null;
  const chunkedRuns = runsOf(tags[0], split.name, 'chunked');
  const chunked =
    Object.keys(chunkedRuns).length > 0
      ? {
          single: await Promise.all(
            Object.entries(chunkedRuns).map(async ([seed, p]) => ({
              seed: Number(seed),
              ...summary(await evaluateModel(p, null, y, labels)),
            })),
          ),
          ensemble: summary(await evaluateModel(mean(Object.values(chunkedRuns)), null, y, labels)),
        }
      : null;
  folds.push({
    split: split.name,
    speakers: split.speakers,
    n: y.length,
    single,
    ensemble: summary(ensembleReport),
    ...(combinedReport ? { combined: summary(combinedReport) } : {}),
    ...(chunked ? { chunked } : {}),
  });
  pooledTrue.push(...y);
  pooledP.push(...(combinedReport ? combined : ensembles[0]));
  console.log(
    `${split.name}: seeds ${single.map((s) => `${s.seed}: ${(100 * s.accuracy).toFixed(1)}`).join(', ')} % | ensemble ${(100 * ensembleReport.accuracy).toFixed(1)} %` +
      (combinedReport ? ` | with ${tags.slice(1).join('+')}: ${(100 * combinedReport.accuracy).toFixed(1)} %` : '') +
      (chunked
        ? ` | 2-s chunks: seeds ${chunked.single.map((c) => (100 * c.accuracy).toFixed(1)).join(', ')} %, ensemble ${(100 * chunked.ensemble.accuracy).toFixed(1)} %`
        : ''),
  );
}
/**
 * @typedef {{ accuracy: number, macroF1: number }} Summary
 * @typedef {{ single: ({ seed: number } & Summary)[], ensemble: Summary }} ChunkedSummary
 */
/**
 * @param {import('@ser/models').EvaluationReport} r
 * @returns {Summary}
 */
function summary(r) {
  return { accuracy: r.accuracy, macroF1: r.macroAvg.f1 };
}
/** @type {(a: number[]) => number} */
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
const sd = (a) => Math.sqrt(mean(a.map((v) => (v - mean(a)) ** 2)));
const singles = folds.flatMap((f) => f.single.map((s) => s.accuracy));
const ens = folds.map((f) => f.ensemble.accuracy);
const pooled = await evaluateModel(Float32Array.from(pooledP), null, pooledTrue, labels);
const result = {
  tag: o.tag,
  with: tags.slice(1),
  folds,
  singleAccuracy: { mean: mean(singles), sd: sd(singles), n: singles.length },
  ensembleAccuracy: { mean: mean(ens), sd: sd(ens) },
  ensembleMacroF1: mean(folds.map((f) => f.ensemble.macroF1)),
  ...(folds.every((f) => f.chunked)
    ? {
        chunkedEnsembleAccuracy: {
          mean: mean(folds.map((f) => /** @type {ChunkedSummary} */ (f.chunked).ensemble.accuracy)),
          sd: sd(folds.map((f) => /** @type {ChunkedSummary} */ (f.chunked).ensemble.accuracy)),
        },
        chunkedSingleAccuracy: {
          mean: mean(folds.flatMap((f) => /** @type {ChunkedSummary} */ (f.chunked).single.map((c) => c.accuracy))),
        },
      }
    : {}),
  ...(tags.length > 1
    ? {
        combinedAccuracy: {
          mean: mean(folds.map((f) => /** @type {Summary} */ (f.combined).accuracy)),
          sd: sd(folds.map((f) => /** @type {Summary} */ (f.combined).accuracy)),
        },
      }
    : {}),
  pooled: {
    accuracy: pooled.accuracy,
    macroF1: pooled.macroAvg.f1,
    perClass: Object.fromEntries(labels.map((l, i) => [l, pooled.perClass[i]])),
    confusionMatrix: pooled.confusionMatrix,
  },
};
console.log(
  `single models: ${(100 * result.singleAccuracy.mean).toFixed(1)} ± ${(100 * result.singleAccuracy.sd).toFixed(1)} % (${singles.length} runs); ` +
    `ensembles: ${(100 * result.ensembleAccuracy.mean).toFixed(1)} ± ${(100 * result.ensembleAccuracy.sd).toFixed(1)} %` +
    (result.chunkedEnsembleAccuracy
      ? `; 2-s chunks: ensembles ${(100 * result.chunkedEnsembleAccuracy.mean).toFixed(1)} ± ${(100 * result.chunkedEnsembleAccuracy.sd).toFixed(1)} %`
      : '') +
    (result.combinedAccuracy
      ? `; with ${tags.slice(1).join('+')}: ${(100 * result.combinedAccuracy.mean).toFixed(1)} ± ${(100 * result.combinedAccuracy.sd).toFixed(1)} %`
      : ''),
);
console.log(`pooled over folds (${pooledTrue.length} recordings):\n${formatReport(pooled)}`);
if (o.json) writeFileSync(o.json, JSON.stringify(result, null, 2));
