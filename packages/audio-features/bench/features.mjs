#!/usr/bin/env node
/**
 * Benchmark of the DSP on the built package (run `npm run build` first):
 *   npm run bench -w packages/audio-features
 * Prints ms per 3-second 22 050 Hz speech clip for serFeatureVector, mfcc, melSpectrogram and chromaStft
 * (median and min of repeated runs: the machine is shared), the FFT's share of serFeatureVector, clips/second
 * over 1 000 clips on all cores with worker_threads, and peak RSS.
 * Input: the first 3 s of the golden espeak-ng speech recording (shared/golden/signals/speech.f32).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  chromaStft,
  getWindow,
  melSpectrogram,
  mfcc,
  realFftPlan,
  wasmResamplerAvailable,
  wasmStftAvailable,
  serFeatureVector,
  stftFrameCount,
} from '../dist/index.js';

const SR = 22050;
const CLIP_SAMPLES = 3 * SR;
const here = path.dirname(fileURLToPath(import.meta.url));

function loadClip() {
  const file = path.resolve(here, '../../../../shared/golden/signals/speech.f32');
  const buf = readFileSync(file);
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const clip = new Float32Array(CLIP_SAMPLES);
  for (let i = 0; i < CLIP_SAMPLES; i++) clip[i] = all[i % all.length];
  return clip;
}

/** Process CPU time (user + system, all threads) in ms. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Runs fn `runs` times after `warmup` runs; returns sorted per-run wall milliseconds, with `cpu` = mean
 * CPU ms per run (time the process really computed: unaffected by waiting for a shared core).
 * @returns {number[] & { cpu?: number }}
 */
function time(fn, runs, warmup = Math.min(50, runs)) {
  for (let i = 0; i < warmup; i++) fn();
  /** @type {number[] & { cpu?: number }} */
  const ms = [];
  const c0 = cpuMs();
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  ms.cpu = (cpuMs() - c0) / runs;
  return ms;
}

const median = (sorted) => sorted[Math.floor(sorted.length / 2)];

if (!isMainThread) {
  const { clips } = workerData;
  const y = loadClip();
  let checksum = 0;
  for (let i = 0; i < clips; i++) checksum += serFeatureVector(y, { sr: SR })[0];
  parentPort?.postMessage({ checksum });
} else {
  const y = loadClip();
  const runs = Number(process.env.BENCH_RUNS ?? 200);
  const rows = [];
  const bench = (name, fn) => {
    const ms = time(fn, runs);
    rows.push({ name, median: median(ms), min: ms[0], cpu: ms.cpu });
    return ms;
  };
  bench('serFeatureVector', () => serFeatureVector(y, { sr: SR }));
  bench('mfcc (nMfcc 40)', () => mfcc({ y, sr: SR, nMfcc: 40 }));
  bench('melSpectrogram', () => melSpectrogram({ y, sr: SR }));
  bench('chromaStft', () => chromaStft({ y, sr: SR }));

  // The TypeScript FFT alone, as the fallback STFT runs it (the WebAssembly kernel is used when available):
  // one windowed 2048-point real FFT per frame of the clip.
  const frames = stftFrameCount(CLIP_SAMPLES, 2048, 512, true);
  const plan = realFftPlan(2048);
  const padded = new Float64Array(CLIP_SAMPLES + 2048);
  padded.set(y, 1024);
  const window = getWindow('hann', 2048);
  const re = new Float64Array(1025);
  const im = new Float64Array(1025);
  const fft = time(() => {
    for (let t = 0; t < frames; t++) plan.forwardWindowed(padded, t * 512, window, re, im);
  }, runs);
  rows.push({ name: `TS FFT only (${frames} 2048-pt rFFTs)`, median: median(fft), min: fft[0], cpu: fft.cpu });

  console.log(
    `@ser/audio-features DSP benchmark — 3-s 22 050 Hz speech clip, node ${process.version}, ${os.cpus()[0]?.model ?? ''}`,
  );
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  console.log(`single thread, ${runs} runs after warm-up; wall median, wall min, mean CPU time per run:`);
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(40)} ${r.median.toFixed(3).padStart(8)} ms ${r.min.toFixed(3).padStart(8)} ms ${(r.cpu ?? NaN).toFixed(3).padStart(8)} ms CPU`,
    );
  }
  console.log(
    `  WebAssembly SIMD kernels: STFT ${wasmStftAvailable() ? 'yes' : 'no (TypeScript FFT)'}, ` +
      `resampler ${wasmResamplerAvailable() ? 'yes' : 'no (TypeScript loop)'}`,
  );
  console.log(`  target: serFeatureVector ≤ 4 ms per clip (librosa with numba: 16.6 ms)`);

  const workers = Number(process.env.BENCH_WORKERS ?? os.availableParallelism?.() ?? os.cpus().length);
  const totalClips = Number(process.env.BENCH_CLIPS ?? 1000);
  const per = Math.ceil(totalClips / workers);
  const t0 = process.hrtime.bigint();
  const c0 = cpuMs();
  await Promise.all(
    Array.from(
      { length: workers },
      (_, w) =>
        new Promise((resolve, reject) => {
          const clips = Math.min(per, totalClips - w * per);
          const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { clips } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuPerClip = (cpuMs() - c0) / totalClips;
  console.log(
    `worker_threads: ${totalClips} clips on ${workers} workers in ${seconds.toFixed(2)} s → ` +
      `${(totalClips / seconds).toFixed(0)} clips/s measured; ${cpuPerClip.toFixed(2)} CPU ms per clip (incl. worker ` +
      `start-up) → ${((1000 * workers) / cpuPerClip).toFixed(0)} clips/s on ${workers} idle cores`,
  );
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}
