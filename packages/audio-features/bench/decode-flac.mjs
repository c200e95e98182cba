// Benchmark of the TypeScript FLAC decoder on every FLAC file of the shared datasets (RAVDESS + TESS,
// 16 kHz mono 16-bit). Files are read into memory first, so only decoding is timed.
// Run from the package after a build:  npx nx run @ser/audio-features:build && node bench/decode-flac.mjs [--limit N]
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeAudio } from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const datasets = path.resolve(here, '../../../../shared/datasets');
const { values } = parseArgs({ options: { limit: { type: 'string' }, runs: { type: 'string', default: '3' } } });

const files = [];
for (const corpus of ['ravdess', 'tess']) {
  for (const entry of readdirSync(path.join(datasets, corpus), { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(datasets, corpus, entry.name);
    for (const name of readdirSync(dir).sort()) if (name.endsWith('.flac')) files.push(path.join(dir, name));
  }
}
const selected = values.limit ? files.slice(0, Number(values.limit)) : files;
const contents = selected.map((file) => readFileSync(file));
const megabytes = contents.reduce((sum, bytes) => sum + bytes.length, 0) / 2 ** 20;
console.log(
  `FLAC decode benchmark — ${selected.length} files (${megabytes.toFixed(1)} MiB), node ${process.version}, load average ${loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')}`,
);

let samples = 0;
let audioSeconds = 0;
const runs = [];
for (let run = 0; run < Number(values.runs); run++) {
  samples = 0;
  audioSeconds = 0;
  const started = performance.now();
  for (let i = 0; i < contents.length; i++) {
    const audio = await decodeAudio(contents[i], { fileName: selected[i] });
    samples += audio.channels[0].length * audio.channels.length;
    audioSeconds += audio.channels[0].length / audio.sampleRate;
  }
  runs.push(performance.now() - started);
}
runs.sort((a, b) => a - b);
const best = runs[0];
const median = runs[Math.floor(runs.length / 2)];
console.log(`runs (ms): ${runs.map((ms) => ms.toFixed(0)).join(', ')}`);
console.log(
  `median ${median.toFixed(0)} ms: ${(median / selected.length).toFixed(3)} ms/file, ${((median * 1e6) / samples).toFixed(1)} ns/sample, ` +
    `${(audioSeconds / (median / 1000)).toFixed(0)}× real time (${audioSeconds.toFixed(0)} s of audio); best ${(best / selected.length).toFixed(3)} ms/file`,
);
