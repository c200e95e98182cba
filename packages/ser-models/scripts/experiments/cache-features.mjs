#!/usr/bin/env node
// Extracts one feature configuration for RAVDESS (actors present) + TESS with the ekman7 label set,
// through @ser/datasets (scan → applyLabelSet → extractFeatures) and saves it with saveCorpus.
// Usage: node cache-features.mjs --corpus ../shared/datasets --feature logmel [--config '{"frames":200}']
//        [--out /tmp/ser-cache] [--name logmel200] [--workers 2]
import { parseArgs } from 'node:util';
import path from 'node:path';
import { applyLabelSet, extractFeatures, saveCorpus, scanRavdess, scanTess } from '@ser/datasets';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    feature: { type: 'string', default: 'ser180' },
    config: { type: 'string', default: '{}' },
    out: { type: 'string', default: '/tmp/ser-cache' },
    name: { type: 'string' },
    workers: { type: 'string', default: '2' },
  },
});
if (!values.corpus) throw new Error('--corpus <datasets dir> is required');
const root = path.resolve(values.corpus);
const ravdess = await scanRavdess(path.join(root, 'ravdess'));
const tess = await scanTess(path.join(root, 'tess'));
const labelled = applyLabelSet([...ravdess.items, ...tess.items], 'ekman7');
const started = performance.now();
const corpus = await extractFeatures(labelled, {
  featureConfig: { featureSet: values.feature, ...JSON.parse(values.config) },
  workers: Number(values.workers),
});
const seconds = (performance.now() - started) / 1000;
const name = values.name ?? values.feature;
await saveCorpus(values.out, name, corpus);
console.log(
  `${name}: ${corpus.shape.join('×')} in ${seconds.toFixed(1)} s (${(corpus.shape[0] / seconds).toFixed(0)} files/s), ` +
    `${corpus.failures.length} failures, config ${JSON.stringify(corpus.featureConfig)}`,
);
for (const f of corpus.failures) console.log('  failed:', f.path, f.error);
