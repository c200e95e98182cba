import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@ser/test-support';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { featureConfig } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import { initBackend } from '../src/backend/init-backend.js';
import { cnnLstm, mlp, ogCnn } from '../src/architectures/index.js';
import { createBundleMetadata, loadBundleFromUrl } from '../src/bundle/bundle-files.js';
import { predict, predictBatch } from '../src/bundle/predict.js';
import { loadBundle, saveBundle } from '../src/node/bundle-dir.js';
import { registerFileSystemRouter } from '../src/node/file-io.js';
import type { ModelBundle } from '../src/bundle/bundle-types.js';
import packageJson from '../package.json';

// The repository's sample recordings (samples/README.md): bundles are checked without the corpora.
const samples = path.join(REPO_ROOT, 'samples');
const labels = ['neutral', 'calm', 'happy', 'sad', 'angry', 'fearful', 'disgust'];

function standardization(n: number) {
  return {
    mean: Array.from({ length: n }, (_, i) => Math.sin(i)),
    std: Array.from({ length: n }, (_, i) => 1 + (i % 5)),
    period: n,
  };
}

describe('model bundles', () => {
  let dir: string;
  let clip: { samples: Float32Array; sampleRate: number };
  let stereo48k: { channels: Float32Array[]; sampleRate: number };

  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true });
    dir = await mkdtemp(path.join(tmpdir(), 'ser-models-bundle-'));
    const audio = await loadAudio(path.join(samples, 'speech-16k.flac'), { sr: null });
    clip = { samples: audio.samples, sampleRate: audio.sampleRate };
    const original = await loadAudio(path.join(samples, 'speech-48k-stereo.wav'), { sr: null, mono: false });
    stereo48k = { channels: original.channels, sampleRate: original.sampleRate };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through a directory with identical predictions', async () => {
    const model = ogCnn({ inputShape: [180, 1], numClasses: 7, seed: 4 });
    const bundle: ModelBundle = {
      model,
      metadata: createBundleMetadata(model, {
        labels,
        featureConfig: featureConfig('ser180'),
        standardization: standardization(180),
        architecture: 'ogCnn',
        training: { corpora: ['ravdess'], validationSpeakers: ['ravdess:9', 'ravdess:10'] },
        metrics: { accuracy: 0.5 },
      }),
    };
    const before = predict(bundle, clip.samples, clip.sampleRate);
    expect(before.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(before.ranking.map((r) => r.label).sort()).toEqual([...labels].sort());
    const target = path.join(dir, 'og');
    await saveBundle(target, bundle);
    const loaded = await loadBundle(target);
    expect(loaded.metadata.featureConfig).toEqual(featureConfig('ser180'));
    expect(loaded.metadata.training?.validationSpeakers).toEqual(['ravdess:9', 'ravdess:10']);
    expect(loaded.metadata.versions['@ser/models']).toBe(packageJson.version);
    const after = predict(loaded, clip.samples, clip.sampleRate);
    expect(Array.from(after.probabilities)).toEqual(Array.from(before.probabilities));
    // stereo 48 kHz input is mixed down and resampled to the bundle's 22 050 Hz
    const [a, b] = predictBatch(loaded, [{ samples: stereo48k.channels, sampleRate: stereo48k.sampleRate }, clip]);
    expect(a!.probabilities).toHaveLength(7);
    expect(Array.from(b!.probabilities)).toEqual(Array.from(before.probabilities));
  });

  it('loads a bundle over HTTP with fetch (browser path) and names a missing file', async () => {
    const target = path.join(dir, 'og');
    const fakeFetch = (async (url: string) => {
      const file = path.join(target, url.slice('https://models.example/og/'.length));
      try {
        const bytes = await readFile(file);
        return new Response(bytes, { status: 200 });
      } catch {
        return new Response('not found', { status: 404 });
      }
    }) as typeof fetch;
    const bundle = await loadBundleFromUrl('https://models.example/og/', { fetch: fakeFetch });
    const local = await loadBundle(target);
    expect(Array.from(predict(bundle, clip.samples, clip.sampleRate).probabilities)).toEqual(
      Array.from(predict(local, clip.samples, clip.sampleRate).probabilities),
    );
    await expect(loadBundleFromUrl('https://models.example/og/nowhere', { fetch: fakeFetch })).rejects.toThrow(
      /https:\/\/models.example\/og\/nowhere\/ser-model.json: not found \(HTTP 404\)/,
    );
  });

  it('predicts with a log-mel time-series bundle (cnnLstm) and per-band standardisation', async () => {
    const config = featureConfig('logmel', { frames: 200 });
    const model = cnnLstm({ inputShape: [200, 64], numClasses: 7, seed: 1 });
    const bundle = {
      model,
      metadata: createBundleMetadata(model, { labels, featureConfig: config, standardization: standardization(64) }),
    };
    const target = path.join(dir, 'logmel');
    await saveBundle(target, bundle);
    const loaded = await loadBundle(target);
    expect(loaded.metadata.inputShape).toEqual([200, 64]);
    const a = predict(bundle, clip.samples, clip.sampleRate);
    const b = predict(loaded, clip.samples, clip.sampleRate);
    expect(Array.from(b.probabilities)).toEqual(Array.from(a.probabilities));
    expect(a.probabilities.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
  });

  it('refuses a missing file, naming the file and the directory', async () => {
    const model = mlp({ inputShape: [180], numClasses: 7 });
    const target = path.join(dir, 'missing');
    await saveBundle(target, {
      model,
      metadata: createBundleMetadata(model, {
        labels,
        featureConfig: featureConfig('ser180'),
        standardization: standardization(180),
      }),
    });
    await unlink(path.join(target, 'weights.bin'));
    await expect(loadBundle(target)).rejects.toThrow(`${path.join(target, 'weights.bin')}: file not found`);
  });

  it('refuses a feature configuration the installed @ser/audio-features cannot reproduce', async () => {
    const model = mlp({ inputShape: [180], numClasses: 7 });
    const target = path.join(dir, 'future');
    await saveBundle(target, {
      model,
      metadata: createBundleMetadata(model, {
        labels,
        featureConfig: featureConfig('ser180'),
        standardization: standardization(180),
      }),
    });
    const file = path.join(target, 'ser-model.json');
    const meta = JSON.parse(await readFile(file, 'utf8'));
    meta.featureConfig.chromaNorm = 'l1';
    await writeFile(file, JSON.stringify(meta));
    const error = await loadBundle(target).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'INCOMPATIBLE_FEATURE_CONFIG' });
    expect((error as Error).message).toContain(target);
    expect((error as Error).message).toContain('chromaNorm');
  });

  it('refuses duplicate labels in ser-model.json, naming them', async () => {
    const model = mlp({ inputShape: [180], numClasses: 7 });
    const target = path.join(dir, 'duplicates');
    await saveBundle(target, {
      model,
      metadata: createBundleMetadata(model, {
        labels,
        featureConfig: featureConfig('ser180'),
        standardization: standardization(180),
      }),
    });
    const file = path.join(target, 'ser-model.json');
    const meta = JSON.parse(await readFile(file, 'utf8'));
    meta.labels = ['angry', 'calm', 'happy', 'sad', 'angry', 'fearful', 'sad'];
    await writeFile(file, JSON.stringify(meta));
    const error = await loadBundle(target).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'INVALID_BUNDLE', file });
    expect((error as Error).message).toMatch(/labels must be distinct, but "angry", "sad" appear more than once/);
    const duplicated = {
      model,
      metadata: createBundleMetadata(model, {
        labels: [...labels.slice(0, 6), 'calm'],
        featureConfig: featureConfig('ser180'),
        standardization: standardization(180),
      }),
    };
    await expect(saveBundle(path.join(dir, 'never'), duplicated)).rejects.toThrow(/"calm" appears more than once/);
  });

  it('refuses empty audio and bad sample rates with clear errors', async () => {
    const model = mlp({ inputShape: [180], numClasses: 7 });
    const bundle = {
      model,
      metadata: createBundleMetadata(model, {
        labels,
        featureConfig: featureConfig('ser180'),
        standardization: standardization(180),
      }),
    };
    expect(() => predict(bundle, new Float32Array(0), 16000)).toThrow(/empty/);
    expect(() => predict(bundle, new Float32Array(16000), 16000)).toThrow(/digital silence/);
    expect(() => predict(bundle, clip.samples.slice(0, 500), clip.sampleRate)).toThrow(
      /too short: \d+ samples at 22050 Hz, the features need at least nFft = 2048/,
    );
    expect(() => predict(bundle, clip.samples, 0)).toThrow(/sampleRate/);
  });

  it('saves and loads plain layers models through file:// URLs', async () => {
    registerFileSystemRouter();
    const model = mlp({ inputShape: [10], numClasses: 3, seed: 2 });
    const url = `file://${path.join(dir, 'plain')}`;
    await model.save(url);
    const loaded = await tfl.loadLayersModel(`${url}/model.json`);
    const x = tf.randomNormal([4, 10], 0, 1, 'float32', 1);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((model.predict(x) as tf.Tensor).dataSync()),
    );
  });
});
