// Benchmark of audio input: resampling speed (polyphase and fft) and decoding speed, on real speech.
// Run from the package after a build:  npx nx run @ser/audio-features:build && node bench/resample.mjs
// Prints milliseconds per second of audio (lower is better) and the real-time factor.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeAudio, resample, toMono } from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const datasets = path.resolve(here, '../../../../shared/datasets');

/** ~`seconds` of real 16 kHz speech: RAVDESS FLAC files of actor 1 concatenated. */
async function speech16k(seconds) {
  const dir = path.join(datasets, 'ravdess/Actor_01');
  const parts = [];
  let total = 0;
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.flac'))
    .sort()) {
    const audio = await decodeAudio(readFileSync(path.join(dir, name)), { fileName: name });
    parts.push(toMono(audio.channels));
    total += audio.channels[0].length;
    if (total >= seconds * 16000) break;
  }
  const y = new Float32Array(total);
  let offset = 0;
  for (const p of parts) {
    y.set(p, offset);
    offset += p.length;
  }
  return y;
}

/** Median wall time of `runs` calls, in ms. */
function time(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

const y16 = await speech16k(30);
console.log(`input: ${(y16.length / 16000).toFixed(1)} s of RAVDESS speech (16 kHz FLAC)\n`);
console.log(
  'resample'.padEnd(34) + 'first call (ms)'.padStart(16) + 'ms / s audio'.padStart(14) + 'x real time'.padStart(13),
);
for (const [from, to] of [
  [16000, 22050],
  [22050, 16000],
  [48000, 22050],
  [24414, 22050],
  [96000, 22050],
  [44100, 16000],
]) {
  const y = from === 16000 ? y16 : resample(y16, 16000, from, { method: 'polyphase' });
  const seconds = y.length / from;
  for (const method of /** @type {const} */ (['polyphase', 'fft'])) {
    if (method === 'fft' && from !== 16000 && from !== 22050) continue;
    const first = time(() => resample(y, from, to, { method }), 1);
    const median = time(() => resample(y, from, to, { method }), method === 'fft' ? 3 : 7);
    const perSecond = median / seconds;
    console.log(
      `${method.padEnd(10)} ${String(from).padStart(6)} → ${String(to).padEnd(6)} Hz`.padEnd(34) +
        first.toFixed(1).padStart(16) +
        perSecond.toFixed(3).padStart(14) +
        (1000 / perSecond).toFixed(0).padStart(13),
    );
  }
}

console.log('\ndecode'.padEnd(35) + 'ms / s audio'.padStart(14));
const originals = path.join(datasets, 'originals');
const flacDir = path.join(datasets, 'tess/YAF_happy');
const decodeFiles = [
  ['WAV 48 kHz stereo 16-bit', path.join(originals, 'ravdess/Actor_05/03-01-02-01-02-02-05.wav')],
  ['WAV 96 kHz mono 16-bit', path.join(originals, 'tess/OAF_fear/OAF_food_fear.wav')],
  ['AIFF 24 414 Hz mono', path.join(originals, 'tess/YAF_angry/YAF_germ_angry.wav')],
  ['FLAC 16 kHz mono (TESS)', path.join(flacDir, readdirSync(flacDir).sort()[0])],
];
for (const [label, file] of decodeFiles) {
  const bytes = readFileSync(file);
  const first = await decodeAudio(bytes);
  const seconds = first.channels[0].length / first.sampleRate;
  const times = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    await decodeAudio(bytes);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(label.padEnd(34) + (times[3] / seconds).toFixed(3).padStart(14));
}
