#!/usr/bin/env node
/**
 * Benchmark: extract `ser180` for RAVDESS actors 1–20 + TESS (3998 files) with 1 worker and with all cores.
 * Prints wall time, files/second, peak RSS (main thread + worker threads share the process), and where the
 * time goes on one thread (decode / mono / resample / features) over a sample of files.
 *
 *   node bench/extract.mjs [--limit N] [--workers 1,2] [--sample 100] [--feature-set ser180]
 *
 * Needs the built package (`npx nx run @ser/datasets:build`) and ../shared/datasets beside the repository.
 */
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { computeFeatures, featureConfig, resample, toMono } from '@ser/audio-features';
import { readAudioFile } from '@ser/audio-features/node';
import { extractFeatures, scanRavdess, scanTess } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const datasets = resolve(here, '../../../../shared/datasets');
const { values } = parseArgs({
  options: {
    limit: { type: 'string' },
    workers: { type: 'string', default: `1,${availableParallelism()}` },
    sample: { type: 'string', default: '100' },
    'feature-set': { type: 'string', default: 'ser180' },
  },
});

const items = [
  ...(await scanRavdess(resolve(datasets, 'ravdess'))).items,
  ...(await scanTess(resolve(datasets, 'tess'))).items,
];
const files = values.limit ? items.slice(0, Number(values.limit)) : items;
const config = featureConfig(/** @type {import('@ser/audio-features').FeatureSetName} */ (values['feature-set']));
console.log(
  `@ser/datasets extraction benchmark — ${files.length} files, ${config.featureSet} (sr ${config.sr}), node ${process.version}, ` +
    `${availableParallelism()} cores, load average ${loadavg()
      .map((v) => v.toFixed(1))
      .join(' ')}`,
);

/** Peak RSS of the process (worker threads included), sampled every 20 ms. */
function trackPeakRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

// 1. Where the time goes, on this thread, over an evenly spaced sample.
const sampleSize = Math.min(Number(values.sample), files.length);
const step = files.length / sampleSize;
const timing = { decode: 0, mono: 0, resample: 0, features: 0 };
let audioSeconds = 0;
for (let i = 0; i < sampleSize; i++) {
  const path = files[Math.floor(i * step)].path;
  let t = performance.now();
  const audio = await readAudioFile(path);
  timing.decode += performance.now() - t;
  t = performance.now();
  const mono = toMono(audio.channels);
  timing.mono += performance.now() - t;
  t = performance.now();
  const y =
    audio.sampleRate === config.sr ? mono : resample(mono, audio.sampleRate, config.sr, { method: 'polyphase' });
  timing.resample += performance.now() - t;
  t = performance.now();
  computeFeatures(y, config);
  timing.features += performance.now() - t;
  audioSeconds += mono.length / audio.sampleRate;
}
const total = Object.values(timing).reduce((a, b) => a + b, 0);
console.log(
  `\none thread, ${sampleSize} files (${audioSeconds.toFixed(0)} s of audio): ${(total / sampleSize).toFixed(1)} ms/file`,
);
for (const [stage, ms] of Object.entries(timing)) {
  console.log(
    `  ${stage.padEnd(9)} ${(ms / sampleSize).toFixed(2).padStart(7)} ms/file  ${((100 * ms) / total).toFixed(1).padStart(5)} %`,
  );
}

// 2. The whole run with each worker count.
console.log('\nworkers  wall (s)  files/s  peak RSS (MiB)  failures');
for (const workers of values.workers.split(',').map(Number)) {
  const stopRss = trackPeakRss();
  const started = performance.now();
  const corpus = await extractFeatures(files, { featureConfig: config, workers });
  const seconds = (performance.now() - started) / 1000;
  const peak = stopRss();
  console.log(
    `${String(workers).padStart(7)}  ${seconds.toFixed(2).padStart(8)}  ${(files.length / seconds).toFixed(1).padStart(7)}  ${(peak / 2 ** 20).toFixed(0).padStart(14)}  ${String(corpus.failures.length).padStart(8)}`,
  );
}
console.log('\nreference: librosa 0.11 (python, 1 core) ≈ 82 files/s, ≈ 50 s for these 3998 files');
