/**
 * Speaker calibration through the CLI, in-process (`runCli`), with the shipped models and real RAVDESS recordings:
 * `ser calibrate` (and its refusals), `ser analyze --calibration`, `ser listen --calibrate-file / --calibration`,
 * and the calibrated evaluation protocol `ser evaluate --calibrate neutral`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS_DIR, needs } from '@ser/test-support';
import { parseCalibration } from '@ser/models';
import { runCli } from '../src/run-cli.js';
import { defaultModelLocation } from '../src/model/resolve-model-dir.js';
import { memoryIo } from './helpers/memory-io.js';

const ACTOR = join(DATASETS_DIR, 'ravdess', 'Actor_01');
/** RAVDESS Actor_01 recordings: `03-01-EE-II-SS-RR-01`. */
const ravdess = (emotion: string, intensity: string, statement: string, repetition: string) =>
  join(ACTOR, `03-01-${emotion}-${intensity}-${statement}-${repetition}-01.flac`);
/** Neutral (01) and calm (02) recordings of statement 1: about 6 s of speech in all. */
const CALM = [
  ravdess('01', '01', '01', '01'),
  ravdess('01', '01', '01', '02'),
  ravdess('02', '01', '01', '01'),
  ravdess('02', '01', '01', '02'),
];
const ANGRY = ravdess('05', '02', '02', '01');

let dir: string;
const emptyBin = () => join(dir, 'empty-bin');

/** Runs `ser …args` in-process in the temporary folder; resolves to the exit code and the output. */
async function ser(args: string[], env: Record<string, string | undefined> = process.env) {
  const run = memoryIo({ env: { ...env, NO_COLOR: '1' }, cwd: dir });
  const code = await runCli(args, run.io);
  return { code, stdout: run.out(), stderr: run.err() };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ser-cli-calibration-'));
  mkdirSync(join(dir, 'empty-bin'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('ser calibrate and ser analyze --calibration', needs('ravdess', 'sox'), () => {
  beforeAll(() => {
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', join(dir, 'silence.wav'), 'trim', '0', '3']);
    execFileSync('sox', [...CALM, join(dir, 'calm.wav')]);
  });

  it('enrolls calm recordings and writes a calibration file that analyze uses', async () => {
    const made = await ser(['calibrate', ...CALM, '--out', 'me.calibration.json']);
    expect(made.stderr).not.toMatch(/error/);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(
      /enrolled \d+\.\d s of calm speech from 4 recording\(s\) for the calibrated default model/,
    );
    expect(made.stdout).toContain('wrote me.calibration.json');
    const calibration = parseCalibration(readFileSync(join(dir, 'me.calibration.json'), 'utf8'), 'me.calibration.json');
    expect(calibration.recordings).toBe(4);
    expect(calibration.speechSeconds).toBeGreaterThan(3);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const text = await ser(['analyze', ANGRY, '--calibration', 'me.calibration.json']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /model calibrated default, calibrated with me\.calibration\.json \(\d+\.\d s of calm speech/,
    );

    const json = await ser(['analyze', ANGRY, '--calibration', 'me.calibration.json', '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.calibrated).toBe(true);
    expect(report.calibration).toEqual({
      file: 'me.calibration.json',
      speechSeconds: calibration.speechSeconds,
      recordings: 4,
      createdAt: calibration.createdAt,
    });
    expect(report.model.dir).toBe(await defaultModelLocation({ calibrated: true }));
    expect(report.summary.label).toBe('angry');

    const uncalibrated = JSON.parse((await ser(['analyze', ANGRY, '--json'])).stdout);
    expect(uncalibrated.calibrated).toBe(false);
    expect(uncalibrated.calibration).toBeNull();
  });

  it('prints the calibration with --json', async () => {
    const run = await ser(['calibrate', join(dir, 'calm.wav'), '-o', 'json.calibration.json', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.file).toBe('json.calibration.json');
    expect(report.recordings).toEqual([{ source: join(dir, 'calm.wav'), duration: expect.closeTo(13.6, 0) }]);
    expect(parseCalibration(report.calibration).bandMeans).toHaveLength(64);
  });

  it('refuses silent, too short and not calm speech, naming the file, and leaves an existing file as it was', async () => {
    writeFileSync(join(dir, 'kept.calibration.json'), 'the previous calibration');
    const silent = await ser(['calibrate', 'silence.wav', '--out', 'kept.calibration.json']);
    expect(silent.code).toBe(1);
    expect(silent.stderr).toMatch(/silence\.wav is silent/);
    expect(silent.stderr).toMatch(/hint: /);

    const short = await ser(['calibrate', CALM[0]!, '--out', 'kept.calibration.json']);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain(CALM[0]!);
    expect(short.stderr).toMatch(/found \d\.\d s of speech .* at least 3 s/);

    const angry = await ser(['calibrate', ANGRY, ravdess('05', '02', '01', '01'), '--out', 'kept.calibration.json']);
    expect(angry.code).toBe(1);
    expect(angry.stderr).toContain(ANGRY);
    expect(angry.stderr).toMatch(/does not sound calm: the default model hears angry/);
    expect(angry.stderr).toContain('--allow-not-calm');
    const allowed = await ser([
      'calibrate',
      ANGRY,
      ravdess('05', '02', '01', '01'),
      ravdess('05', '02', '02', '02'),
      '--out',
      'angry.calibration.json',
      '--allow-not-calm',
    ]);
    expect(allowed.code).toBe(0);

    expect(readFileSync(join(dir, 'kept.calibration.json'), 'utf8')).toBe('the previous calibration');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a missing --out and a --model that takes no calibration', async () => {
    const noOut = await ser(['calibrate', ...CALM]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--out <file\.calibration\.json> is required/);
    const uncalibrated = await defaultModelLocation();
    const wrongModel = await ser(['calibrate', ...CALM, '--out', 'x.calibration.json', '--model', uncalibrated]);
    expect(wrongModel.code).toBe(1);
    expect(wrongModel.stderr).toContain(`the model in ${uncalibrated} takes no speaker calibration`);
  });

  it('refuses a corrupt or missing calibration file and an uncalibrated --model with --calibration', async () => {
    writeFileSync(join(dir, 'corrupt.calibration.json'), '{"format": "ser-calibration", "version": 1, "bandMeans": [');
    const corrupt = await ser(['analyze', ANGRY, '--calibration', 'corrupt.calibration.json']);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/--calibration corrupt\.calibration\.json: not valid JSON/);
    writeFileSync(
      join(dir, 'other.calibration.json'),
      JSON.stringify({ format: 'ser-calibration', version: 1, kind: 'speakerBandMeans' }),
    );
    const incomplete = await ser(['analyze', ANGRY, '--calibration', 'other.calibration.json']);
    expect(incomplete.code).toBe(1);
    expect(incomplete.stderr).toMatch(/other\.calibration\.json: speechRangeDb/);
    const missing = await ser(['analyze', ANGRY, '--calibration', 'nowhere.calibration.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nowhere\.calibration\.json .*does not exist/);

    const uncalibrated = await defaultModelLocation();
    const wrongModel = await ser(['analyze', ANGRY, '--calibration', 'me.calibration.json', '--model', uncalibrated]);
    expect(wrongModel.code).toBe(1);
    expect(wrongModel.stderr).toContain(
      `--calibration me.calibration.json: the model in ${uncalibrated} takes no speaker calibration`,
    );
  });

  it('listen calibrates from --calibrate-file, saves it, and listens calibrated; --calibration reads it back', async () => {
    const run = await ser([
      'listen',
      '--file',
      ANGRY,
      '--calibrate-file',
      'calm.wav',
      '--save-calibration',
      'listen.calibration.json',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /calibrated with \d+\.\d s of calm speech from calm\.wav; saved to listen\.calibration\.json/,
    );
    const result = JSON.parse(run.stdout);
    const saved = parseCalibration(readFileSync(join(dir, 'listen.calibration.json'), 'utf8'));
    expect(result.calibration).toEqual({
      file: 'listen.calibration.json',
      speechSeconds: saved.speechSeconds,
      recordings: 1,
      createdAt: saved.createdAt,
    });
    expect(result.acousticTop).toBe('angry');

    const again = await ser(['listen', '--file', ANGRY, '--calibration', 'listen.calibration.json']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/calibrated with listen\.calibration\.json/);
  });

  it('listen exits 1 with the reason when the enrollment is refused, and rejects contradictory options', async () => {
    const silent = await ser(['listen', '--file', ANGRY, '--calibrate-file', 'silence.wav']);
    expect(silent.code).toBe(1);
    expect(silent.stderr).toMatch(/cannot calibrate: silence\.wav is silent/);
    const both = await ser(['listen', '--calibration', 'me.calibration.json', '--calibrate']);
    expect(both.code).toBe(2);
    const orphan = await ser(['listen', '--file', ANGRY, '--save-calibration', 'x.json']);
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toMatch(/--save-calibration only with --calibrate/);
  });

  it('listen --calibrate without a recorder says so at once, before asking anyone to speak', async () => {
    const run = await ser(['listen', '--calibrate'], { ...process.env, PATH: emptyBin() });
    expect(run.code).toBe(1);
    // No recorder: said at once, before the speaker is asked to talk and the countdown runs.
    expect(run.stderr).toMatch(/cannot record from the microphone: no microphone recorder found on PATH/);
    expect(run.stderr).not.toMatch(/talk calmly|starting in/);
  });
});

describe('ser evaluate --calibrate neutral', needs('ravdess'), () => {
  /** 24 recordings of Actor_01: all 12 neutral and calm ones (both statements), and 2 of each other emotion. */
  beforeAll(() => {
    const actor = join(dir, 'corpus', 'Actor_01');
    mkdirSync(actor, { recursive: true });
    const files = readdirSync(ACTOR).filter((file) => {
      const [, , emotion, intensity, , repetition] = file.split('-');
      return emotion === '01' || emotion === '02' || (intensity === '02' && repetition === '01');
    });
    for (const file of files) symlinkSync(join(ACTOR, file), join(actor, file));
  });

  it('scores every recording with the shipped calibrated model and reports the enrollment', async () => {
    const run = await ser([
      'evaluate',
      join(dir, 'corpus'),
      '--dataset',
      'ravdess',
      '--calibrate',
      'neutral',
      '--json',
      '--workers',
      '1',
    ]);
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.n).toBe(24);
    expect(result.labels).toEqual(['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise']);
    expect(result.confusion).toHaveLength(7);
    expect(result.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(24);
    expect(result.calibrate).toBe('neutral');
    expect(result.model).toBe(await defaultModelLocation({ calibrated: true }));
    // Each recording is enrolled with the 6 neutral/calm recordings of the other statement.
    expect(result.enrollment).toEqual({ 'ravdess:01': { neutralRecordings: 12, perRecording: { min: 6, max: 6 } } });
    expect(result.macroF1).toBeGreaterThan(0.4);
    // Chance is 1/7 (14 %); Actor_01 is among the model's training speakers, so this is a check of the wiring.
    expect(result.accuracy).toBeGreaterThan(0.6);
  });
});
