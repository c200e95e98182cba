// Training throughput of @ser/models on the default backend, side by side with PyTorch CPU. Run after `npm run build`:
//   npm run bench -w packages/ser-models            (or: node packages/ser-models/bench/train.mjs [options])
//     --steps N      timed steps per round (default 6)     --rounds N   rounds, alternating ser and PyTorch (default 3)
//     --batch N      batch size (default 64)                --only a,b   networks to run (logmelCnn, cnnLstm, ogCnn)
//     --profile      also print the per-kernel time profile of one ser step of each network
//
// For each network it prints ser's samples/s on one thread and data-parallel over two threads, PyTorch's on one
// thread (Debian's python3-torch, when installed: apt-get install python3-torch; a benchmark dependency only), and
// the ratio ser / PyTorch. Rounds alternate between the two so that a shared, noisy machine affects both alike;
// the figures are medians over all timed steps.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { cnnLstm, initBackend, ogCnn, trainStep } from '../dist/index.js';
import { createDataParallelStepper } from '../dist/node.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    steps: { type: 'string', default: '6' },
    rounds: { type: 'string', default: '3' },
    batch: { type: 'string', default: '64' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
const steps = Number(args.steps);
const rounds = Number(args.rounds);
const batchSize = Number(args.batch);

/** The issue's plain tfl.layers log-mel CNN: 4 × [Conv1D k5 same → BN → ReLU → MaxPool 2] → GAP → Dense 7. */
function logmelCnn() {
  const model = tfl.sequential({ name: 'logmel_cnn' });
  model.add(tfl.layers.inputLayer({ inputShape: [300, 64] }));
  for (const filters of [64, 128, 128, 128]) {
    model.add(tfl.layers.conv1d({ filters, kernelSize: 5, padding: 'same' }));
    model.add(tfl.layers.batchNormalization());
    model.add(tfl.layers.activation({ activation: 'relu' }));
    model.add(tfl.layers.maxPooling1d({ poolSize: 2 }));
  }
  model.add(tfl.layers.globalAveragePooling1d());
  model.add(tfl.layers.dense({ units: 7, activation: 'softmax' }));
  return model;
}

const NETWORKS = {
  logmelCnn: { build: logmelCnn, shape: [300, 64] },
  cnnLstm: { build: () => cnnLstm({ inputShape: [300, 40], numClasses: 7 }), shape: [300, 40] },
  ogCnn: { build: () => ogCnn({ inputShape: [180, 1], numClasses: 7 }), shape: [180, 1] },
};
const names = args.only ? args.only.split(',') : Object.keys(NETWORKS);

function batchOf(shape) {
  const size = shape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(batchSize * size);
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.37) + Math.cos(i * 0.011);
  return {
    x,
    labels: Int32Array.from({ length: batchSize }, (_, i) => i % 7),
    sampleWeights: new Float32Array(batchSize).fill(1),
    count: batchSize,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** A trainer for one network: `run(n)` returns the ms of n timed steps (after warm-up on first use). */
async function serTrainer(name, workers) {
  const { build, shape } = NETWORKS[name];
  const model = build();
  const batch = batchOf(shape);
  const optimizer = tf.train.adam(1e-3);
  const stepper = workers > 0 ? await createDataParallelStepper(model, { workers }) : null;
  let seed = 0;
  const step = () => (stepper ? stepper.step(optimizer, batch, seed++) : trainStep(model, optimizer, batch, seed++));
  for (let i = 0; i < 2; i++) await step();
  return {
    model,
    async run(n) {
      const times = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await step();
        times.push(performance.now() - t0);
      }
      return times;
    },
    async dispose() {
      await stepper?.dispose();
      optimizer.dispose();
      model.dispose();
    },
  };
}

/** The PyTorch reference as a child process, or null when python3-torch is not installed. */
function torchReference() {
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const child = spawn(python, [path.join(here, 'torch_reference.py')], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const lines = readline.createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.resolve(JSON.parse(line)));
  child.on('exit', () => {
    for (const w of waiting.splice(0)) w.reject(new Error(stderr.trim().split('\n').pop() || 'python exited'));
  });
  child.on('error', (e) => {
    for (const w of waiting.splice(0)) w.reject(e);
  });
  return {
    ask(name, n) {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(`${name} ${batchSize} ${n} 1\n`);
      });
    },
    close() {
      child.stdin.end('quit\n');
    },
  };
}

async function kernelProfile(trainer) {
  const profile = await tf.profile(() => trainer.run(1));
  const byKernel = new Map();
  for (const k of profile.kernels) {
    const entry = byKernel.get(k.name) ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    byKernel.set(k.name, entry);
  }
  const total = [...byKernel.values()].reduce((s, e) => s + e.ms, 0);
  const rows = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
  for (const [kernel, e] of rows)
    console.log(
      `    ${kernel.padEnd(26)} ${String(e.calls).padStart(4)} calls ${e.ms.toFixed(1).padStart(7)} ms ${((100 * e.ms) / total).toFixed(1).padStart(5)} %`,
    );
  console.log(
    `    ${'(all kernels)'.padEnd(26)} ${String(profile.kernels.length).padStart(4)} calls ${total.toFixed(1).padStart(7)} ms`,
  );
}

const backend = await initBackend();
console.log(
  `ser backend ${JSON.stringify(backend)}; batch ${batchSize}; ${rounds} rounds × ${steps} timed steps, alternating with PyTorch\n`,
);
const torch = torchReference();
const rate = (ms) => batchSize / (ms / 1000);
const results = [];
for (const name of names) {
  const single = await serTrainer(name, 0);
  const serTimes = [];
  const torchTimes = [];
  /** @type {Error | null} */
  let torchError = null;
  for (let r = 0; r < rounds; r++) {
    serTimes.push(...(await single.run(steps)));
    if (!torchError) {
      try {
        torchTimes.push(...(await torch.ask(name, steps)).msPerStep);
      } catch (error) {
        torchError = error instanceof Error ? error : new Error(String(error));
      }
    }
  }
  if (args.profile) {
    console.log(`  ${name}: kernel profile of one step`);
    await kernelProfile(single);
  }
  await single.dispose();
  const parallel = await serTrainer(name, 1);
  const parallelTimes = await parallel.run(steps * rounds);
  await parallel.dispose();
  const row = {
    network: name,
    serSamplesPerSecond: rate(median(serTimes)),
    serParallelSamplesPerSecond: rate(median(parallelTimes)),
    torchSamplesPerSecond: torchTimes.length ? rate(median(torchTimes)) : null,
  };
  results.push(row);
  const torchText = row.torchSamplesPerSecond
    ? `${row.torchSamplesPerSecond.toFixed(0).padStart(5)} samples/s`
    : `unavailable (${torchError?.message ?? 'python3-torch not installed'})`;
  console.log(
    `${name.padEnd(10)} ser 1 thread ${row.serSamplesPerSecond.toFixed(0).padStart(5)} samples/s | ser 2 threads ${row.serParallelSamplesPerSecond.toFixed(0).padStart(5)} samples/s | ` +
      `PyTorch 1 thread ${torchText}${row.torchSamplesPerSecond ? ` | ratio ${(row.serSamplesPerSecond / row.torchSamplesPerSecond).toFixed(2)}×` : ''}`,
  );
}
torch.close();
if (process.env.BENCH_JSON) console.log(JSON.stringify(results));
