import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS_DIR as DATASETS, needs } from '@ser/test-support';
import { scanRavdess, scanTess, summarizeCorpus } from '@ser/datasets';
import { extractCorpus } from '../src/corpus/extract-corpus.js';
import { mergeCorpusFiles } from '../src/corpus/merge-corpus-files.js';

const RAVDESS_DIR = join(DATASETS, 'ravdess');
const TESS_DIR = join(DATASETS, 'tess');

/** The work of `ser extract` and `ser merge`, in-process, on copies of 8 real files. */
describe('extract and merge work on copies of 8 real files', needs('ravdess', 'tess'), () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ser-cli-corpus-work-'));
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
    // the library's summary of the same corpus is the command's, less what scanning and labelling left out
    expect(summarizeCorpus(corpus, summary.files)).toEqual({
      ...summary,
      skipped: undefined,
      dropped: undefined,
      extractionMs: undefined,
      files: summary.files,
    });
  });

  it('mergeCorpusFiles merges saved corpora and refuses shared files or a different feature configuration', async () => {
    const out = join(tmp, 'out');
    const common = { featureSet: 'ser180', labelSet: 'ser6', workers: 1 } as const;
    await extractCorpus({
      ...common,
      dirs: [join(tmp, 'in', 'ravdess')],
      dataset: 'ravdess',
      out: { dir: out, name: 'rav' },
    });
    await extractCorpus({
      ...common,
      dirs: [join(tmp, 'in', 'tess')],
      dataset: 'tess',
      out: { dir: out, name: 'tess' },
    });
    const at = (name: string) => ({ dir: out, name });
    const { summary } = await mergeCorpusFiles([at('rav'), at('tess')], at('merged'));
    expect(summary.rows).toBe(5);
    expect(summary.perSpeaker).toEqual({ 'ravdess:05': 3, 'tess:OAF': 1, 'tess:YAF': 1 });
    expect(summary.files?.meta).toBe(join(out, 'merged.meta.json'));
    await expect(mergeCorpusFiles([at('merged'), at('tess')], at('bad'))).rejects.toThrow(
      /is in corpus 0 and corpus 1/,
    );
    await extractCorpus({ ...common, dirs: [join(tmp, 'in', 'tess')], sr: 16000, out: { dir: out, name: 'tess16k' } });
    await expect(mergeCorpusFiles([at('rav'), at('tess16k')], at('bad'))).rejects.toThrow(
      /featureConfig\.sr differs \(corpus 0: 22050, corpus 1: 16000\)/,
    );
  });
});
