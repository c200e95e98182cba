// Full-corpus check and timing of loadAudio: every RAVDESS + TESS FLAC (and the originals) is
// loaded like librosa.load(path, sr=22050); a sample of files is compared with sox bit for bit.
// Run after a build:  node bench/load-corpus.mjs [--sox 50]
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAudioFile, loadAudio } from '../dist/node.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const datasets = path.resolve(here, '../../../../shared/datasets');
const soxSample = Number(process.argv[process.argv.indexOf('--sox') + 1] ?? 0) || 0;

function listAudio(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(flac|wav)$/i.test(f))
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

const files = [
  ...listAudio(path.join(datasets, 'ravdess')),
  ...listAudio(path.join(datasets, 'tess')),
  ...listAudio(path.join(datasets, 'originals')),
];
const rates = new Map();
const errors = [];
let audioSeconds = 0;
let decodeMs = 0;
let loadMs = 0;
for (const file of files) {
  try {
    let t = performance.now();
    const native = await readAudioFile(file);
    decodeMs += performance.now() - t;
    t = performance.now();
    const loaded = await loadAudio(file);
    loadMs += performance.now() - t;
    audioSeconds += loaded.duration;
    const key = `${native.format} ${native.sampleRate} Hz ${native.channels.length} ch`;
    rates.set(key, (rates.get(key) ?? 0) + 1);
    if (loaded.samples.length !== Math.ceil(native.channels[0].length * (22050 / native.sampleRate)))
      throw new Error('bad length');
  } catch (error) {
    errors.push(`${path.relative(datasets, file)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
console.log(`${files.length} files, ${(audioSeconds / 3600).toFixed(2)} h of audio`);
for (const [key, count] of [...rates].sort()) console.log(`  ${String(count).padStart(5)}  ${key}`);
console.log(`errors: ${errors.length}`);
for (const e of errors.slice(0, 20)) console.log(`  ${e}`);
console.log(
  `readAudioFile (decode only): ${(decodeMs / 1000).toFixed(1)} s total, ${(decodeMs / audioSeconds).toFixed(2)} ms per s of audio`,
);
console.log(
  `loadAudio (decode + mono + resample to 22050): ${(loadMs / 1000).toFixed(1)} s total, ${(loadMs / files.length).toFixed(1)} ms per file, ${(loadMs / audioSeconds).toFixed(2)} ms per s of audio`,
);

if (soxSample > 0) {
  let worst = 0;
  const step = Math.max(1, Math.floor(files.length / soxSample));
  let compared = 0;
  for (let i = 0; i < files.length; i += step) {
    const native = await readAudioFile(files[i]);
    const raw = execFileSync('sox', [files[i], '-t', 'f32', '-'], { maxBuffer: 1 << 28 });
    const ref = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    const c = native.channels.length;
    if (ref.length !== native.channels[0].length * c) throw new Error(`${files[i]}: length differs from sox`);
    for (let k = 0; k < ref.length; k++)
      worst = Math.max(worst, Math.abs(ref[k] - native.channels[k % c][Math.floor(k / c)]));
    compared++;
  }
  console.log(`sox comparison on ${compared} files: max abs difference ${worst}`);
}
