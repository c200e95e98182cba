#!/usr/bin/env node
/**
 * Benchmark: `ser analyze` on a 60-second recording (2-s chunks → 30 model inputs).
 * Prints, per run, the time to decode, load the model and analyse (resample + features + model), and the
 * wall time of the whole `node dist/cli.js analyze …` process (cold start included).
 *
 *   node bench/analyze.mjs [--model <bundle>] [--arch mlp|ogCnn|paperCnn] [--runs 5]
 *
 * Without --model it uses the pretrained default bundle when installed, else trains a throwaway bundle
 * (one epoch on two RAVDESS actors; its accuracy is irrelevant, only its size matters). Needs the built
 * packages, espeak-ng and sox, and ../shared/datasets beside the repository for the throwaway bundle.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '../dist/cli.js');
const datasets = resolve(here, '../../../../shared/datasets');
const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    arch: { type: 'string', default: 'ogCnn' },
    runs: { type: 'string', default: '5' },
  },
});
const runs = Number(values.runs);
const work = mkdtempSync(join(tmpdir(), 'ser-bench-analyze-'));

/** Runs the CLI; returns stdout, or throws with its stderr. */
function ser(args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`ser ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { stdout: result.stdout, ms: performance.now() - started };
}

try {
  let model = values.model;
  if (!model) {
    const pretrained = resolve(here, '../../ser-models/pretrained/default');
    if (existsSync(join(pretrained, 'model.json'))) {
      model = pretrained;
    } else {
      console.log(`no pretrained default model: training a throwaway ${values.arch} bundle on RAVDESS actors 1–2 …`);
      ser([
        'extract',
        join(datasets, 'ravdess/Actor_01'),
        join(datasets, 'ravdess/Actor_02'),
        '--dataset',
        'ravdess',
        '--out',
        join(work, 'corpus'),
        '--json',
      ]);
      ser([
        'train',
        '--data',
        join(work, 'corpus'),
        '--arch',
        values.arch,
        '--epochs',
        '1',
        '--out',
        join(work, 'bundle'),
        '--json',
      ]);
      model = join(work, 'bundle');
    }
  }
  const raw = join(work, 'raw.wav');
  execFileSync('espeak-ng', ['-w', raw, '-s', '150', 'Kids are talking by the door. Dogs are sitting by the door.']);
  const recordings = {
    '60 s, 16 kHz mono WAV': join(work, 'long-16k.wav'),
    '60 s, 48 kHz stereo WAV': join(work, 'long-48k.wav'),
    '60 s, 44.1 kHz MP3': join(work, 'long.mp3'),
  };
  execFileSync('sox', [
    raw,
    '-r',
    '16000',
    '-c',
    '1',
    recordings['60 s, 16 kHz mono WAV'],
    'repeat',
    '30',
    'trim',
    '0',
    '60',
  ]);
  execFileSync('sox', [
    raw,
    '-r',
    '48000',
    '-c',
    '2',
    recordings['60 s, 48 kHz stereo WAV'],
    'repeat',
    '30',
    'trim',
    '0',
    '60',
  ]);
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-i',
    recordings['60 s, 16 kHz mono WAV'],
    '-ar',
    '44100',
    recordings['60 s, 44.1 kHz MP3'],
  ]);

  console.log(
    `@ser/cli analyze benchmark — model ${model}, node ${process.version}, ${availableParallelism()} cores, ` +
      `load average ${loadavg()
        .map((v) => v.toFixed(1))
        .join(' ')}`,
  );
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [name, file] of Object.entries(recordings)) {
    const rows = [];
    for (let run = 0; run < runs; run++) {
      const { stdout, ms } = ser(['analyze', file, '--model', model, '--json']);
      const report = JSON.parse(stdout);
      rows.push({ ...report.timing, processMs: ms, chunks: report.chunks.length });
    }
    const pick = (key) =>
      median(rows.map((r) => r[key]))
        .toFixed(0)
        .padStart(5);
    console.log(
      `${name.padEnd(26)} ${rows[0].chunks} chunks | median of ${runs}: decode ${pick('decodeMs')} ms, model load ${pick('modelLoadMs')} ms, ` +
        `analysis ${pick('analyzeMs')} ms (decode + analysis ${median(rows.map((r) => r.decodeMs + r.analyzeMs)).toFixed(0)} ms), whole process ${pick('processMs')} ms`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
