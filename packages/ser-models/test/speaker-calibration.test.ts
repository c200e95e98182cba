/**
 * Speaker calibration: the JSON object and its checks, enrollment from real RAVDESS speech (too short, silent, not
 * calm), the offset in the recognizer (batch, stream, pool), and the calibrated evaluation protocol.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS_DIR, needs } from '@ser/test-support';
import { loadAudio } from '@ser/audio-features/node';
import { scanDataset } from '@ser/datasets';
import { initBackend } from '../src/backend/init-backend.js';
import type { ModelBundle } from '../src/bundle/bundle-types.js';
import { predict } from '../src/bundle/predict.js';
import {
  CALIBRATION_FORMAT,
  calibrate,
  calibratedFeatures,
  checkCalibrationFits,
  enrollmentBandMeans,
  enrollmentOffsets,
  parseCalibration,
  type SpeakerCalibration,
} from '../src/calibration/index.js';
import { ModelError } from '../src/errors.js';
import { saveBundle } from '../src/node/bundle-dir.js';
import { calibrateEncodedAudio } from '../src/node/calibrate-encoded-audio.js';
import { evaluateCalibrated } from '../src/node/evaluate-calibrated.js';
import { createRecognizerPool } from '../src/node/recognizer-pool.js';
import { defaultModelDir, loadDefaultModel } from '../src/pretrained.js';
import { createRecognizer } from '../src/recognizer/index.js';
import { CALIBRATED_FEATURES, smallCalibratedBundle } from './helpers/calibrated-bundle.js';

const ACTOR_01 = path.join(DATASETS_DIR, 'ravdess/Actor_01');
/** Actor 1's neutral (01) and calm (02) recordings of statement 01, and an angry one of statement 02. */
const CALM_01 = ['03-01-01-01-01-01-01', '03-01-01-01-01-02-01', '03-01-02-01-01-01-01', '03-01-02-01-01-02-01'].map(
  (s) => path.join(ACTOR_01, `${s}.flac`),
);
const ANGRY_02 = path.join(ACTOR_01, '03-01-05-02-02-01-01.flac');
const ANGRY_STRONG = ['03-01-05-02-01-01-01', '03-01-05-02-02-01-01'].map((s) => path.join(ACTOR_01, `${s}.flac`));

/** 16-bit mono PCM WAV bytes of `samples` at 16 kHz. */
function wavBytes(samples: Float32Array): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => data.writeInt16LE(Math.round(32767 * Math.max(-1, Math.min(1, v))), 2 * i));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16000, 24);
  header.writeUInt32LE(32000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** The recordings one after the other, as WAV bytes. */
async function joinedWav(files: readonly string[]): Promise<Buffer> {
  const parts = await Promise.all(files.map(load));
  const joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return wavBytes(joined);
}

const load = async (file: string): Promise<Float32Array> => (await loadAudio(file, { sr: 16000 })).samples;

/** The ModelError `fn` throws (or undefined). */
function thrown(fn: () => unknown): ModelError | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  return undefined;
}

function sampleCalibration(overrides: Partial<SpeakerCalibration> = {}): SpeakerCalibration {
  return {
    format: 'ser-calibration',
    version: 1,
    kind: 'speakerBandMeans',
    speechRangeDb: 35,
    featureConfig: { featureSet: 'logmel', sr: 16000, nFft: 512, hopLength: 160, nMels: 64, fmin: 0, fmax: 8000 },
    bandMeans: Array.from({ length: 64 }, (_, b) => -40 - b / 4),
    speechSeconds: 4.2,
    recordings: 2,
    createdAt: '2026-12-02T08:00:00.000Z',
    ...overrides,
  };
}

describe('the calibration object', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm' });
  });

  it('survives JSON and refuses a wrong format, version, length or value, naming the file', () => {
    const calibration = sampleCalibration();
    expect(parseCalibration(JSON.stringify(calibration), 'me.json')).toEqual(calibration);
    expect(parseCalibration({ ...calibration, extra: 1 })).toEqual(calibration);
    const refusal = (value: unknown): string => {
      const error = thrown(() => parseCalibration(value, 'me.json'));
      expect(error?.code).toBe('INVALID_CALIBRATION');
      expect(error?.message).toMatch(/^me\.json: /);
      return error?.message ?? '';
    };
    expect(refusal('{ not json')).toMatch(/not valid JSON/);
    expect(refusal({ ...calibration, format: 'ser-model' })).toMatch(/format must be "ser-calibration"/);
    expect(refusal({ ...calibration, version: 2 })).toMatch(/version 2 is not supported/);
    expect(refusal({ ...calibration, bandMeans: calibration.bandMeans.slice(1) })).toMatch(
      /nMels = 64 numbers, got 63/,
    );
    expect(
      refusal(
        JSON.parse(
          JSON.stringify({ ...calibration, bandMeans: calibration.bandMeans.map((v, b) => (b === 3 ? NaN : v)) }),
        ),
      ),
    ).toMatch(/bandMeans\[3\] is null/);
    expect(refusal({ ...calibration, bandMeans: calibration.bandMeans.map((v, b) => (b === 5 ? NaN : v)) })).toMatch(
      /bandMeans\[5\]/,
    );
    expect(refusal({ ...calibration, featureConfig: { ...calibration.featureConfig, hopLength: '160' } })).toMatch(
      /featureConfig\.hopLength/,
    );
    expect(refusal([])).toMatch(/JSON object/);
  });

  it('goes only with a calibrated model of the same features, and says which field differs', () => {
    const calibrated = smallCalibratedBundle().metadata;
    expect(() => checkCalibrationFits(calibrated, sampleCalibration())).not.toThrow();
    const other = sampleCalibration({ featureConfig: { ...sampleCalibration().featureConfig, fmax: 7600 } });
    expect(thrown(() => checkCalibrationFits(calibrated, other))?.message).toMatch(
      /featureConfig\.fmax = 7600, but the model uses 8000/,
    );
    expect(thrown(() => checkCalibrationFits(calibrated, sampleCalibration({ speechRangeDb: 30 })))?.code).toBe(
      'INCOMPATIBLE_CALIBRATION',
    );
    const needs = thrown(() => checkCalibrationFits(calibrated, undefined));
    expect(needs?.code).toBe('INCOMPATIBLE_CALIBRATION');
    expect(needs?.message).toMatch(/needs a calibration/);
    const plain = { ...calibrated, calibration: undefined };
    expect(() => checkCalibrationFits(plain, undefined)).not.toThrow();
    expect(thrown(() => checkCalibrationFits(plain, sampleCalibration()))?.message).toMatch(
      /takes no speaker calibration/,
    );
  });

  it('calibratedFeatures subtracts each band mean from every frame', () => {
    expect(Array.from(calibratedFeatures(Float32Array.from([-10, -20, -12, -22, -11, -21]), [-11, -21]))).toEqual([
      1, 1, -1, -1, 0, 0,
    ]);
    expect(() => calibratedFeatures(new Float32Array(5), [1, 2])).toThrow(/whole frames/);
  });

  it("enrollmentOffsets enrolls each recording with its speaker's neutral recordings of the other words", () => {
    const sums = (v: number): Float64Array => Float64Array.from([v, 2 * v]);
    const neutrals = [
      { speaker: 'a', statement: '01', sums: sums(-10), count: 1 },
      { speaker: 'a', statement: '02', sums: sums(-60), count: 3 },
      { speaker: 'a', statement: '02', sums: sums(-20), count: 1 },
      { speaker: 'b', statement: '01', sums: sums(-5), count: 1 },
    ];
    const { offsets, enrolled } = enrollmentOffsets(
      [
        { name: 'x', speaker: 'a', statement: '01' },
        { name: 'y', speaker: 'a', statement: '02' },
      ],
      neutrals,
      2,
      160,
      16000,
    );
    expect(Array.from(enrolled)).toEqual([2, 1]);
    expect(Array.from(offsets)).toEqual([-20, -40, -10, -20]); // (−60 − 20) / 4 frames; −10 / 1
    expect(() =>
      enrollmentOffsets([{ name: 'z.flac', speaker: 'b', statement: '01' }], neutrals, 2, 160, 16000),
    ).toThrow(/z\.flac: b has no neutral recording of other words than "01"/);
    expect(() =>
      enrollmentOffsets([{ name: 'w.flac', speaker: 'a', statement: undefined }], neutrals, 2, 160, 16000),
    ).toThrow(/w\.flac/);
  });
});

describe('calibrate, with real speech and the real default model as the calm check', needs('ravdess'), () => {
  let bundle: ModelBundle;
  let calmModel: ModelBundle;
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm' });
    bundle = smallCalibratedBundle();
    calmModel = await loadDefaultModel();
  });
  afterAll(() => {
    bundle.model.dispose();
    calmModel.model.dispose();
  });

  it('enrolls calm speech: the band means of the recordings', async () => {
    const signals = await Promise.all(CALM_01.map(load));
    const calibration = calibrate(
      bundle,
      signals.map((samples) => ({ samples, sampleRate: 16000 })),
      { calmModel, createdAt: new Date(0) },
    );
    expect(calibration).toMatchObject({
      format: CALIBRATION_FORMAT,
      version: 1,
      recordings: 4,
      createdAt: '1970-01-01T00:00:00.000Z',
      speechRangeDb: 35,
    });
    const expected = enrollmentBandMeans(signals, CALIBRATED_FEATURES);
    expect(calibration.bandMeans).toEqual(Array.from(expected.bandMeans));
    expect(calibration.speechSeconds).toBeCloseTo(expected.speechSeconds, 6);
    expect(calibration.speechSeconds).toBeGreaterThan(4);
    expect(parseCalibration(JSON.stringify(calibration))).toEqual(calibration);
  }, 180_000);

  it('refuses too little speech, saying how much it found', async () => {
    const short = (await load(CALM_01[0]!)).slice(16000, 16000 + 24000); // 1.5 s from inside the sentence
    const error = thrown(() => calibrate(bundle, [{ samples: short, sampleRate: 16000 }], { calmModel }));
    expect(error?.code).toBe('ENROLLMENT_TOO_SHORT');
    expect(error?.message).toMatch(
      /found 1\.[0-9] s of speech in 1 recording\(s\) \(1\.5 s of audio\); a calibration needs at least 3 s/,
    );
    expect(() =>
      calibrate(bundle, [{ samples: short, sampleRate: 16000 }], { calmModel, minSpeechSeconds: 1 }),
    ).not.toThrow();
  });

  it("refuses a silent recording by the recognizer's silence rule, naming it", async () => {
    const hiss = Float32Array.from({ length: 5 * 16000 }, (_, i) => 1e-4 * Math.sin(i * 1.7));
    const speech = await load(CALM_01[0]!);
    const error = thrown(() =>
      calibrate(
        bundle,
        [
          { samples: speech, sampleRate: 16000 },
          { samples: hiss, sampleRate: 16000, name: 'room.wav' },
        ],
        { calmModel },
      ),
    );
    expect(error?.code).toBe('ENROLLMENT_SILENT');
    expect(error?.message).toMatch(/room\.wav is silent.*-55 dBFS/);
  });

  it('refuses angry speech as not calm, naming what it heard, unless allowNotCalm', async () => {
    const angry = await Promise.all(
      ANGRY_STRONG.map(async (file) => ({ samples: await load(file), sampleRate: 16000 })),
    );
    const error = thrown(() => calibrate(bundle, angry, { calmModel }));
    expect(error?.code).toBe('ENROLLMENT_NOT_CALM');
    expect(error?.message).toMatch(/hears angry \([5-9][0-9] %\)/);
    expect(calibrate(bundle, angry, { allowNotCalm: true }).recordings).toBe(2);
    expect(thrown(() => calibrate(bundle, angry))?.message).toMatch(/pass calmModel/);
    expect(thrown(() => calibrate(calmModel, angry, { allowNotCalm: true }))?.code).toBe('INCOMPATIBLE_CALIBRATION');
  });

  it('decodes files for calibrateEncodedAudio, naming the file in errors', async () => {
    const fromFiles = await calibrateEncodedAudio(bundle, CALM_01, { calmModel, createdAt: new Date(0) });
    const fromSamples = calibrate(
      bundle,
      await Promise.all(CALM_01.map(async (file) => ({ samples: await load(file), sampleRate: 16000 }))),
      { calmModel, createdAt: new Date(0) },
    );
    expect(fromFiles).toEqual(fromSamples);
    await expect(calibrateEncodedAudio(bundle, [path.join(ACTOR_01, 'missing.flac')], { calmModel })).rejects.toThrow(
      /missing\.flac/,
    );
  }, 180_000);
});

describe('the recognizer with a calibration', needs('ravdess'), () => {
  let bundle: ModelBundle;
  let calibration: SpeakerCalibration;
  let angry: Float32Array;
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm' });
    bundle = smallCalibratedBundle();
    calibration = calibrate(
      bundle,
      await Promise.all(CALM_01.map(async (file) => ({ samples: await load(file), sampleRate: 16000 }))),
      { allowNotCalm: true },
    );
    angry = await load(ANGRY_02);
  });
  afterAll(() => bundle.model.dispose());

  it('refuses a calibrated model without a calibration and a calibration with a model that takes none', async () => {
    expect(thrown(() => createRecognizer({ bundle }))?.code).toBe('INCOMPATIBLE_CALIBRATION');
    expect(() => predict(bundle, angry, 16000)).toThrow(/needs a calibration/);
    const plain = await loadDefaultModel();
    expect(thrown(() => createRecognizer({ bundle: plain, calibration }))?.message).toMatch(
      /takes no speaker calibration/,
    );
    plain.model.dispose();
  });

  it('subtracts the band means from every chunk: the same answer for a speaker twice as loud, calibrated at that level', () => {
    const recognizer = createRecognizer({ bundle, calibration, chunkSeconds: 1.5 });
    expect(recognizer.settings.calibrated).toBe(true);
    const analysis = recognizer.analyze(angry, 16000);
    expect(analysis.chunks.length).toBeGreaterThan(1);
    // each chunk = predict() of its window with the calibration
    const first = analysis.chunks[0]!;
    const window = angry.subarray(0, Math.round(3 * 16000));
    expect(first.probabilities?.angry).toBeCloseTo(
      predict(bundle, window, 16000, { calibration }).probabilities[0]!,
      6,
    );
    // a gain of 2 adds 20·log10 2 dB to every band of the log-mel and of the offset: the difference is unchanged
    const shifted = { ...calibration, bandMeans: calibration.bandMeans.map((v) => v + 20 * Math.log10(2)) };
    const louder = createRecognizer({ bundle, calibration: shifted, chunkSeconds: 1.5 }).analyze(
      angry.map((v) => 2 * v),
      16000,
    );
    analysis.chunks.forEach((chunk, i) => {
      for (const label of bundle.metadata.labels)
        expect(louder.chunks[i]!.probabilities?.[label]).toBeCloseTo(chunk.probabilities![label]!, 4);
    });
    // while the wrong level's calibration changes the answer
    const wrong = createRecognizer({ bundle, calibration, chunkSeconds: 1.5 }).analyze(
      angry.map((v) => 8 * v),
      16000,
    );
    expect(Math.abs(wrong.summary.probabilities!.angry! - analysis.summary.probabilities!.angry!)).toBeGreaterThan(
      1e-4,
    );
  });

  it('streams with the calibration as it analyses', () => {
    const recognizer = createRecognizer({ bundle, calibration, chunkSeconds: 1 });
    const stream = recognizer.stream(16000);
    const chunks = [];
    for (let at = 0; at < angry.length; at += 7000) chunks.push(...stream.push(angry.subarray(at, at + 7000)));
    const end = stream.flush();
    expect({ chunks: [...chunks, ...end.chunks], summary: end.summary }).toEqual(recognizer.analyze(angry, 16000));
  });
});

describe('a recognizer pool with a calibrated model', needs('ravdess'), () => {
  let dir: string;
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm' });
    dir = mkdtempSync(path.join(tmpdir(), 'ser-calibrated-'));
    const bundle = smallCalibratedBundle();
    await saveBundle(path.join(dir, 'calibrated'), bundle);
    bundle.model.dispose();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('enrolls and analyses with a calibration on its workers exactly as in this thread', async () => {
    const pool = createRecognizerPool({
      workers: 1,
      maxQueue: 2,
      modelDir: defaultModelDir(),
      calibratedModelDir: path.join(dir, 'calibrated'),
    });
    try {
      const calm = readFileSync(path.join(ACTOR_01, '03-01-02-01-01-01-01.flac'));
      // one calm sentence holds under 3 s of speech: refused with the typed error
      await expect(pool.reserve()!.calibrate(calm, 'calm.flac')).rejects.toMatchObject({
        code: 'ENROLLMENT_TOO_SHORT',
      });
      await expect(pool.reserve()!.calibrate(await joinedWav(ANGRY_STRONG), 'angry.wav')).rejects.toMatchObject({
        code: 'ENROLLMENT_NOT_CALM',
      });
      const calibration = await pool.reserve()!.calibrate(await joinedWav(CALM_01), 'calm.wav');
      expect(calibration.recordings).toBe(1);
      expect(calibration.format).toBe('ser-calibration');
      const report = await pool.reserve()!.analyze(readFileSync(ANGRY_02), 'angry.flac', { calibration });
      expect(report.calibrated).toBe(true);
      const bundle = smallCalibratedBundle();
      const here = createRecognizer({ bundle, calibration }).analyze(await load(ANGRY_02), 16000);
      expect(report.summary).toEqual(here.summary);
      bundle.model.dispose();
      const plain = await pool.reserve()!.analyze(readFileSync(ANGRY_02), 'angry.flac');
      expect(plain.calibrated).toBe(false);
    } finally {
      await pool.close();
    }
  }, 300_000);
});

describe('evaluateCalibrated: the --calibrate neutral protocol', needs('ravdess'), () => {
  it("scores each recording with its speaker's neutral recordings of the other statement, as predict() with that calibration", async () => {
    await initBackend({ prefer: 'wasm' });
    const bundle = smallCalibratedBundle();
    const labels = bundle.metadata.labels;
    const scan = await scanDataset(ACTOR_01, 'ravdess');
    // ekman7: calm counts as neutral; surprised → surprise, fearful → fear
    const names: Record<string, string> = { calm: 'neutral', fearful: 'fear', surprised: 'surprise' };
    const recordings = scan.items
      .filter((item) => item.repetition === 1 && item.intensity === 'normal')
      .map((item) => ({ item, labelId: labels.indexOf(names[item.emotion] ?? item.emotion) }));
    const result = await evaluateCalibrated(bundle, recordings, { workers: 0 });
    expect(result.n).toBe(recordings.length);
    expect(result.labels).toEqual(labels);
    expect(result.confusion.flat().reduce((a, b) => a + b, 0)).toBe(result.n);
    // neutral and calm, normal intensity, repetition 1: 2 statements × 2 → 2 of the other statement enroll each
    expect(result.enrollment).toEqual({ 'ravdess:01': { neutralRecordings: 4, perRecording: { min: 2, max: 2 } } });
    // one recording, by hand: the offset of the other statement's neutral recordings, then predict()
    const row = result.items.findIndex((item) => item.path === ANGRY_02.replace('-02-02-01-01', '-01-02-01-01'));
    const item = result.items[row]!;
    const others = recordings.filter(
      (r) => r.labelId === labels.indexOf('neutral') && r.item.statement !== item.statement,
    );
    const offset = enrollmentBandMeans(await Promise.all(others.map((r) => load(r.item.path))), CALIBRATED_FEATURES);
    const calibration = { ...sampleCalibration(), bandMeans: Array.from(offset.bandMeans) };
    const expected = predict(bundle, await load(item.path), 16000, { calibration });
    expect(result.predicted[row]).toBe(labels.indexOf(expected.label));
    bundle.model.dispose();
  }, 180_000);
});
