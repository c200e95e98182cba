import { fork, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs, python3With } from '@ser/test-support';
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

  it('is readable by numpy (x float32 [rows, 180], y int64)', needs('python3-numpy'), async () => {
    await saveCorpus(dir, 'np', makeCorpus(['03-01-05-01-01-01-01', 'OAF_back_ps']));
    const out = spawnSync(
      python3With('numpy')!,
      [
        '-c',
        `import numpy as np; x = np.load('${dir}/x_np.npy'); y = np.load('${dir}/y_np.npy'); print(x.dtype, x.shape, y.dtype, y.tolist())`,
      ],
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
    await expect(loadCorpus(dir, 'bad')).rejects.toThrow(
      /bad\.meta\.json: .*row 1 has label "angry" but class id 6 is "surprise"/,
    );
    await expect(loadCorpus(dir, 'nothing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveCorpus(dir, '../escape', makeCorpus(['OAF_back_ps']))).rejects.toThrow(/plain file-name part/);
  });
});

describe('corpus files that do not belong together, and failed writes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ser-corpus-atomic-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const older = () => makeCorpus(['03-01-05-01-01-01-01', '03-01-02-01-01-01-02', 'OAF_back_ps']);
  const newer = () => {
    const corpus = makeCorpus(['03-01-05-01-01-01-03', 'YAF_dog_sad']);
    corpus.x.fill(7);
    return corpus;
  };

  it('the metadata records rows and checksums of x and y; numpy-rewritten files with the same values still load', async () => {
    await saveCorpus(dir, 'sums', older());
    const meta = JSON.parse(await readFile(join(dir, 'sums.meta.json'), 'utf8')) as CorpusMeta;
    expect(meta.formatVersion).toBe(2);
    expect(meta.rows).toBe(3);
    expect(meta.checksums).toMatchObject({
      algorithm: 'sha256',
      x: expect.stringMatching(/^[0-9a-f]{64}$/),
      y: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const numpy = spawnSync('python3', [
      '-c',
      `import numpy as np; np.save('${dir}/y_sums.npy', np.load('${dir}/y_sums.npy').astype(np.int32))`,
    ]);
    if (numpy.status === 0) expect(Array.from((await loadCorpus(dir, 'sums')).y)).toEqual(Array.from(older().y));
  });

  it('refuses new features with old metadata (a run killed between its renames), naming the files', async () => {
    await saveCorpus(dir, 'old', older());
    await saveCorpus(dir, 'new', newer());
    // x and y of the new run beside the metadata of the old one.
    await writeFile(join(dir, 'x_old.npy'), await readFile(join(dir, 'x_new.npy')));
    await expect(loadCorpus(dir, 'old')).rejects.toMatchObject({
      code: 'CORPUS_FORMAT',
      file: join(dir, 'x_old.npy'),
      message: expect.stringMatching(
        /x_old\.npy: does not belong with .*old\.meta\.json: it has 2 rows, the metadata records 3\. The files come from different runs/,
      ),
    });
    // Same row count, other values: caught by the checksum.
    await saveCorpus(dir, 'old', older());
    const edited = older();
    edited.x[5] = 42;
    await saveCorpus(dir, 'edited', edited);
    await writeFile(join(dir, 'x_old.npy'), await readFile(join(dir, 'x_edited.npy')));
    await expect(loadCorpus(dir, 'old')).rejects.toThrow(
      /x_old\.npy: does not belong with .*: its features' SHA-256 is not the [0-9a-f]{12}… the metadata records/,
    );
    await saveCorpus(dir, 'old', older());
    const relabelled = older();
    relabelled.y[0] = 1;
    relabelled.labels[0] = 'disgust';
    await saveCorpus(dir, 'relabelled', relabelled);
    await writeFile(join(dir, 'y_old.npy'), await readFile(join(dir, 'y_relabelled.npy')));
    await expect(loadCorpus(dir, 'old')).rejects.toThrow(/y_old\.npy: does not belong with .*: its class ids' SHA-256/);
  });

  it('an I/O error names the file and leaves the previous corpus loadable', async () => {
    await saveCorpus(dir, 'kept', older());
    // The y target is a directory: the write fails at the rename, after the temporary files are complete.
    await rm(join(dir, 'y_kept.npy'));
    await mkdir(join(dir, 'y_kept.npy'));
    const error = await saveCorpus(dir, 'kept', newer()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IO_ERROR', file: join(dir, 'y_kept.npy') });
    expect((error as Error).message).toMatch(/y_kept\.npy: cannot replace with .*: EISDIR/);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(process.platform !== 'linux')(
    'a full disk (ENOSPC) names the file and never destroys the previous good corpus',
    async (context) => {
      const mount = join(dir, 'small-disk');
      await mkdir(mount);
      if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mount]).status !== 0) {
        context.skip('cannot mount a small tmpfs here (needs root): the ENOSPC case is not exercised');
        return;
      }
      try {
        await saveCorpus(mount, 'good', older());
        const big = older();
        big.x = new Float32Array(3 * 180 * 200); // 432 KB of features: more than the disk holds
        big.shape = [3, 36000];
        const error = await saveCorpus(mount, 'good', big).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'IO_ERROR', file: join(mount, 'x_good.npy') });
        expect((error as Error).message).toMatch(/x_good\.npy: cannot write: ENOSPC: no space left on device/);
        const still = await loadCorpus(mount, 'good');
        expect(still.x).toEqual(older().x);
        expect((await readdir(mount)).sort()).toEqual(['good.meta.json', 'x_good.npy', 'y_good.npy']);
      } finally {
        spawnSync('umount', [mount]);
      }
    },
  );

  it('a save killed at any moment leaves either the old or the new corpus, never a mixture that loads', async () => {
    await saveCorpus(dir, 'killed', older());
    const script = join(dir, 'save-forever.mjs');
    const datasets = JSON.stringify(join(PACKAGE_DIR, 'dist', 'index.js'));
    await writeFile(
      script,
      `import { loadCorpus, saveCorpus } from ${datasets};
const corpus = await loadCorpus(${JSON.stringify(dir)}, 'killed');
const big = { ...corpus, x: new Float32Array(corpus.shape[0] * 180 * 500).fill(3), shape: [corpus.shape[0], 90000] };
process.send?.('ready');
for (;;) await saveCorpus(${JSON.stringify(dir)}, 'killed', big);`,
    );
    for (const delayMs of [5, 20, 60, 120]) {
      const child = fork(script, { stdio: 'ignore' });
      await new Promise((resolve) => child.once('message', resolve));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const loaded: Corpus | Error = await loadCorpus(dir, 'killed').catch((e: Error) => e);
      if (loaded instanceof Error) {
        expect(loaded).toMatchObject({ code: 'CORPUS_FORMAT' }); // caught between the renames: refused, never mixed
      } else if (loaded.shape[1] === 180) {
        expect(loaded.x).toEqual(older().x); // the old corpus, untouched
      } else {
        expect(loaded.shape).toEqual([3, 90000]); // a complete new one
        expect(loaded.x.every((v) => v === 3)).toBe(true);
      }
    }
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
    expect(() => mergeCorpora(a, makeCorpus(['YAF_back_sad']), c)).toThrow(
      /cannot merge corpus 2 .*featureConfig\.sr differs/,
    );
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
