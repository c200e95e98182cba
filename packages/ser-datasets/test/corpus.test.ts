import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyLabelSet,
  loadCorpus,
  LIBRARY_VERSION,
  mergeCorpora,
  parseRavdessName,
  parseTessName,
  saveCorpus,
  type Corpus,
  type CorpusMeta,
  type DatasetItem,
  type FeatureConfig,
} from '../src/index.js';
import { AUDIO_FEATURES_VERSION } from '@ser/audio-features';
import { PACKAGE_DIR } from './paths.js';

const SER180: FeatureConfig = { featureSet: 'ser180', sr: 22050, nFft: 2048, hopLength: 512, nMels: 128, nMfcc: 40 };

function itemsFromNames(names: string[]): DatasetItem[] {
  return names.map((name) => {
    const parsed = name.includes('_') ? parseTessName(name) : parseRavdessName(name);
    if (!parsed.ok) throw new Error(parsed.reason);
    return { path: `/data/${name}.flac`, ...parsed.fields };
  });
}

/** A corpus with hand-made feature values (this tests storage and merging, not feature values). */
function makeCorpus(names: string[], featureConfig: FeatureConfig = SER180, labelSet = 'ekman7'): Corpus {
  const labelled = applyLabelSet(itemsFromNames(names), labelSet);
  const rows = labelled.items.length;
  return {
    x: Float32Array.from({ length: rows * 180 }, (_, i) => Math.sin(i) * 100),
    shape: [rows, 180],
    labels: labelled.items.map((item) => item.label),
    y: Int32Array.from(labelled.items, (item) => item.labelId),
    labelSet: labelled.labelSet,
    items: labelled.items.map(({ label: _label, labelId: _id, ...item }) => item),
    failures: [{ path: '/data/broken.wav', error: 'CORRUPT_AUDIO' }],
    featureConfig,
  };
}

describe('saveCorpus / loadCorpus', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ser-corpus-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('round-trips a corpus and writes complete metadata', async () => {
    const corpus = makeCorpus(['03-01-05-01-01-01-01', '03-01-02-01-01-01-02', 'OAF_back_ps', 'YAF_dog_sad']);
    const files = await saveCorpus(dir, 'demo', corpus);
    expect(files.x).toBe(join(dir, 'x_demo.npy'));
    const loaded = await loadCorpus(dir, 'demo');
    expect(loaded.x).toEqual(corpus.x);
    expect(loaded.shape).toEqual([4, 180]);
    expect(Array.from(loaded.y)).toEqual([0, 4, 6, 5]);
    expect(loaded.labels).toEqual(['angry', 'neutral', 'surprise', 'sad']);
    expect(loaded.items).toEqual(corpus.items);
    expect(loaded.featureConfig).toEqual(SER180);
    const meta = JSON.parse(await readFile(files.meta, 'utf8')) as CorpusMeta;
    expect(meta.labelMap).toEqual({ angry: 0, disgust: 1, fear: 2, happy: 3, neutral: 4, sad: 5, surprise: 6 });
    expect(meta.featureSet).toBe('ser180');
    expect(meta.sampleRate).toBe(22050);
    expect(meta.speakers).toEqual(['ravdess:01', 'ravdess:02', 'tess:OAF', 'tess:YAF']);
    expect(meta.datasets).toEqual(['ravdess', 'ravdess', 'tess', 'tess']);
    expect(meta.files[2]).toBe('/data/OAF_back_ps.flac');
    expect(meta.library).toEqual({ name: '@ser/datasets', version: LIBRARY_VERSION });
    expect(meta.featureLibrary).toEqual({ name: '@ser/audio-features', version: AUDIO_FEATURES_VERSION });
    expect(Date.parse(meta.created)).not.toBeNaN();
    expect(meta.failures).toHaveLength(1);
  });

  it('is readable by numpy (x float32 [rows, 180], y int64)', async () => {
    const check = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
    if (check.status !== 0) {
      console.warn('[@ser/datasets] python3 + numpy not found: corpus numpy check SKIPPED');
      return;
    }
    await saveCorpus(dir, 'np', makeCorpus(['03-01-05-01-01-01-01', 'OAF_back_ps']));
    const out = spawnSync(
      'python3',
      ['-c', `import numpy as np; x = np.load('${dir}/x_np.npy'); y = np.load('${dir}/y_np.npy'); print(x.dtype, x.shape, y.dtype, y.tolist())`],
      { encoding: 'utf8' },
    );
    expect(out.stdout.trim()).toBe('float32 (2, 180) int64 [0, 6]');
  });

  it('reports inconsistent files clearly', async () => {
    await saveCorpus(dir, 'bad', makeCorpus(['03-01-05-01-01-01-01', 'OAF_back_ps']));
    const metaPath = join(dir, 'bad.meta.json');
    const meta = JSON.parse(await readFile(metaPath, 'utf8')) as CorpusMeta;
    meta.labels[1] = 'angry';
    await writeFile(metaPath, JSON.stringify(meta));
    await expect(loadCorpus(dir, 'bad')).rejects.toThrow(/bad\.meta\.json: .*row 1 has label "angry" but class id 6 is "surprise"/);
    await expect(loadCorpus(dir, 'nothing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveCorpus(dir, '../escape', makeCorpus(['OAF_back_ps']))).rejects.toThrow(/plain file-name part/);
  });
});

describe('mergeCorpora', () => {
  it('concatenates rows, labels, items and failures', () => {
    const a = makeCorpus(['03-01-05-01-01-01-01', '03-01-02-01-01-01-02']);
    const b = makeCorpus(['OAF_back_ps']);
    const merged = mergeCorpora(a, b);
    expect(merged.shape).toEqual([3, 180]);
    expect(merged.x.subarray(0, 360)).toEqual(a.x);
    expect(merged.x.subarray(360)).toEqual(b.x);
    expect(Array.from(merged.y)).toEqual([0, 4, 6]);
    expect(merged.items.map((item) => item.speaker)).toEqual(['ravdess:01', 'ravdess:02', 'tess:OAF']);
    expect(merged.failures).toHaveLength(2);
  });

  it('refuses a different feature parameter, naming it', () => {
    const a = makeCorpus(['OAF_back_ps']);
    const b = makeCorpus(['YAF_back_ps'], { ...SER180, hopLength: 256 });
    expect(() => mergeCorpora(a, b)).toThrow(/featureConfig\.hopLength differs \(corpus 0: 512, corpus 1: 256\)/);
    const c = makeCorpus(['YAF_back_ps'], { ...SER180, sr: 16000 });
    expect(() => mergeCorpora(a, makeCorpus(['YAF_back_sad']), c)).toThrow(/cannot merge corpus 2 .*featureConfig\.sr differs/);
  });

  it('refuses a file that is in two corpora', () => {
    const a = makeCorpus(['OAF_back_angry', 'YAF_back_angry']);
    const b = makeCorpus(['YAF_back_angry']);
    expect(() => mergeCorpora(a, b)).toThrow(/\/data\/YAF_back_angry\.flac is in corpus 0 and corpus 1/);
  });

  it('refuses a different label set', () => {
    const a = makeCorpus(['OAF_back_angry']);
    const b = makeCorpus(['YAF_back_angry'], SER180, 'ser6');
    expect(() => mergeCorpora(a, b)).toThrow(/labelSet\.name differs \(corpus 0: "ekman7", corpus 1: "ser6"\)/);
  });
});

describe('library version', () => {
  it('matches package.json', async () => {
    const pkg = JSON.parse(await readFile(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
    expect(LIBRARY_VERSION).toBe(pkg.version);
  });
});
