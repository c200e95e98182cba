#!/usr/bin/env node
// Inference speed of the shipped default model: a 60-second recording (real RAVDESS speech, 16 kHz, files
// concatenated) cut into 30 two-second chunks, predicted one chunk at a time and as one batch; also one
// chunk given at 48 kHz (resampling included). Prints ms per chunk, total, and the bundle's size on disk.
// Wall times are medians and bests of 5 passes; CPU time (process.cpuUsage) is less sensitive to other jobs.
// Usage: node bench-default-model.mjs --corpus ../shared/datasets [--dir pretrained/default]
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadAudio } from '@ser/audio-features/node';
import { createRecognizer, initBackend, predict, predictBatch } from '@ser/models';
import { defaultModelDir, loadBundle } from '@ser/models/node';

const { values: o } = parseArgs({ options: { corpus: { type: 'string' }, dir: { type: 'string' } } });
if (!o.corpus) throw new Error('--corpus <datasets dir> is required');
const dir = o.dir ?? defaultModelDir();
const backend = await initBackend();
const bundle = await loadBundle(dir);
const sr = 16000;
const actorDir = path.join(o.corpus, 'ravdess/Actor_18');
const audio = new Float32Array(60 * sr);
let at = 0;
for (const name of readdirSync(actorDir).sort()) {
  if (at >= audio.length) break;
  const { samples } = await loadAudio(path.join(actorDir, name), { sr });
  audio.set(samples.subarray(0, Math.min(samples.length, audio.length - at)), at);
  at += samples.length;
}
const chunks = Array.from({ length: 30 }, (_, i) => audio.subarray(i * 2 * sr, (i + 1) * 2 * sr));
predict(bundle, chunks[0], sr); // warm-up
/**
 * Runs `fn` five times; sorted wall times and the process's CPU times in ms (CPU time is inflated less by a busy
 * machine than wall time).
 */
function timePasses(fn) {
  const passes = [];
  for (let pass = 0; pass < 5; pass++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const cpu = process.cpuUsage(cpu0);
    passes.push({ wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 });
  }
  return {
    walls: passes.map((p) => p.wall).sort((a, b) => a - b),
    cpus: passes.map((p) => p.cpu).sort((a, b) => a - b),
  };
}
const { walls, cpus } = timePasses(() => {
  for (const chunk of chunks) predict(bundle, chunk, sr);
});
const oneByOne = walls[2];
let t = performance.now();
predictBatch(
  bundle,
  chunks.map((samples) => ({ samples, sampleRate: sr })),
);
const batched = performance.now() - t;
// The recognizer every front end uses: 2-s chunks, each seen through the model's native 3 s (contextSeconds).
const recognizer = createRecognizer({ bundle });
const { walls: analyzeWalls, cpus: analyzeCpus } = timePasses(() => recognizer.analyze(audio, sr));
const at48k = await loadAudio(path.join(actorDir, readdirSync(actorDir).sort()[0]), { sr: 48000 });
t = performance.now();
for (let i = 0; i < 10; i++) predict(bundle, at48k.samples.subarray(0, 2 * 48000), 48000);
const resampled = (performance.now() - t) / 10;
const bytes = readdirSync(dir).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
const modelBytes = ['model.json', 'weights.bin', 'ser-model.json'].reduce(
  (n, f) => n + statSync(path.join(dir, f)).size,
  0,
);
console.log(`backend ${backend.name}; features ${bundle.metadata.featureConfig.featureSet}`);
console.log(
  `60 s as 30 × 2-s chunks, one by one: median ${oneByOne.toFixed(0)} ms (${(oneByOne / 30).toFixed(1)} ms/chunk), best ${walls[0].toFixed(0)} ms ` +
    `(${(walls[0] / 30).toFixed(1)} ms/chunk), CPU time median ${(cpus[2] / 30).toFixed(1)} ms/chunk; ${batched.toFixed(0)} ms as one batch; load ${loadavg()[0].toFixed(1)}`,
);
console.log(
  `createRecognizer().analyze of the 60 s (30 chunks seen through ${recognizer.settings.contextSeconds} s): median ${analyzeWalls[2].toFixed(0)} ms ` +
    `(${(analyzeWalls[2] / 30).toFixed(1)} ms/chunk), best ${analyzeWalls[0].toFixed(0)} ms, CPU time median ${(analyzeCpus[2] / 30).toFixed(1)} ms/chunk`,
);
console.log(
  `one 2-s chunk at 48 kHz (incl. resampling to ${bundle.metadata.featureConfig.sr} Hz): ${resampled.toFixed(1)} ms`,
);
console.log(
  `bundle: ${(modelBytes / 1024).toFixed(0)} KiB (model.json + weights.bin + ser-model.json), ${(bytes / 1024).toFixed(0)} KiB with card and figures`,
);
