/**
 * The corpus → model → analysis pipeline on small real subsets of RAVDESS and TESS: extract, merge, train, tune,
 * stats, plot-model, evaluate, analyze (files, URL, chunking), listen. The commands run in-process through
 * `runCli(argv, io)`; a few cases run the built binary end to end (a real SIGINT, real playback timing, the binary's
 * own start-up). Every case makes what it needs, or uses the shared fixture built once in beforeAll (the two-actor
 * corpus, a TESS corpus and a model trained on the former): no case reads another's output.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { chunkLengths, planChunks } from '@ser/models';
import { findExecutable } from '@ser/audio-features/node';
import { makeSpeechFiles, type SpeechFiles } from './helpers/make-speech.js';
import { ser } from './helpers/in-process.js';
import { CLI_PATH, DATASETS_DIR, PACKAGES_DIR, runSer } from './helpers/run-cli.js';

let dir: string;
let speech: SpeechFiles;
let server: Server;
let baseUrl: string;
const bundle = () => join(dir, 'bundle');
/** ffplay's path (it comes with Debian's ffmpeg), or undefined. */
const FFPLAY = findExecutable('ffplay', process.env);
const FFMPEG = findExecutable('ffmpeg', process.env);
/** A PATH with no programs at all (no players, recorders, ffmpeg or yt-dlp). */
const emptyPathEnv = () => ({ ...process.env, PATH: join(dir, 'empty-bin') });

/** Copies every `step`-th file of a RAVDESS actor (or TESS folder) into `target`. */
function copySubset(source: string, target: string, step: number): number {
  mkdirSync(target, { recursive: true });
  const files = readdirSync(source)
    .filter((f) => f.endsWith('.flac'))
    .sort();
  let copied = 0;
  files.forEach((file, i) => {
    if (i % step === 0) {
      copyFileSync(join(source, file), join(target, file));
      copied++;
    }
  });
  return copied;
}

/** What the fixture needs (the cases that use it are skipped with the reason otherwise). */
const FIXTURE_NEEDS = needs('espeak-ng', 'sox', 'ffmpeg', 'ravdess', 'tess');
const needsMet = !FIXTURE_NEEDS.skip;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ser-cli-pipeline-'));
  mkdirSync(join(dir, 'empty-bin'));
  speech = makeSpeechFiles(dir);
  // 20 recordings of each of two actors (all eight emotions), and a few TESS recordings.
  copySubset(join(DATASETS_DIR, 'ravdess/Actor_01'), join(dir, 'ravdess/Actor_01'), 3);
  copySubset(join(DATASETS_DIR, 'ravdess/Actor_02'), join(dir, 'ravdess/Actor_02'), 3);
  copySubset(join(DATASETS_DIR, 'tess/OAF_pleasant_surprise'), join(dir, 'tess/OAF_pleasant_surprise'), 40);
  copySubset(join(DATASETS_DIR, 'tess/YAF_happy'), join(dir, 'tess/YAF_happy'), 40);
  writeFileSync(join(dir, 'not-audio.wav'), 'this is text, not audio');
  execFileSync('sox', ['-n', '-r', '16000', '-c', '1', join(dir, 'silence.wav'), 'trim', '0', '3']);
  server = createServer((request, response) => {
    if (request.url === '/speech.flac') {
      const bytes = readFileSync(speech.flac16k);
      response.writeHead(200, { 'content-type': 'audio/flac', 'content-length': bytes.length }).end(bytes);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (!needsMet) return;
  // The shared fixture: the two-actor ser180 corpus, a TESS corpus and an MLP trained on the former.
  for (const args of [
    [
      'extract',
      'ravdess/Actor_01',
      'ravdess/Actor_02',
      '--dataset',
      'ravdess',
      '--out',
      'corpora/ravdess',
      '--workers',
      '2',
    ],
    ['extract', 'tess', '--dataset', 'tess', '--out', 'corpora/tess', '--workers', '0'],
    ['train', '--data', 'corpora/ravdess', '--arch', 'mlp', '--epochs', '2', '--seed', '3', '--out', bundle()],
  ]) {
    const run = await ser(args, { cwd: dir });
    if (run.code !== 0) throw new Error(`fixture: ser ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  }
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('corpus and model commands', FIXTURE_NEEDS, () => {
  it('extract: scans two actors, extracts ser180 features and writes .npy + meta', async () => {
    const run = await ser(
      [
        'extract',
        join(dir, 'ravdess/Actor_01'),
        join(dir, 'ravdess/Actor_02'),
        '--dataset',
        'ravdess',
        '--out',
        'extracted/ravdess',
        '--workers',
        '2',
        '--json',
      ],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.rows).toBe(40);
    expect(summary.shape).toEqual([40, 180]);
    expect(summary.labelSet.name).toBe('ekman7');
    expect(Object.keys(summary.perSpeaker)).toEqual(['ravdess:01', 'ravdess:02']);
    expect(existsSync(join(dir, 'extracted/x_ravdess.npy'))).toBe(true);
    expect(existsSync(join(dir, 'extracted/ravdess.meta.json'))).toBe(true);
    expect(run.stderr).toMatch(/extracting: done 40\/40/);
  });

  it('extract: reports what a label set drops, and fails clearly on a folder without recordings', async () => {
    const run = await ser([
      'extract',
      join(dir, 'tess'),
      '--dataset',
      'tess',
      '--labels',
      'ser6',
      '--out',
      join(dir, 'corpora/tess-ser6'),
      '--workers',
      '0',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/label set ser6 drops by design: surprised \d+/);
    // The default model's feature set can be extracted too (to train a model like it).
    const stats = await ser([
      'extract',
      join(dir, 'tess'),
      '--dataset',
      'tess',
      '--features',
      'stats',
      '--out',
      join(dir, 'corpora/tess-stats'),
      '--workers',
      '0',
      '--json',
    ]);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout).shape[1]).toBe(231);
    const empty = await ser([
      'extract',
      join(dir, 'empty-bin'),
      '--dataset',
      'ravdess',
      '--out',
      join(dir, 'corpora/none'),
    ]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no ravdess recordings found/);
  });

  it('merge: concatenates compatible corpora and names what differs otherwise', async () => {
    const tess = await ser([
      'extract',
      join(dir, 'tess'),
      '--dataset',
      'tess',
      '--out',
      join(dir, 'merge/tess'),
      '--workers',
      '0',
      '--progress',
    ]);
    expect(tess.code, tess.stderr).toBe(0);
    expect(tess.stderr).toContain('\r\x1b[K'); // --progress draws the bar even though stderr is not a terminal
    const merged = await ser(['merge', 'corpora/ravdess', 'merge/tess', '--out', 'merge/both', '--json'], { cwd: dir });
    expect(merged.code, merged.stderr).toBe(0);
    const summary = JSON.parse(merged.stdout);
    expect(summary.perDataset.ravdess).toBe(40);
    expect(summary.rows).toBe(40 + summary.perDataset.tess);
    const ser6 = await ser([
      'extract',
      join(dir, 'tess'),
      '--dataset',
      'tess',
      '--labels',
      'ser6',
      '--out',
      join(dir, 'merge/tess-ser6'),
      '--workers',
      '0',
    ]);
    expect(ser6.code, ser6.stderr).toBe(0);
    const incompatible = await ser(['merge', 'corpora/ravdess', 'merge/tess-ser6', '--out', 'merge/bad'], { cwd: dir });
    expect(incompatible.code).toBe(1);
    expect(incompatible.stderr).toMatch(/labelSet/);
  });

  it('train: holds out a speaker, prints one line per epoch and writes a bundle that records the held-out speaker', async () => {
    const out = join(dir, 'trained-mlp');
    const run = await ser(
      ['train', '--data', 'corpora/ravdess', '--arch', 'mlp', '--epochs', '2', '--seed', '3', '--out', out],
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/held-out speakers ravdess:0[12]/);
    expect(run.stderr.match(/^epoch [12]\/2 {2}loss \d+\.\d+ {2}acc [\d.]+% {2}val_loss/gm)).toHaveLength(2);
    const metadata = JSON.parse(readFileSync(join(out, 'ser-model.json'), 'utf8'));
    expect(metadata.labels).toEqual(['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise']);
    expect(metadata.training.validationSpeakers).toHaveLength(1);
    expect(metadata.training.labelSet.name).toBe('ekman7');
  });

  it('logmel features: extract, train cnnLstm and analyse with it (fixed-length frames per chunk)', async () => {
    const dirs = [join(dir, 'ravdess/Actor_01'), join(dir, 'ravdess/Actor_02')];
    const extract = await ser([
      'extract',
      ...dirs,
      '--dataset',
      'ravdess',
      '--features',
      'logmel',
      '--out',
      join(dir, 'corpora/logmel'),
      '--workers',
      '2',
      '--json',
    ]);
    expect(extract.code, extract.stderr).toBe(0);
    const summary = JSON.parse(extract.stdout);
    expect(summary.featureSet).toBe('logmel');
    expect(summary.shape).toHaveLength(3); // rows × frames × mel bands
    const lstm = join(dir, 'bundle-lstm');
    const train = await ser([
      'train',
      '--data',
      join(dir, 'corpora/logmel'),
      '--arch',
      'cnnLstm',
      '--epochs',
      '1',
      '--out',
      lstm,
    ]);
    expect(train.code, train.stderr).toBe(0);
    const run = await ser(['analyze', speech.flac16k, '--model', lstm, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.chunks.length).toBeGreaterThanOrEqual(2);
    for (const chunk of report.chunks) {
      expect(Object.values(chunk.probabilities as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
  });

  it('train attentionCnn: the default-model recipe on two threads, with batch progress, recorded in the bundle', async () => {
    const corpus = join(dir, 'corpora/logmel-attention');
    const extract = await ser([
      'extract',
      join(dir, 'ravdess/Actor_01'),
      join(dir, 'ravdess/Actor_02'),
      '--dataset',
      'ravdess',
      '--features',
      'logmel',
      '--out',
      corpus,
    ]);
    expect(extract.code, extract.stderr).toBe(0);
    const out = join(dir, 'bundle-attention');
    const train = await ser([
      'train',
      '--data',
      corpus,
      '--arch',
      'attentionCnn',
      '--epochs',
      '2',
      '--batch-size',
      '8',
      '--workers',
      '1',
      '--progress',
      '--out',
      out,
    ]);
    expect(train.code, train.stderr).toBe(0);
    expect(train.stderr).toContain('sharing every batch with 1 worker thread(s)');
    expect(train.stderr).toMatch(/epoch 1\/2 .* \d+\/\d+ eta .* \d+ samples\/s/);
    expect(train.stderr).toMatch(/epoch 2\/2 {2}loss /);
    const metadata = JSON.parse(readFileSync(join(out, 'ser-model.json'), 'utf8'));
    expect(metadata.architecture).toBe('attentionCnn');
    expect(metadata.training).toMatchObject({
      optimizer: 'adamw',
      schedule: 'one-cycle',
      labelSmoothing: 0.1,
      augmentation: 'frames',
      batchSize: 8,
    });
    const run = await ser(['analyze', speech.flac16k, '--model', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).chunks.length).toBeGreaterThanOrEqual(2);
  });

  it('train: --augment frames refuses vector features, and --workers must be a whole number', async () => {
    const augment = await ser(
      ['train', '--data', 'corpora/ravdess', '--arch', 'mlp', '--augment', 'frames', '--out', join(dir, 'x')],
      { cwd: dir },
    );
    expect(augment.code).toBe(2);
    expect(augment.stderr).toContain('--augment frames needs frame features');
    const workers = await ser(
      ['train', '--data', 'corpora/ravdess', '--arch', 'mlp', '--workers', '1.5', '--out', join(dir, 'x')],
      { cwd: dir },
    );
    expect(workers.code).toBe(2);
    expect(workers.stderr).toContain('--workers expects a whole number');
  });

  it('train: refuses an architecture that does not fit the features', async () => {
    const run = await ser(
      ['train', '--data', 'corpora/ravdess', '--arch', 'cnnLstm', '--epochs', '1', '--out', join(dir, 'x')],
      { cwd: dir },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cnnLstm needs frame features/);
  });

  it('tune: random search writes a log and resumes from it', async () => {
    const log = join(dir, 'tuner.json');
    const tune = ['tune', '--data', 'corpora/ravdess', '--arch', 'mlp', '--tuner', 'random', '--trials', '2'];
    const first = await ser([...tune, '--max-epochs', '1', '--log', log, '--json'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).trials).toHaveLength(2);
    expect(first.stderr.match(/^trial /gm)).toHaveLength(2);
    const again = await ser([...tune, '--max-epochs', '1', '--log', log], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/2 trial\(s\), 2 replayed from the log/);
    const trained = await ser(
      [
        'train',
        '--data',
        'corpora/ravdess',
        '--arch',
        'mlp',
        '--hparams',
        log,
        '--epochs',
        '1',
        '--out',
        join(dir, 'tuned'),
      ],
      { cwd: dir },
    );
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stderr).toMatch(/hyperparameters from best trial/);
  });

  it('tune: Ctrl-C stops after the current trial, exits 130 and says how to resume', async () => {
    const log = join(dir, 'interrupted-tuner.json');
    const args = [
      'tune',
      '--data',
      'corpora/ravdess',
      '--arch',
      'mlp',
      '--tuner',
      'random',
      '--trials',
      '40',
      '--max-epochs',
      '1',
      '--log',
      log,
    ];
    let signalled = 0;
    let trialsWhenSignalled = 0;
    let trialsWhenTold = -1;
    const interruptAfterATrial = {
      cwd: dir,
      onStderr: (stderr: string, child: ChildProcess) => {
        const trials = (stderr.match(/^trial /gm) ?? []).length;
        if (trials > 0 && signalled++ === 0) {
          trialsWhenSignalled = trials;
          child.kill('SIGINT');
        }
        if (trialsWhenTold < 0 && /stopping after the current trial/.test(stderr)) trialsWhenTold = trials;
      },
    };
    const stopped = await runSer(args, interruptAfterATrial); // the real binary: a real SIGINT
    expect(signalled).toBeGreaterThan(0);
    expect(stopped.code, stopped.stderr).toBe(130);
    // said at once: before the trial running at Ctrl-C finished (at most the one running then ends after it)
    expect(trialsWhenTold).toBeGreaterThanOrEqual(trialsWhenSignalled);
    expect(trialsWhenTold).toBeLessThanOrEqual(trialsWhenSignalled + 1);
    expect(stopped.stderr.indexOf('stopping after the current trial')).toBeLessThan(
      stopped.stderr.lastIndexOf('\ninterrupted after'),
    );
    expect(stopped.stderr).toMatch(
      /stopping after the current trial; the finished ones stay in .*interrupted-tuner\.json, run the same command again to resume/,
    );
    expect(stopped.stderr).toMatch(
      /interrupted after \d+ trial\(s\), which .*interrupted-tuner\.json keeps: run the same command again \(same --log\) to resume/,
    );
    expect(stopped.stdout).toMatch(/search stopped before its end \(run again to resume\)/);
    const kept = (stopped.stderr.match(/^trial /gm) ?? []).length;
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(40);
    // the same command again replays the kept trials (and is interrupted again, to keep the test short)
    signalled = 0;
    const resumed = await runSer(args, interruptAfterATrial);
    expect(resumed.code, resumed.stderr).toBe(130);
    expect(resumed.stdout).toMatch(new RegExp(`\\d+ trial\\(s\\), ${kept} replayed from the log`));
  });

  it('tune: a log of another search (other data, batch size) is refused naming what differs; train checks its architecture', async () => {
    const log = join(dir, 'other-search-tuner.json');
    const first = await ser(
      [
        'tune',
        '--data',
        'corpora/ravdess',
        '--arch',
        'mlp',
        '--tuner',
        'random',
        '--trials',
        '1',
        '--max-epochs',
        '1',
        '--log',
        log,
      ],
      { cwd: dir },
    );
    expect(first.code, first.stderr).toBe(0);
    const otherData = await ser(
      [
        'tune',
        '--data',
        'corpora/tess',
        '--arch',
        'mlp',
        '--tuner',
        'random',
        '--trials',
        '2',
        '--max-epochs',
        '1',
        '--batch-size',
        '16',
        '--log',
        log,
      ],
      { cwd: dir },
    );
    expect(otherData.code).toBe(1);
    expect(otherData.stdout).not.toMatch(/replayed from the log/);
    expect(otherData.stderr).toMatch(
      /the tuner log belongs to a different search \(.*fingerprint\.batchSize: 32 in the log, 16 now/,
    );
    expect(otherData.stderr).toMatch(/fingerprint\.data\.corpus: "ravdess" in the log, "tess" now/);
    expect(otherData.stderr).toMatch(/fingerprint\.data\.x: "[0-9a-f]{64}" in the log, "[0-9a-f]{64}" now/);
    expect(otherData.stderr).toMatch(
      /hint: pass another --log file, or delete .*other-search-tuner\.json to start over/,
    );
    const wrongArch = await ser(
      [
        'train',
        '--data',
        'corpora/ravdess',
        '--arch',
        'ogCnn',
        '--hparams',
        log,
        '--epochs',
        '1',
        '--out',
        join(dir, 'never'),
      ],
      { cwd: dir },
    );
    expect(wrongArch.code).toBe(2);
    expect(wrongArch.stderr).toMatch(/--hparams: .*other-search-tuner\.json was searched for --arch mlp, not ogCnn/);
    // A log written before the architecture was recorded is judged by the hyperparameters it searched.
    const old = JSON.parse(readFileSync(log, 'utf8'));
    delete old.search;
    writeFileSync(join(dir, 'old-tuner.json'), JSON.stringify(old));
    const oldLog = await ser(
      [
        'train',
        '--data',
        'corpora/ravdess',
        '--arch',
        'ogCnn',
        '--hparams',
        join(dir, 'old-tuner.json'),
        '--epochs',
        '1',
        '--out',
        join(dir, 'never'),
      ],
      { cwd: dir },
    );
    expect(oldLog.code).toBe(2);
    expect(oldLog.stderr).toMatch(
      /searched dropout_1, dropout_2, units_0, units_1, learning_rate \(the hyperparameters of mlp\), not those of ogCnn/,
    );
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('stats: reports on the held-out speaker only and draws the confusion matrix', async () => {
    const run = await ser(['stats', bundle(), '--data', 'corpora/ravdess', '--out', 'cm.svg', '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.n).toBe(20);
    expect(result.speakers).toHaveLength(1);
    expect(result.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(20);
    expect(readFileSync(join(dir, 'cm.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('evaluate: scores the held-out actor from the audio files, agreeing with stats on the extracted features', async () => {
    const metadata = JSON.parse(readFileSync(join(bundle(), 'ser-model.json'), 'utf8'));
    const actor = `Actor_${metadata.training.validationSpeakers[0].split(':')[1]}`;
    const run = await ser([
      'evaluate',
      join(dir, 'ravdess', actor),
      '--dataset',
      'ravdess',
      '--model',
      bundle(),
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.n).toBe(20);
    expect(result.labels).toEqual(metadata.labels);
    expect(result.confusion).toHaveLength(7);
    const stats = JSON.parse(
      (await ser(['stats', bundle(), '--data', 'corpora/ravdess', '--json'], { cwd: dir })).stdout,
    );
    expect(result.accuracy).toBeCloseTo(stats.accuracy, 10);
    const text = await ser(['evaluate', join(dir, 'ravdess', actor), '--dataset', 'ravdess', '--model', bundle()]);
    expect(text.stdout).toMatch(/accuracy [\d.]+% {3}macro-F1 \d\.\d{3}/);
    expect(text.stdout).toMatch(/true \\ predicted/);
  });

  it('evaluate: warns when the folder holds training speakers of the model and reports the new speakers apart', async () => {
    const metadata = JSON.parse(readFileSync(join(bundle(), 'ser-model.json'), 'utf8'));
    const trainActor = metadata.training.trainSpeakers[0].split(':')[1];
    const heldOut = metadata.training.validationSpeakers[0].split(':')[1];
    // Both actors: one the model trained on, one it never saw.
    const both = join(dir, 'two-actors');
    mkdirSync(both, { recursive: true });
    for (const actor of [trainActor, heldOut])
      symlinkSync(join(dir, 'ravdess', `Actor_${actor}`), join(both, `Actor_${actor}`));
    const run = await ser(['evaluate', both, '--dataset', 'ravdess', '--model', bundle(), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.speakers).toEqual([`ravdess:${trainActor}`, `ravdess:${heldOut}`].sort());
    expect(result.trainingSpeakers).toEqual([`ravdess:${trainActor}`]);
    expect(result.trainSpeakersKnown).toBe(true);
    expect(result.warning).toMatch(
      new RegExp(`1 of the 2 speaker\\(s\\) in .* \\(ravdess:${trainActor}\\) were training speakers of this model`),
    );
    expect(result.unseen).toMatchObject({ n: 20, speakers: [`ravdess:${heldOut}`] });
    expect(run.stderr).toMatch(/^warning: 1 of the 2 speaker/m);
    const text = await ser(['evaluate', both, '--dataset', 'ravdess', '--model', bundle()]);
    expect(text.stdout).toMatch(/\(including its training speakers\)/);
    expect(text.stdout).toMatch(
      new RegExp(`speakers new to the model \\(ravdess:${heldOut}; 20 recording\\(s\\)\\): accuracy \\d+\\.\\d%`),
    );
    // Only its training speakers: no figure for new ones.
    const seenOnly = JSON.parse(
      (
        await ser([
          'evaluate',
          join(dir, 'ravdess', `Actor_${trainActor}`),
          '--dataset',
          'ravdess',
          '--model',
          bundle(),
          '--json',
        ])
      ).stdout,
    );
    expect(seenOnly.unseen).toBeNull();
    expect(seenOnly.warning).toMatch(/none of the speakers is new to it/);
  });

  it('evaluate: without a recorded label set, a built-in set with the same labels maps the corpus (calm → neutral)', async () => {
    const bare = join(dir, 'bundle-no-labelset');
    mkdirSync(bare, { recursive: true });
    for (const file of ['model.json', 'weights.bin']) copyFileSync(join(bundle(), file), join(bare, file));
    const metadata = JSON.parse(readFileSync(join(bundle(), 'ser-model.json'), 'utf8'));
    delete metadata.training.labelSet;
    writeFileSync(join(bare, 'ser-model.json'), JSON.stringify(metadata));
    const run = await ser([
      'evaluate',
      join(dir, 'ravdess/Actor_01'),
      '--dataset',
      'ravdess',
      '--model',
      bare,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.droppedCount).toBe(0);
    expect(result.n).toBe(20);
  });

  it('evaluate: drops the corpus labels the model does not have and says how many', async () => {
    const dirs = [join(dir, 'ravdess/Actor_01'), join(dir, 'ravdess/Actor_02')];
    const ser6 = await ser([
      'extract',
      ...dirs,
      '--dataset',
      'ravdess',
      '--labels',
      'ser6',
      '--out',
      join(dir, 'corpora/r-ser6'),
      '--workers',
      '2',
    ]);
    expect(ser6.code, ser6.stderr).toBe(0);
    const model6 = join(dir, 'bundle-ser6');
    const trained = await ser([
      'train',
      '--data',
      join(dir, 'corpora/r-ser6'),
      '--arch',
      'mlp',
      '--epochs',
      '1',
      '--out',
      model6,
    ]);
    expect(trained.code, trained.stderr).toBe(0);
    const run = await ser(['evaluate', join(dir, 'tess'), '--dataset', 'tess', '--model', model6]);
    expect(run.code, run.stderr).toBe(0);
    const surprised = readdirSync(join(dir, 'tess/OAF_pleasant_surprise')).length;
    expect(run.stdout).toContain(
      `dropped ${surprised} recording(s) whose emotion the model does not have: surprised ${surprised}`,
    );
  });

  it('train: a corpus of one speaker cannot be split speaker-independently', async () => {
    const one = await ser([
      'extract',
      join(dir, 'ravdess/Actor_01'),
      '--dataset',
      'ravdess',
      '--out',
      join(dir, 'corpora/one'),
      '--workers',
      '2',
    ]);
    expect(one.code, one.stderr).toBe(0);
    const run = await ser([
      'train',
      '--data',
      join(dir, 'corpora/one'),
      '--arch',
      'mlp',
      '--epochs',
      '1',
      '--out',
      join(dir, 'nope'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot hold out speakers for validation: .*at least 2 speakers/);
  });

  it('plot-model: prints the layer summary and writes an SVG', async () => {
    const run = await ser(['plot-model', bundle(), '--out', join(dir, 'model.svg')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Total params: [\d,]+/);
    expect(readFileSync(join(dir, 'model.svg'), 'utf8')).toMatch(/^<svg/);
  });
});

describe('ser analyze', FIXTURE_NEEDS, () => {
  it('analyses a 48 kHz stereo WAV chunk by chunk with a summary (the built binary)', async () => {
    const run = await runSer(['analyze', speech.wav48kStereo, '--model', bundle()]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/48000 Hz, 2 channel\(s\)/);
    expect(lines[1]).toMatch(/a=angry d=disgust f=fear h=happy n=neutral sa=sad su=surprise/);
    const chunkLines = lines.filter((l) => /^\d:\d\d\.\d–\d:\d\d\.\d/.test(l));
    expect(chunkLines.length).toBeGreaterThanOrEqual(2);
    for (const line of chunkLines)
      expect(line).toMatch(
        /^\d:\d\d\.\d–\d:\d\d\.\d\s+(angry|disgust|fear|happy|neutral|sad|surprise)\s+\d+\.\d%\s+[ ▁▂▃▄▅▆▇█]{7}$/,
      );
    expect(run.stdout).toMatch(/emotion of the recording: \w+ \(\d+\.\d% over [\d.]+ s of speech/);
  });

  it('gives JSON whose chunks follow the documented plan (16 kHz FLAC and MP3)', async () => {
    for (const file of [speech.flac16k, speech.mp3]) {
      const run = await ser(['analyze', file, '--model', bundle(), '--json']);
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      const sr = report.model.sampleRate as number;
      const expected = planChunks(Math.round(report.duration * sr), chunkLengths(2, 2, sr));
      expect(report.chunks).toHaveLength(expected.length);
      expect(report.chunks.map((c: { start: number; end: number }) => [c.start, c.end])).toEqual(
        expected.map((c) => [c.start / sr, c.end / sr]),
      );
      expect(report.chunks[0].start).toBe(0);
      expect(report.chunks.at(-1).end).toBeCloseTo(report.duration, 2);
      for (const chunk of report.chunks) {
        if (chunk.silent) continue;
        const sum = Object.values(chunk.probabilities as Record<string, number>).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(1, 4);
      }
      const mean = Object.values(report.summary.probabilities as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(mean).toBeCloseTo(1, 4);
      expect(report.summary.label).toBe(
        report.model.labels[argMaxOf(report.model.labels.map((l: string) => report.summary.probabilities[l]))],
      );
    }
  });

  it(
    'decodes Ogg Vorbis, Ogg Opus, AIFF, a 96 kHz WAV and an AIFF named .wav (the TESS originals)',
    needs('originals'),
    async () => {
      const originals = join(DATASETS_DIR, 'originals/tess');
      const cases: [string, number, string][] = [
        [speech.oggVorbis, 22050, 'ogg-vorbis'],
        [speech.oggOpus, 48000, 'ogg-opus'],
        [speech.aiff, 44100, 'aiff'],
        [join(originals, 'OAF_fear/OAF_food_fear.wav'), 96000, 'wav'],
        [join(originals, 'YAF_angry/YAF_germ_angry.wav'), 24414, 'aiff'],
      ];
      for (const [file, rate, format] of cases) {
        const run = await ser(['analyze', file, '--model', bundle(), '--json'], { env: emptyPathEnv() });
        expect(run.code, `${file}: ${run.stderr}`).toBe(0);
        const report = JSON.parse(run.stdout);
        expect(report.sampleRate, file).toBe(rate);
        expect(report.format, file).toBe(format);
        expect(report.chunks.length, file).toBeGreaterThan(0);
      }
    },
  );

  it('analyses a clip shorter than a chunk as one chunk, and overlaps chunks with --hop', async () => {
    const short = JSON.parse((await ser(['analyze', speech.shortWav, '--model', bundle(), '--json'])).stdout);
    expect(short.chunks).toHaveLength(1);
    expect(short.chunks[0]).toMatchObject({ start: 0, end: short.duration });
    const hop = JSON.parse(
      (await ser(['analyze', speech.flac16k, '--model', bundle(), '--chunk', '2', '--hop', '1', '--json'])).stdout,
    );
    expect(hop.chunks.slice(0, 3).map((c: { start: number }) => c.start)).toEqual([0, 1, 2]);
  });

  it('analyses a 60-s recording (timing reported, not asserted)', async () => {
    const run = await ser(['analyze', speech.long60sWav, '--model', bundle(), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.chunks).toHaveLength(30);
    console.log(
      `analyze 60 s: decode ${report.timing.decodeMs.toFixed(0)} ms, model load ${report.timing.modelLoadMs.toFixed(0)} ms, analysis ${report.timing.analyzeMs.toFixed(0)} ms`,
    );
  });

  it('downloads and analyses an http URL, decoding with ffmpeg when present and with the built-in decoders otherwise', async () => {
    const withFfmpeg = await ser(['analyze', `${baseUrl}/speech.flac`, '--model', bundle(), '--json']);
    expect(withFfmpeg.code, withFfmpeg.stderr).toBe(0);
    const report = JSON.parse(withFfmpeg.stdout);
    expect(report.source).toBe(`${baseUrl}/speech.flac`);
    expect(report.sampleRate).toBe(16000);
    expect(report.format).toBe('ffmpeg');
    const without = await ser(['analyze', `${baseUrl}/speech.flac`, '--model', bundle(), '--json'], {
      env: emptyPathEnv(),
    });
    expect(without.code, without.stderr).toBe(0);
    const builtin = JSON.parse(without.stdout);
    expect(builtin.format).toBe('flac');
    // Same audio either way: the same chunks and (nearly) the same probabilities.
    expect(builtin.chunks.map((c: { label: string }) => c.label)).toEqual(
      report.chunks.map((c: { label: string }) => c.label),
    );
  });

  it('reports silence instead of classifying it, and says a silent recording is silent', async () => {
    const gap = join(dir, 'gap.wav');
    execFileSync('sox', [speech.flac16k, join(dir, 'silence.wav'), speech.flac16k, gap]);
    const run = await ser(['analyze', gap, '--model', bundle()]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\(silence\)/);
    expect(run.stdout).toMatch(/\d silent chunk\(s\), [\d.]+ s, left out/);
    const silent = await ser(['analyze', join(dir, 'silence.wav'), '--model', bundle()]);
    expect(silent.code, silent.stderr).toBe(0);
    expect(silent.stdout).toMatch(/no emotion: the recording is silent \(every chunk below -55 dBFS RMS\)/);
    const json = JSON.parse((await ser(['analyze', join(dir, 'silence.wav'), '--model', bundle(), '--json'])).stdout);
    expect(json.summary).toMatchObject({
      label: null,
      probabilities: null,
      confidence: 0,
      speechSeconds: 0,
      chunkCount: 2,
      silentChunkCount: 2,
    });
    const listen = await ser(['listen', '--file', join(dir, 'silence.wav'), '--model', bundle()]);
    expect(listen.code).toBe(1);
    expect(listen.stderr).toMatch(/silence\.wav is silent/);
  });

  it('refuses a recording shorter than a quarter second instead of classifying zero padding', async () => {
    const blip = join(dir, 'blip.wav');
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', blip, 'synth', '0.01', 'sine', '300']);
    const run = await ser(['analyze', blip, '--model', bundle()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /blip\.wav lasts 0\.010 s: too short to classify \(at least 0\.25 s of audio is needed\)/,
    );
    expect(run.stdout).toBe('');
    const listen = await ser(['listen', '--file', blip, '--model', bundle()]);
    expect(listen.code).toBe(1);
    expect(listen.stderr).toMatch(/too short to classify/);
  });

  it('says when no audio player exists for --play, and still prints the results', async () => {
    const run = await ser(['analyze', speech.flac16k, '--model', bundle(), '--play'], { env: emptyPathEnv() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/cannot play audio: none of `play` \(sox\), `ffplay` \(ffmpeg\) or `aplay`/);
    expect(run.stdout).toMatch(/emotion of the recording/);
  });

  it(
    '--play prints each chunk line as its chunk starts playing (ffplay on a dummy audio device)',
    needs('ffplay'),
    async () => {
      // A PATH holding only ffplay, so that it is the player found; SDL's dummy driver plays in real time without a sound card.
      const bin = join(dir, 'ffplay-only');
      mkdirSync(bin, { recursive: true });
      if (!existsSync(join(bin, 'ffplay'))) symlinkSync(FFPLAY!, join(bin, 'ffplay'));
      const arrivals: { at: number; line: string }[] = [];
      const started = performance.now();
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [CLI_PATH, 'analyze', speech.flac16k, '--model', bundle(), '--play'], {
          env: { ...process.env, PATH: bin, SDL_AUDIODRIVER: 'dummy' },
        });
        let pending = '';
        child.stdout.setEncoding('utf8').on('data', (text: string) => {
          pending += text;
          const lines = pending.split('\n');
          pending = lines.pop()!;
          for (const line of lines) arrivals.push({ at: (performance.now() - started) / 1000, line });
        });
        child.on('close', resolve);
      });
      expect(code).toBe(0);
      const chunkLines = arrivals.filter((a) => /^\d:\d\d\.\d–/.test(a.line));
      expect(chunkLines.length).toBeGreaterThanOrEqual(2);
      // The second chunk starts 2 s into the recording: its line must come about 2 s after the first one.
      expect(chunkLines[1]!.at - chunkLines[0]!.at).toBeGreaterThan(1.5);
      expect(chunkLines[1]!.at - chunkLines[0]!.at).toBeLessThan(4);
    },
  );

  it('says what to install for a YouTube URL without yt-dlp', async () => {
    const run = await ser(['analyze', 'https://youtu.be/dQw4w9WgXcQ', '--model', bundle()], { env: emptyPathEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/yt-dlp/);
    expect(run.stderr).toMatch(/pipx install yt-dlp/);
  });

  it('uses the pretrained default model without --model, or says clearly that it is not installed', async () => {
    const run = await ser(['analyze', speech.flac16k]);
    const defaultDir = join(PACKAGES_DIR, 'ser-models/pretrained/default');
    if (existsSync(join(defaultDir, 'model.json'))) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/model pretrained default/);
    } else {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the pretrained default model is not installed (looked in ${defaultDir})`);
      expect(run.stderr).toMatch(/--model <bundle>/);
    }
  });

  it('fails clearly on a missing file, a non-audio file, a missing model and a bad bundle folder', async () => {
    const missing = await ser(['analyze', join(dir, 'nope.wav'), '--model', bundle()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.wav: no such file/);
    const text = await ser(['analyze', join(dir, 'not-audio.wav'), '--model', bundle()], { env: emptyPathEnv() });
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/not-audio\.wav is not audio/);
    if (FFMPEG) {
      // With ffmpeg on the PATH the file is handed to it; its complaint names our file, not ffmpeg's temporary copy.
      const viaFfmpeg = await ser(['analyze', join(dir, 'not-audio.wav'), '--model', bundle()]);
      expect(viaFfmpeg.code).toBe(1);
      expect(viaFfmpeg.stderr).toMatch(/ffmpeg could not decode .*not-audio\.wav: Invalid data/);
      expect(viaFfmpeg.stderr).not.toMatch(/ser-ffmpeg-/);
    }
    const noBundle = await ser(['analyze', speech.flac16k, '--model', join(dir, 'corpora')]);
    expect(noBundle.code).toBe(1);
    expect(noBundle.stderr).toMatch(/is not a model bundle \(missing model\.json, weights\.bin, ser-model\.json\)/);
  });
});

describe('ser listen', FIXTURE_NEEDS, () => {
  it('runs the acoustic model on a file', async () => {
    const run = await ser(['listen', '--file', speech.wav48kStereo, '--model', bundle(), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    const sum = Object.values(result.acoustic as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 4);
    expect(result.text).toBeNull();
    // The same pipeline as `ser analyze`: its acoustic view is analyze's summary.
    const analysis = JSON.parse((await ser(['analyze', speech.wav48kStereo, '--model', bundle(), '--json'])).stdout);
    expect(result.acoustic).toEqual(analysis.summary.probabilities);
    expect(result.acousticTop).toBe(analysis.summary.label);
  });

  it('says what to install when there is no microphone recorder', async () => {
    const run = await ser(['listen', '--seconds', '1', '--model', bundle()], { env: emptyPathEnv() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no microphone recorder found/);
    expect(run.stderr).toMatch(/sox|arecord|ffmpeg/);
  });

  it('shows the acoustic view and a clear error when the Whisper model for --text is not installed', async () => {
    const run = await ser([
      'listen',
      '--file',
      speech.flac16k,
      '--model',
      bundle(),
      '--text',
      '--models-dir',
      join(dir, 'no-models'),
    ]);
    expect(run.stdout).toMatch(/acoustic \(how it sounds\)/);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the text view failed: .*no-models/s);
    // every file of the model is named, and the CLI's flags, not @ser/text's option names
    const files = [
      'config.json',
      'generation_config.json',
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/encoder_model.onnx',
      'onnx/decoder_model_merged.onnx',
    ];
    const listed = /missing ([^\n]*)/.exec(run.stderr)?.[1] ?? '';
    expect(listed.split(', ').sort()).toEqual([...files].sort());
    expect(run.stderr).toMatch(/--models-dir \(or \$SER_MODELS_DIR\).*--allow-download/);
    expect(run.stderr).not.toMatch(/allowDownload|modelsDir/);
    // with only config.json in place the rest is still listed (transformers.js is never asked to guess)
    const partial = join(dir, 'partial-models', 'Xenova', 'whisper-base');
    mkdirSync(partial, { recursive: true });
    writeFileSync(join(partial, 'config.json'), JSON.stringify({ model_type: 'whisper' }));
    const rest = await ser([
      'listen',
      '--file',
      speech.flac16k,
      '--model',
      bundle(),
      '--text',
      '--models-dir',
      join(dir, 'partial-models'),
    ]);
    expect(rest.code).toBe(1);
    expect(rest.stderr).not.toMatch(/Unsupported model type/);
    expect((/missing ([^\n]*)/.exec(rest.stderr)?.[1] ?? '').split(', ').sort()).toEqual(files.slice(1).sort());
  });
});

/** Index of the largest value. */
function argMaxOf(values: readonly number[]): number {
  return values.reduce((best, v, i) => (v > values[best]! ? i : best), 0);
}
