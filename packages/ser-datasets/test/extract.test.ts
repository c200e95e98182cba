import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { existsSync } from 'node:fs';
import { serFeatureVector } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import {
  applyLabelSet,
  extractFeatures,
  scanRavdess,
  scanTess,
  type DatasetItem,
  type ExtractionProgress,
} from '../src/index.js';
import { DATASETS, PACKAGE_DIR, RAVDESS_DIR, TESS_DIR } from './paths.js';
import { pcm16Wav, sine } from './wav-writer.js';

/** A FLAC that is nothing but a STREAMINFO block declaring `frames` mono 16-bit frames at `rate` (42 bytes). */
function streamInfoOnlyFlac(rate: number, frames: number): Uint8Array {
  const info = new Uint8Array(34);
  const view = new DataView(info.buffer);
  view.setUint16(0, 4096);
  view.setUint16(2, 4096);
  info[10] = (rate >> 12) & 0xff;
  info[11] = (rate >> 4) & 0xff;
  info[12] = (rate & 0x0f) << 4; // 1 channel
  info[13] = (15 << 4) | Math.floor(frames / 2 ** 32); // 16 bits
  view.setUint32(14, frames % 2 ** 32);
  return Uint8Array.from([0x66, 0x4c, 0x61, 0x43, 0x80, 0, 0, 34, ...info]);
}

/** 12 real files: 6 RAVDESS (2 actors) and 6 TESS (both speakers). */
async function subset(): Promise<DatasetItem[]> {
  const ravdess = (await scanRavdess(RAVDESS_DIR)).items.filter((item) =>
    ['ravdess:03', 'ravdess:04'].includes(item.speaker),
  );
  const tess = (await scanTess(TESS_DIR)).items.filter((item) => item.statement === 'back');
  return [...ravdess.filter((_, i) => i % 10 === 0), ...tess.filter((_, i) => i % 2 === 0)].slice(0, 12);
}

function maxRelativeDifference(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

describe('extractFeatures on a real 12-file subset', needs('ravdess', 'tess'), () => {
  let items: DatasetItem[];
  let tmp: string;
  beforeAll(async () => {
    items = await subset();
    tmp = await mkdtemp(join(tmpdir(), 'ser-extract-'));
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('with 2 workers equals serFeatureVector file by file (bitwise), in input order, with progress', async () => {
    expect(items).toHaveLength(12);
    const progress: ExtractionProgress[] = [];
    const corpus = await extractFeatures(items, {
      featureSet: 'ser180',
      workers: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(corpus.shape).toEqual([12, 180]);
    expect(corpus.failures).toEqual([]);
    expect(corpus.items.map((item) => item.path)).toEqual(items.map((item) => item.path));
    expect(corpus.labels).toEqual(items.map((item) => item.emotion)); // default label set ravdess8
    expect(corpus.featureConfig).toMatchObject({ featureSet: 'ser180', sr: 22050 });
    expect(progress).toHaveLength(12);
    expect(progress.at(-1)).toMatchObject({ done: 12, total: 12, failed: 0 });
    expect(new Set(progress.map((p) => p.file))).toEqual(new Set(items.map((item) => item.path)));
    for (let row = 0; row < items.length; row++) {
      const { samples } = await loadAudio(items[row]!.path, { sr: 22050 });
      const expected = serFeatureVector(samples, { sr: 22050 });
      const actual = corpus.x.subarray(row * 180, (row + 1) * 180);
      expect(maxRelativeDifference(actual, expected)).toBeLessThanOrEqual(1e-6);
      expect(Array.from(actual)).toEqual(Array.from(expected)); // in fact bitwise equal: same code path
    }
  });

  it('in the calling thread (workers: 0) gives the same numbers as the worker pool', async () => {
    const few = items.slice(0, 3);
    const inline = await extractFeatures(few, { featureSet: 'ser180', workers: 0 });
    const pooled = await extractFeatures(few, { featureSet: 'ser180', workers: 2 });
    expect(inline.x).toEqual(pooled.x);
  });

  it('reports a corrupt file in failures and extracts the rest', async () => {
    const copies = items.slice(0, 4);
    for (const item of copies) {
      const target = join(tmp, 'copy', relative(DATASETS, item.path));
      await mkdir(join(target, '..'), { recursive: true });
      await copyFile(item.path, target);
    }
    const garbage = join(tmp, 'copy', 'ravdess', 'Actor_03', '03-01-05-02-02-02-03.wav');
    await writeFile(garbage, Buffer.from('RIFF\u0000\u0000garbage that is not a WAV file at all'.repeat(3)));
    const scanned = (await scanRavdess(join(tmp, 'copy'))).items;
    expect(scanned.map((item) => item.path)).toContain(garbage);
    const labelled = applyLabelSet(scanned, 'ekman7');
    const corpus = await extractFeatures(labelled, { featureSet: 'ser180', workers: 2 });
    expect(corpus.failures).toHaveLength(1);
    expect(corpus.failures[0]!.path).toBe(garbage);
    expect(corpus.failures[0]!.error).toContain(garbage);
    expect(corpus.failures[0]!.code).toBe('UNSUPPORTED_FORMAT');
    expect(corpus.shape).toEqual([scanned.length - 1, 180]);
    expect(corpus.items.map((item) => item.path)).toEqual(
      scanned.map((item) => item.path).filter((p) => p !== garbage),
    );
    expect(corpus.labelSet.name).toBe('ekman7');
    expect(corpus.labels.every((label) => corpus.labelSet.labels.includes(label))).toBe(true);
  });

  it('hostile files among good ones are failures naming the file, quickly; the good rows are kept', async () => {
    const folder = join(tmp, 'hostile', 'ravdess', 'Actor_03');
    await mkdir(folder, { recursive: true });
    const good = items.filter((item) => item.speaker === 'ravdess:03').slice(0, 2);
    for (const item of good) await copyFile(item.path, join(folder, basename(item.path)));
    const tone = sine(440, 16000, 1);
    await writeFile(join(folder, '03-01-05-02-02-02-03.wav'), pcm16Wav(tone, 1)); // a header claiming 1 Hz
    await writeFile(join(folder, '03-01-06-02-02-02-03.wav'), pcm16Wav(tone, 0xffffffff)); // … or 4.3 GHz
    await writeFile(join(folder, '03-01-07-02-02-02-03.flac'), streamInfoOnlyFlac(16000, 3600 * 16000)); // an hour, in 42 bytes
    await writeFile(join(folder, '03-01-08-02-02-02-03.wav'), pcm16Wav(sine(440, 16000, 8), 16000)); // 8 s, over maxSeconds: 6
    const scanned = (await scanRavdess(join(tmp, 'hostile'))).items;
    expect(scanned).toHaveLength(6);
    const started = performance.now();
    const corpus = await extractFeatures(scanned, { featureSet: 'ser180', workers: 2, maxSeconds: 6 });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(corpus.items.map((item) => basename(item.path)).sort()).toEqual(
      good.map((item) => basename(item.path)).sort(),
    );
    const failures = Object.fromEntries(corpus.failures.map((f) => [basename(f.path), f]));
    expect(failures['03-01-05-02-02-02-03.wav']).toMatchObject({
      code: 'CORRUPT_AUDIO',
      error: expect.stringMatching(/03-01-05-02-02-02-03\.wav: the WAV header claims a sample rate of 1 Hz/),
    });
    expect(failures['03-01-06-02-02-02-03.wav']).toMatchObject({
      code: 'CORRUPT_AUDIO',
      error: expect.stringMatching(/sample rate of 4294967295 Hz/),
    });
    expect(failures['03-01-07-02-02-02-03.flac']).toMatchObject({
      code: 'TOO_LARGE',
      error: expect.stringMatching(/declares 1 h 0 min of audio .* longer than the limit of 6 s \(maxSeconds\)/),
    });
    expect(failures['03-01-08-02-02-02-03.wav']).toMatchObject({
      code: 'TOO_LARGE',
      error: expect.stringMatching(/declares 8 s of audio/),
    });
  });

  it('extracts logmel [frames, nMels] and mfcc-frames [frames, nMfcc] with the configured shapes', async () => {
    const corpus = await extractFeatures(items.slice(0, 3), {
      featureSet: 'logmel',
      featureConfig: { frames: 100 },
      workers: 2,
    });
    expect(corpus.shape).toEqual([3, 100, corpus.featureConfig.nMels]);
    expect(corpus.x.length).toBe(3 * 100 * corpus.featureConfig.nMels);
    expect(corpus.x.every(Number.isFinite)).toBe(true);
    const mfccFrames = await extractFeatures(items.slice(0, 2), {
      featureSet: 'mfcc-frames',
      featureConfig: { frames: 50, nMfcc: 20 },
      workers: 0,
    });
    expect(mfccFrames.shape).toEqual([2, 50, 20]);
    expect(mfccFrames.featureConfig).toMatchObject({ featureSet: 'mfcc-frames', frames: 50, nMfcc: 20 });
  });

  it('refuses bad options and honours an aborted signal', async () => {
    await expect(extractFeatures(items, { workers: 2 })).rejects.toThrow(/name a featureSet/);
    await expect(extractFeatures(items, { featureSet: 'ser180', workers: -1 })).rejects.toThrow(
      /workers must be an integer/,
    );
    await expect(
      extractFeatures(items, { featureSet: 'ser180', featureConfig: { hopLength: 0 } }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    const controller = new AbortController();
    controller.abort();
    await expect(
      extractFeatures(items, { featureSet: 'ser180', workers: 2, signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });
});

describe('the built package (ESM and CJS) finds its worker script', needs('ravdess', 'tess'), () => {
  const esm = join(PACKAGE_DIR, 'dist', 'index.js');
  const cjs = join(PACKAGE_DIR, 'dist', 'index.cjs');

  it('extracts with workers from dist/index.js and dist/index.cjs', async () => {
    expect(existsSync(esm) && existsSync(cjs), 'build @ser/datasets first (npx nx run @ser/datasets:build)').toBe(true);
    const items = (await subset()).slice(0, 2);
    const fromEsm = (await import(esm)) as typeof import('../src/index.js');
    const fromCjs = createRequire(import.meta.url)(cjs) as typeof import('../src/index.js');
    const a = await fromEsm.extractFeatures(items, { featureSet: 'ser180', workers: 2 });
    const b = await fromCjs.extractFeatures(items, { featureSet: 'ser180', workers: 2 });
    expect(basename(fromCjs.workerScriptPath())).toBe('extract-worker.cjs');
    expect(basename(fromEsm.workerScriptPath())).toBe('extract-worker.js');
    expect(a.failures).toEqual([]);
    expect(b.x).toEqual(a.x);
  });
});
