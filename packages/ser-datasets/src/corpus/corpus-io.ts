import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { AUDIO_FEATURES_VERSION } from '@ser/audio-features';
import { DatasetError } from '../errors.js';
import { writeNpy, readNpy } from '../npy/npy-file.js';
import { LIBRARY_NAME, LIBRARY_VERSION } from '../version.js';
import { countBy, rowSize, type Corpus } from './corpus.js';
import { corpusFiles, type CorpusFiles } from './corpus-files.js';
import type { CorpusMeta } from './corpus-meta.js';

/**
 * Saves a corpus as `x_<name>.npy` (float32 `[rows, ...featureShape]`), `y_<name>.npy` (int64 class ids) and
 * `<name>.meta.json` (see {@link CorpusMeta}) in `dir`, creating it. numpy reads the arrays with `np.load`.
 *
 * @returns the paths written
 */
export async function saveCorpus(dir: string, name: string, corpus: Corpus): Promise<CorpusFiles> {
  const files = corpusFiles(dir, name);
  assertCorpusConsistent(corpus, name);
  const meta: CorpusMeta = {
    format: 'ser-corpus',
    formatVersion: 1,
    name,
    library: { name: LIBRARY_NAME, version: LIBRARY_VERSION },
    featureLibrary: { name: '@ser/audio-features', version: AUDIO_FEATURES_VERSION },
    created: new Date().toISOString(),
    xFile: `x_${name}.npy`,
    yFile: `y_${name}.npy`,
    shape: corpus.shape,
    featureSet: corpus.featureConfig.featureSet,
    featureConfig: corpus.featureConfig,
    sampleRate: corpus.featureConfig.sr,
    labelSet: { name: corpus.labelSet.name, labels: [...corpus.labelSet.labels], mapping: { ...corpus.labelSet.mapping } },
    labelMap: Object.fromEntries(corpus.labelSet.labels.map((label, id) => [label, id])),
    labelCounts: countBy(corpus.labels),
    labels: corpus.labels,
    files: corpus.items.map((item) => item.path),
    speakers: corpus.items.map((item) => item.speaker),
    datasets: corpus.items.map((item) => item.dataset),
    items: corpus.items,
    failures: corpus.failures,
  };
  await mkdir(dir, { recursive: true });
  await writeNpy(files.x, corpus.x, corpus.shape);
  await writeNpy(files.y, BigInt64Array.from(corpus.y, (id) => BigInt(id)), [corpus.y.length]);
  await writeFile(files.meta, `${JSON.stringify(meta, null, 1)}\n`);
  return files;
}

/**
 * Loads a corpus saved by {@link saveCorpus} (or whose `.npy` files were rewritten by numpy), checking that the
 * three files agree.
 *
 * @throws DatasetError NOT_FOUND for missing files, CORPUS_FORMAT naming the file for inconsistent contents
 */
export async function loadCorpus(dir: string, name: string): Promise<Corpus> {
  const files = corpusFiles(dir, name);
  let meta: CorpusMeta;
  try {
    meta = JSON.parse(await readFile(files.meta, 'utf8')) as CorpusMeta;
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'NOT_FOUND' : 'CORPUS_FORMAT';
    throw new DatasetError(code, 'cannot read corpus metadata (expected JSON written by saveCorpus)', {
      file: files.meta,
      cause,
    });
  }
  const fail = (file: string, what: string): never => {
    throw new DatasetError('CORPUS_FORMAT', what, { file });
  };
  if (meta.format !== 'ser-corpus') fail(files.meta, `not a ser corpus metadata file (format ${String(meta.format)})`);
  if (meta.formatVersion !== 1) fail(files.meta, `unsupported corpus format version ${String(meta.formatVersion)}`);
  const x = await readNpy(files.x);
  const y = await readNpy(files.y);
  if (!(x.data instanceof Float32Array)) fail(files.x, `features must be float32, found ${x.dtype}`);
  if (x.shape.join() !== meta.shape.join()) {
    fail(files.x, `shape (${x.shape.join(', ')}) differs from the metadata's (${meta.shape.join(', ')})`);
  }
  const rows = x.shape[0] ?? 0;
  if (y.shape.length !== 1 || y.shape[0] !== rows) fail(files.y, `expected ${rows} class ids, found shape (${y.shape.join(', ')})`);
  if (!['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'].includes(y.dtype)) {
    fail(files.y, `class ids must be integers, found ${y.dtype}`);
  }
  const ids = Int32Array.from(y.data as ArrayLike<number | bigint>, (value) => Number(value));
  const corpus: Corpus = {
    x: x.data as Float32Array,
    shape: x.shape,
    labels: meta.labels,
    y: ids,
    labelSet: meta.labelSet,
    items: meta.items,
    failures: meta.failures ?? [],
    featureConfig: meta.featureConfig,
  };
  try {
    assertCorpusConsistent(corpus, name);
  } catch (error) {
    fail(files.meta, (error as Error).message);
  }
  return corpus;
}

/**
 * Throws unless a corpus's parts agree: x length = rows × row size, one item/label/id per row, ids within the
 * label set, each row's label = `labelSet.labels[y]`.
 * @throws DatasetError CORPUS_FORMAT naming the first disagreement
 */
export function assertCorpusConsistent(corpus: Corpus, name = 'corpus'): void {
  const rows = corpus.shape[0] ?? 0;
  const fail = (what: string): never => {
    throw new DatasetError('CORPUS_FORMAT', `${name}: ${what}`);
  };
  if (corpus.x.length !== rows * rowSize(corpus.shape)) {
    fail(`x has ${corpus.x.length} values, shape (${corpus.shape.join(', ')}) needs ${rows * rowSize(corpus.shape)}`);
  }
  if (corpus.items.length !== rows) fail(`${corpus.items.length} items for ${rows} rows`);
  if (corpus.labels.length !== rows) fail(`${corpus.labels.length} labels for ${rows} rows`);
  if (corpus.y.length !== rows) fail(`${corpus.y.length} class ids for ${rows} rows`);
  for (let row = 0; row < rows; row++) {
    const id = corpus.y[row]!;
    if (id < 0 || id >= corpus.labelSet.labels.length) {
      fail(`row ${row} has class id ${id}, outside 0 … ${corpus.labelSet.labels.length - 1}`);
    }
    if (corpus.labelSet.labels[id] !== corpus.labels[row]) {
      fail(`row ${row} has label "${corpus.labels[row]}" but class id ${id} is "${corpus.labelSet.labels[id]}"`);
    }
  }
}
