import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { extractCorpus, mergeCorpusFiles, parseCorpusLocation, scanRavdess, scanTess } from '../src/index.js';
import { DATASETS, RAVDESS_DIR, TESS_DIR } from './paths.js';

describe('CLI hooks on copies of 8 real files', needs('ravdess', 'tess'), () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ser-cli-hooks-'));
    const ravdess = (await scanRavdess(RAVDESS_DIR)).items.filter((item) => item.speaker === 'ravdess:05');
    const tess = (await scanTess(TESS_DIR)).items.filter((item) => item.statement === 'bath');
    // RAVDESS actor 05: neutral, calm, surprised, angry; TESS "bath": ps and angry from each speaker
    const picked = [
      ...['01', '02', '08', '05'].map((code) => ravdess.find((item) => item.sourceLabel === code)!),
      ...tess.filter((item) => item.sourceLabel === 'ps' || item.sourceLabel === 'angry'),
    ];
    for (const item of picked) {
      const target = join(tmp, 'in', relative(DATASETS, item.path));
      await mkdir(join(target, '..'), { recursive: true });
      await copyFile(item.path, target);
    }
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('extractCorpus scans, labels (ser6 drops surprise), extracts, saves and summarises', async () => {
    const { corpus, summary } = await extractCorpus({
      dirs: [join(tmp, 'in', 'ravdess'), join(tmp, 'in', 'tess')],
      dataset: 'auto',
      featureSet: 'ser180',
      labelSet: 'ser6',
      workers: 2,
      out: { dir: join(tmp, 'out'), name: 'small' },
    });
    expect(corpus.shape).toEqual([5, 180]);
    expect(summary.rows).toBe(5);
    expect(summary.perLabel).toEqual({ neutral: 2, happy: 0, sad: 0, angry: 3, fear: 0, disgust: 0 });
    expect(summary.perSpeaker).toEqual({ 'ravdess:05': 3, 'tess:OAF': 1, 'tess:YAF': 1 });
    expect(summary.perDataset).toEqual({ ravdess: 3, tess: 2 });
    expect(summary.dropped).toEqual({ surprised: 3 });
    expect(summary.skipped).toEqual([]);
    expect(summary.failures).toEqual([]);
    expect(summary.files?.x).toBe(join(tmp, 'out', 'x_small.npy'));
    expect(summary.extractionMs).toBeGreaterThan(0);
  });

  it('mergeCorpusFiles merges saved corpora and refuses shared files or a different feature configuration', async () => {
    const out = join(tmp, 'out');
    const common = { featureSet: 'ser180', labelSet: 'ser6', workers: 1 } as const;
    await extractCorpus({ ...common, dirs: [join(tmp, 'in', 'ravdess')], dataset: 'ravdess', out: { dir: out, name: 'rav' } });
    await extractCorpus({ ...common, dirs: [join(tmp, 'in', 'tess')], dataset: 'tess', out: { dir: out, name: 'tess' } });
    const { summary } = await mergeCorpusFiles([join(out, 'rav'), join(out, 'tess.meta.json')], { dir: out, name: 'merged' });
    expect(summary.rows).toBe(5);
    expect(summary.perSpeaker).toEqual({ 'ravdess:05': 3, 'tess:OAF': 1, 'tess:YAF': 1 });
    expect(summary.files?.meta).toBe(join(out, 'merged.meta.json'));
    await expect(mergeCorpusFiles([join(out, 'merged'), join(out, 'tess')])).rejects.toThrow(/is in corpus 0 and corpus 1/);
    await extractCorpus({ ...common, dirs: [join(tmp, 'in', 'tess')], sr: 16000, out: { dir: out, name: 'tess16k' } });
    await expect(mergeCorpusFiles([join(out, 'rav'), join(out, 'tess16k')])).rejects.toThrow(
      /featureConfig\.sr differs \(corpus 0: 22050, corpus 1: 16000\)/,
    );
  });

  it('parses corpus locations', () => {
    expect(parseCorpusLocation('data/x_all.npy')).toEqual({ dir: 'data', name: 'all' });
    expect(parseCorpusLocation('data/all.meta.json')).toEqual({ dir: 'data', name: 'all' });
    expect(parseCorpusLocation('all')).toEqual({ dir: '.', name: 'all' });
  });
});
