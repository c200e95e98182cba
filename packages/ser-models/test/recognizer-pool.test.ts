/**
 * The recognizer pool: real worker threads with the real default model, real recordings and forged headers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS_DIR, needs } from '@ser/test-support';
import { flacClaimingAnHourOf8ChannelAudio, wavClaimingRate } from '@ser/test-support/hostile-audio';
import { AudioFeaturesError } from '@ser/audio-features';
import { initBackend } from '../src/backend/init-backend.js';
import { ModelError } from '../src/errors.js';
import { analyzeEncodedAudio } from '../src/node/analyze-encoded-audio.js';
import { createRecognizerPool, type RecognizerPool } from '../src/node/recognizer-pool.js';
import { loadDefaultModel } from '../src/pretrained.js';
import { analysisReport, createRecognizer } from '../src/recognizer/index.js';

const ANGRY = path.join(DATASETS_DIR, 'ravdess/Actor_01/03-01-05-01-01-01-01.flac');

describe('createRecognizerPool', needs('ravdess'), () => {
  let pool: RecognizerPool;
  beforeAll(async () => {
    pool = createRecognizerPool({ workers: 2, maxQueue: 1 });
    await pool.ready();
  });
  afterAll(async () => {
    await pool.close();
  });

  it('analyses on worker threads exactly as in this thread', async () => {
    await initBackend({ prefer: 'wasm' });
    const bundle = await loadDefaultModel();
    const recognizer = createRecognizer({ bundle });
    const bytes = readFileSync(ANGRY);
    const here = await analyzeEncodedAudio(recognizer, bytes, { fileName: 'angry.flac' });
    const place = pool.reserve();
    expect(place).not.toBeNull();
    const report = await place!.analyze(bytes, 'angry.flac');
    expect(report).toEqual(analysisReport(recognizer, here, here.recording));
    expect(bundle.metadata.labels).toContain(report.summary.label);
    expect(await pool.ready()).toMatchObject({
      labels: bundle.metadata.labels,
      sampleRate: bundle.metadata.featureConfig.sr,
    });
    bundle.model.dispose();
  });

  it('holds workers + maxQueue places, refuses more at once, and frees them when done', async () => {
    const bytes = readFileSync(ANGRY);
    const places = [pool.reserve(), pool.reserve(), pool.reserve()];
    expect(places.every((p) => p !== null)).toBe(true);
    expect(pool.full).toBe(true);
    expect(pool.reserve()).toBeNull();
    expect(pool.stats()).toMatchObject({ reserved: 3, capacity: 3 });
    const done = await Promise.all(places.map((p, i) => p!.analyze(bytes, `copy-${i}.flac`)));
    expect(done.map((r) => r.source)).toEqual(['copy-0.flac', 'copy-1.flac', 'copy-2.flac']);
    expect(pool.stats()).toMatchObject({ running: 0, queued: 0, reserved: 0 });
    const unused = pool.reserve();
    unused!.release();
    unused!.release();
    expect(pool.stats().reserved).toBe(0);
  });

  it('fails hostile uploads with the typed errors of the decoder, and keeps working', async () => {
    const oneHertz = pool.reserve()!;
    await expect(oneHertz.analyze(wavClaimingRate(1, 62_000), 'one-hertz.wav')).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof AudioFeaturesError && e.code === 'CORRUPT_AUDIO' && /one-hertz\.wav: .*1 Hz/.test(e.message),
    );
    const hour = pool.reserve()!;
    await expect(hour.analyze(flacClaimingAnHourOf8ChannelAudio(), 'hour.flac')).rejects.toSatisfy(
      (e: unknown) => e instanceof AudioFeaturesError && e.code === 'TOO_LARGE' && e.file === 'hour.flac',
    );
    const ok = pool.reserve()!;
    expect((await ok.analyze(readFileSync(ANGRY), 'after.flac')).summary.chunkCount).toBe(2);
  });

  it('stops an analysis that takes too long with ABORTED', async () => {
    const slow = createRecognizerPool({ workers: 1, maxQueue: 0, timeoutMs: 1 });
    try {
      await slow.ready();
      const place = slow.reserve()!;
      await expect(place.analyze(readFileSync(ANGRY), 'slow.flac')).rejects.toSatisfy(
        (e: unknown) => e instanceof ModelError && e.code === 'ABORTED' && /slow\.flac/.test(e.message),
      );
      expect(slow.stats().reserved).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('refuses bad sizes and fails every analysis clearly when the model cannot load', async () => {
    expect(() => createRecognizerPool({ workers: 0 })).toThrow(ModelError);
    const broken = createRecognizerPool({ workers: 1, modelDir: path.join(DATASETS_DIR, 'no-such-model') });
    try {
      await expect(broken.ready()).rejects.toThrow(/no-such-model/);
      await expect(broken.reserve()!.analyze(readFileSync(ANGRY), 'x.flac')).rejects.toThrow(/no-such-model/);
    } finally {
      await broken.close();
    }
  });
});
