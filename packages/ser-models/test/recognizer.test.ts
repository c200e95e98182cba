/**
 * The recording pipeline: the chunk rule, the silence rule, the summary rule, stream = batch, decoding from
 * files — with real recordings (RAVDESS, espeak-ng) and the real pretrained default model.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS_DIR, needs } from '@ser/test-support';
import { AudioFeaturesError, resample } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import { initBackend } from '../src/backend/init-backend.js';
import type { ModelBundle } from '../src/bundle/bundle-types.js';
import { predict } from '../src/bundle/predict.js';
import { ModelError } from '../src/errors.js';
import { analyzeEncodedAudio } from '../src/node/analyze-encoded-audio.js';
import { loadDefaultModel } from '../src/pretrained.js';
import {
  analysisReport,
  chunkLengths,
  createRecognizer,
  DEFAULT_SILENCE_THRESHOLD_DBFS,
  modelWindow,
  planChunks,
  rmsDbfs,
  settledChunkCount,
  summarizeChunks,
  type Analysis,
  type ChunkResult,
} from '../src/recognizer/index.js';

const ANGRY = path.join(DATASETS_DIR, 'ravdess/Actor_01/03-01-05-01-01-01-01.flac');
const SAD = path.join(DATASETS_DIR, 'ravdess/Actor_02/03-01-04-01-02-01-02.flac');

describe('the chunk rule', () => {
  const two = { chunk: 32000, hop: 32000 };
  it('is one chunk for a recording no longer than one chunk, none for no samples', () => {
    expect(planChunks(0, two)).toEqual([]);
    expect(planChunks(100, two)).toEqual([{ start: 0, end: 100 }]);
    expect(planChunks(32000, two)).toEqual([{ start: 0, end: 32000 }]);
  });
  it('joins a remainder shorter than half a chunk to the last chunk, keeps half a chunk or more apart', () => {
    expect(planChunks(64000 + 15999, two)).toEqual([
      { start: 0, end: 32000 },
      { start: 32000, end: 80000 - 1 },
    ]);
    expect(planChunks(64000 + 16000, two)).toEqual([
      { start: 0, end: 32000 },
      { start: 32000, end: 64000 },
      { start: 64000, end: 80000 },
    ]);
    expect(planChunks(32001, two)).toEqual([{ start: 0, end: 32001 }]);
    expect(planChunks(96000, two)).toHaveLength(3);
  });
  it('steps by the hop with overlapping chunks, and covers every sample', () => {
    const overlap = chunkLengths(2, 1, 16000);
    expect(overlap).toEqual({ chunk: 32000, hop: 16000 });
    expect(planChunks(80000, overlap).map((s) => s.start)).toEqual([0, 16000, 32000, 48000]);
    expect(planChunks(80000 + 7000, overlap).at(-1)).toEqual({ start: 48000, end: 87000 });
    const third = chunkLengths(3, 1, 10);
    expect(planChunks(50, third)).toEqual([
      { start: 0, end: 30 },
      { start: 10, end: 40 },
      { start: 20, end: 50 },
    ]);
    expect(planChunks(52, third).at(-1)).toEqual({ start: 20, end: 52 });
    expect(planChunks(55, third).at(-1)).toEqual({ start: 20, end: 55 }); // a remainder of 5 < 15 joins
    const wide = { chunk: 30, hop: 20 };
    expect(planChunks(68, wide)).toEqual([
      { start: 0, end: 30 },
      { start: 20, end: 50 },
      { start: 40, end: 68 },
    ]); // 18 ≥ 15: its own
    expect(planChunks(60, wide).at(-1)).toEqual({ start: 20, end: 60 });
  });
  it('settles in a stream exactly the chunks the whole recording has, whatever follows', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const lengths of [
      { chunk: 20, hop: 20 },
      { chunk: 20, hop: 10 },
      { chunk: 30, hop: 7 },
    ]) {
      for (let total = 1; total < 200; total++) {
        const plan = planChunks(total, lengths);
        for (let received = 0; received <= total; received++) {
          const settled = settledChunkCount(received, lengths);
          if (settled > plan.length)
            wrong.push(
              `${JSON.stringify(lengths)} total ${total} received ${received}: ${settled} settled of ${plan.length}`,
            );
          for (let k = 0; k < settled; k++) {
            checked++;
            if (plan[k]?.start !== k * lengths.hop || plan[k]?.end !== k * lengths.hop + lengths.chunk) {
              wrong.push(
                `${JSON.stringify(lengths)} total ${total} received ${received}: chunk ${k} is ${JSON.stringify(plan[k])}`,
              );
            }
          }
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });
  it('shows the model a window of its native length centred on each chunk, inside the recording', () => {
    expect(modelWindow({ start: 32000, end: 64000 }, 48000, 160000)).toEqual({ start: 24000, end: 72000 });
    expect(modelWindow({ start: 0, end: 32000 }, 48000, 160000)).toEqual({ start: 0, end: 48000 });
    expect(modelWindow({ start: 128000, end: 160000 }, 48000, 160000)).toEqual({ start: 112000, end: 160000 });
    expect(modelWindow({ start: 0, end: 40000 }, 48000, 40000)).toEqual({ start: 0, end: 40000 }); // the recording is shorter
    expect(modelWindow({ start: 32000, end: 90000 }, 48000, 90000)).toEqual({ start: 32000, end: 90000 }); // a long last chunk: itself
    expect(modelWindow({ start: 32000, end: 64000 }, 48000, Infinity)).toEqual({ start: 24000, end: 72000 });
  });
  it('refuses a hop longer than the chunk, and lengths that are not positive', () => {
    expect(() => chunkLengths(2, 3, 16000)).toThrow(/hopSeconds must be > 0 and at most chunkSeconds/);
    expect(() => chunkLengths(0, 0, 16000)).toThrow(ModelError);
    expect(() => chunkLengths(Number.NaN, 1, 16000)).toThrow(/chunkSeconds/);
  });
});

describe('the silence level and the summary rule', () => {
  it('measures RMS in dBFS', () => {
    expect(rmsDbfs(new Float32Array(100).fill(0.1))).toBeCloseTo(-20, 5);
    const sine = Float32Array.from({ length: 16000 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 16000));
    expect(rmsDbfs(sine)).toBeCloseTo(-3.0103, 3);
    expect(rmsDbfs(new Float32Array(10))).toBe(-Infinity);
    expect(rmsDbfs(new Float32Array(0))).toBe(-Infinity);
    expect(DEFAULT_SILENCE_THRESHOLD_DBFS).toBe(-55);
  });
  const chunk = (start: number, end: number, p: Record<string, number> | null): ChunkResult => ({
    start,
    end,
    silent: p === null,
    probabilities: p,
    label: p ? (p.a! >= p.b! ? 'a' : 'b') : null,
    confidence: p ? Math.max(p.a!, p.b!) : 0,
  });
  it('weights each non-silent chunk by its duration and leaves silent ones out', () => {
    const summary = summarizeChunks(
      [chunk(0, 2, { a: 0.9, b: 0.1 }), chunk(2, 4, null), chunk(4, 7, { a: 0.2, b: 0.8 })],
      ['a', 'b'],
      7,
    );
    expect(summary.probabilities!.a).toBeCloseTo((2 * 0.9 + 3 * 0.2) / 5, 12);
    expect(summary.probabilities!.b).toBeCloseTo((2 * 0.1 + 3 * 0.8) / 5, 12);
    expect(summary.label).toBe('b');
    expect(summary.confidence).toBeCloseTo(0.52, 12);
    expect(summary).toMatchObject({ speechSeconds: 5, totalSeconds: 7, chunkCount: 3, silentChunkCount: 1 });
  });
  it('counts overlapping speech once, and says so when everything is silent', () => {
    expect(
      summarizeChunks([chunk(0, 2, { a: 1, b: 0 }), chunk(1, 3, { a: 1, b: 0 })], ['a', 'b'], 3).speechSeconds,
    ).toBe(3);
    expect(summarizeChunks([chunk(0, 2, null), chunk(2, 3, null)], ['a', 'b'], 3)).toEqual({
      label: null,
      probabilities: null,
      confidence: 0,
      speechSeconds: 0,
      totalSeconds: 3,
      chunkCount: 2,
      silentChunkCount: 2,
    });
  });
});

describe('the recognizer with the pretrained default model', () => {
  let bundle: ModelBundle;
  let dir: string;
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm' });
    bundle = await loadDefaultModel();
    dir = mkdtempSync(path.join(tmpdir(), 'ser-recognizer-'));
  });
  afterAll(() => {
    bundle.model.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Checks the chunks of an analysis of a model-rate signal against predict() of each chunk seen through its
   * window of `contextSeconds` (the recognizer's setting), and the summary.
   */
  function expectConsistent(analysis: Analysis, y: Float32Array, thresholdDbfs: number, contextSeconds: number): void {
    const sr = bundle.metadata.featureConfig.sr;
    for (const c of analysis.chunks) {
      const span = { start: Math.round(c.start * sr), end: Math.round(c.end * sr) };
      const samples = y.subarray(span.start, span.end);
      expect(c.silent).toBe(rmsDbfs(samples) < thresholdDbfs);
      if (c.silent) {
        expect(c).toMatchObject({ probabilities: null, label: null, confidence: 0 });
        continue;
      }
      const window = modelWindow(span, Math.max(span.end - span.start, contextSeconds * sr), y.length);
      const p = predict(bundle, y.subarray(window.start, window.end), sr);
      expect(c.label).toBe(p.label);
      bundle.metadata.labels.forEach((label, i) => expect(c.probabilities![label]).toBeCloseTo(p.probabilities[i]!, 5));
    }
    const again = summarizeChunks(analysis.chunks, bundle.metadata.labels, y.length / sr);
    expect(analysis.summary).toEqual(again);
  }

  it(
    'analyses a RAVDESS recording chunk by chunk: the rule, the silence, the model, the summary',
    needs('ravdess'),
    async () => {
      const recognizer = createRecognizer({ bundle });
      const { samples, sampleRate } = await loadAudio(ANGRY, { sr: null });
      expect(sampleRate).toBe(16000);
      const analysis = recognizer.analyze(samples, sampleRate);
      // 3.87 s: a 2-s chunk and a 1.87-s remainder (≥ half a chunk) of its own.
      expect(analysis.chunks.map((c) => [c.start, c.end])).toEqual([
        [0, 2],
        [2, samples.length / 16000],
      ]);
      expectConsistent(analysis, samples, -55, recognizer.settings.contextSeconds);
      expect(bundle.metadata.labels).toContain(analysis.summary.label); // whichever model loadDefaultModel gives
      expect(analysis.summary.chunkCount).toBe(2);
      // A frame model sees each chunk through its native input length (3 s for the default model), an utterance
      // model the chunk itself; asked for the bare chunks, any model sees only them.
      const config = bundle.metadata.featureConfig;
      expect(recognizer.settings.contextSeconds).toBeCloseTo(
        config.featureSet === 'logmel' ? (config.frames * config.hopLength) / config.sr : 2,
        9,
      );
      const bare = createRecognizer({ bundle, contextSeconds: 2 });
      expect(bare.settings.contextSeconds).toBe(2);
      expectConsistent(bare.analyze(samples, sampleRate), samples, -55, 2);
      expect(createRecognizer({ bundle, contextSeconds: 0.5 }).settings.contextSeconds).toBe(2); // never less than the chunk
      expect(() => createRecognizer({ bundle, contextSeconds: Number.NaN })).toThrow(
        /contextSeconds must be a number of seconds > 0/,
      );
    },
  );

  it(
    'reports quiet chunks as silent without predicting them, and an all-silent recording as such',
    needs('ravdess'),
    async () => {
      const recognizer = createRecognizer({ bundle });
      const { samples } = await loadAudio(SAD, { sr: 16000 });
      // The sentence, then 3 s of low hiss at about −70 dBFS.
      const noise = Float32Array.from(
        { length: 48000 },
        (_, i) => 0.0004 * Math.sin(i * 1.7) + 0.0002 * Math.sin(i * 0.31),
      );
      const y = new Float32Array(samples.length + noise.length);
      y.set(samples);
      y.set(noise, samples.length);
      const analysis = recognizer.analyze(y, 16000);
      const silent = analysis.chunks.filter((c) => c.silent);
      expect(analysis.summary.silentChunkCount).toBe(silent.length);
      // 6.74 s: chunks 0–2, 2–4 (the sentence's end and 0.26 s of hiss) and 4–6.74 (hiss only, silent).
      expect(analysis.chunks.map((c) => c.silent)).toEqual([false, false, true]);
      expect(analysis.summary.speechSeconds).toBeCloseTo(4, 9);
      expectConsistent(analysis, y, -55, recognizer.settings.contextSeconds);
      // A threshold below the hiss lets it in.
      const lenientRecognizer = createRecognizer({ bundle, silence: { thresholdDbfs: -80 } });
      const lenient = lenientRecognizer.analyze(y, 16000);
      expect(lenient.summary.silentChunkCount).toBe(0);
      expectConsistent(lenient, y, -80, lenientRecognizer.settings.contextSeconds);

      const quiet = recognizer.analyze(noise, 16000);
      expect(quiet.summary).toEqual({
        label: null,
        probabilities: null,
        confidence: 0,
        speechSeconds: 0,
        totalSeconds: 3,
        chunkCount: 2,
        silentChunkCount: 2,
      });
      expect(recognizer.analyze(new Float32Array(16000), 16000).summary.label).toBeNull(); // digital silence: no garbage, no error
    },
  );

  it(
    'gives the same results streamed in uneven blocks at 44.1 kHz stereo as analysing the whole recording',
    needs('ravdess'),
    async () => {
      const { samples } = await loadAudio(ANGRY, { sr: 16000 });
      const long = new Float32Array(samples.length * 3);
      for (let i = 0; i < 3; i++) long.set(samples, i * samples.length);
      const at44 = resample(long, 16000, 44100);
      const right = at44.map((v) => v * 0.5);
      for (const hopSeconds of [2, 0.75]) {
        const recognizer = createRecognizer({ bundle, chunkSeconds: 2, hopSeconds });
        const whole = recognizer.analyze([at44, right], 44100);
        const stream = recognizer.stream(44100);
        const streamed: ChunkResult[] = [];
        let at = 0;
        for (let step = 1; at < at44.length; step++) {
          const size = ((step * 7919) % 20000) + 1;
          const pushed = stream.push([at44.subarray(at, at + size), right.subarray(at, at + size)]);
          for (const c of pushed) expect(c.end).toBeLessThanOrEqual(stream.seconds); // never ahead of the audio
          streamed.push(...pushed);
          at += size;
        }
        expect(streamed.length).toBeGreaterThan(0);
        const end = stream.flush();
        streamed.push(...end.chunks);
        expect(streamed.map((c) => [c.start, c.end, c.silent, c.label])).toEqual(
          whole.chunks.map((c) => [c.start, c.end, c.silent, c.label]),
        );
        streamed.forEach((c, i) => {
          const expected = whole.chunks[i]?.probabilities;
          if (expected === null || expected === undefined) expect(c.probabilities).toBeNull();
          else
            for (const label of bundle.metadata.labels)
              expect(c.probabilities?.[label]).toBeCloseTo(expected[label] ?? Number.NaN, 6);
        });
        expect(end.summary.label).toBe(whole.summary.label);
        expect(end.summary.totalSeconds).toBe(whole.summary.totalSeconds);
        expect(end.summary.chunkCount).toBe(whole.summary.chunkCount);
        expect(end.summary.confidence).toBeCloseTo(whole.summary.confidence, 6);
        expect(() => stream.push(at44)).toThrow(/flushed/);
      }
    },
  );

  it(
    'decodes files and bytes straight to the model input, within the decode budget',
    needs('ravdess', 'sox'),
    async () => {
      const recognizer = createRecognizer({ bundle });
      const wav = path.join(dir, 'angry-48k-stereo.wav');
      execFileSync('sox', [ANGRY, '-r', '48000', '-c', '2', '-b', '24', wav]);
      const fromPath = await analyzeEncodedAudio(recognizer, wav);
      expect(fromPath.recording).toEqual({ source: wav, format: 'wav', sampleRate: 48000, channels: 2 });
      const fromBytes = await analyzeEncodedAudio(recognizer, readFileSync(wav), { fileName: 'upload.wav' });
      expect(fromBytes.recording.source).toBe('upload.wav');
      expect(fromBytes.chunks).toEqual(fromPath.chunks);
      const loaded = await loadAudio(wav, { sr: 16000 });
      expect(recognizer.analyze(loaded.samples, 16000)).toEqual({ chunks: fromPath.chunks, summary: fromPath.summary });
      expect(bundle.metadata.labels).toContain(fromPath.summary.label);

      await expect(analyzeEncodedAudio(recognizer, wav, { maxSeconds: 2 })).rejects.toThrow(AudioFeaturesError);
      await expect(
        analyzeEncodedAudio(recognizer, readFileSync(wav), { maxDecodedSamples: 1000, fileName: 'big.wav' }),
      ).rejects.toThrow(/big\.wav.*|TOO_LARGE|limit/);
      await expect(analyzeEncodedAudio(recognizer, path.join(dir, 'missing.wav'))).rejects.toThrow(/missing\.wav/);

      const report = analysisReport(recognizer, fromPath, fromPath.recording);
      expect(JSON.parse(JSON.stringify(report))).toEqual(report);
      expect(report).toMatchObject({
        source: wav,
        format: 'wav',
        sampleRate: 48000,
        channels: 2,
        chunkSeconds: 2,
        hopSeconds: 2,
        silenceThresholdDbfs: -55,
        model: {
          labels: bundle.metadata.labels,
          sampleRate: 16000,
          featureSet: bundle.metadata.featureConfig.featureSet,
        },
      });
      expect(report.duration).toBeCloseTo(3.87, 2);
    },
  );

  it('analyses espeak-ng speech given as channels like its mono mix', needs('espeak-ng'), async () => {
    const file = path.join(dir, 'speech.wav');
    execFileSync('espeak-ng', [
      '-s',
      '150',
      '-w',
      file,
      'I told you not to touch my things, and you did it again anyway.',
    ]);
    const audio = await loadAudio(file, { sr: null, mono: false });
    const recognizer = createRecognizer({ bundle, chunkSeconds: 1.5 });
    const left = audio.channels[0]!;
    const quieter = left.map((v) => v * 0.25);
    const mix = left.map((v, i) => (v + quieter[i]!) / 2);
    const analysis = recognizer.analyze([left, quieter], audio.sampleRate);
    expect(analysis).toEqual(recognizer.analyze(mix, audio.sampleRate));
    expect(analysis.chunks.length).toBe(
      planChunks(Math.ceil((left.length * 16000) / audio.sampleRate), chunkLengths(1.5, 1.5, 16000)).length,
    );
    expect(analysis.summary.label).not.toBeNull();
  });

  it('refuses bad rates, channels and empty audio with typed errors', () => {
    const recognizer = createRecognizer({ bundle });
    expect(() => recognizer.analyze(new Float32Array(100), 0)).toThrow(/sampleRate must be a positive integer/);
    expect(() => recognizer.analyze([new Float32Array(10), new Float32Array(11)], 16000)).toThrow(
      /channels differ in length/,
    );
    expect(() => recognizer.analyze(new Float32Array(0), 16000)).toThrow(ModelError);
    expect(() => recognizer.stream(16000).flush()).toThrow(/empty/);
    expect(() => createRecognizer({ bundle, chunkSeconds: 1, hopSeconds: 2 })).toThrow(ModelError);
  });
});
