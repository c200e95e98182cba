import { readFile } from 'node:fs/promises';
import { AUDIO_FEATURES_VERSION } from '@ser/audio-features';
import { DatasetError } from '../errors.js';
import { ioError, writeFilesAtomically } from '../io/write-files-atomically.js';
import { encodeNpy } from '../npy/npy-codec.js';
import { readNpy } from '../npy/npy-file.js';
import { LIBRARY_NAME, LIBRARY_VERSION } from '../version.js';
import { countBy, rowSize, type Corpus } from './corpus.js';
import { classIdsChecksum, featuresChecksum } from './corpus-checksums.js';
import { corpusFiles, type CorpusFiles } from './corpus-files.js';
import type { CorpusMeta } from './corpus-meta.js';

/**
 * Saves a corpus as `x_<name>.npy` (float32 `[rows, ...featureShape]`), `y_<name>.npy` (int64 class ids) and
 * `<name>.meta.json` (see {@link CorpusMeta}) in `dir`, creating it. numpy reads the arrays with `np.load`.
 *
 * The write is safe to interrupt: the three files are written to temporary names, flushed, and only then renamed
 * over the old ones (the metadata last). A full disk or any other I/O error leaves the previous corpus as it was
 * and names the file. The metadata records the row count and checksums of x and y, so {@link loadCorpus}
 * refuses files that do not belong together (e.g. a run killed between the renames).
 *
 * @returns the paths written
 * @throws DatasetError CORPUS_FORMAT for an inconsistent corpus, IO_ERROR naming the file that could not be written
 */
export async function saveCorpus(dir: string, name: string, corpus: Corpus): Promise<CorpusFiles> {
  const files = corpusFiles(dir, name);
  assertCorpusConsistent(corpus, name);
  const meta: CorpusMeta = {
    format: 'ser-corpus',
    formatVersion: 2,
    name,
    library: { name: LIBRARY_NAME, version: LIBRARY_VERSION },
    featureLibrary: { name: '@ser/audio-features', version: AUDIO_FEATURES_VERSION },
    created: new Date().toISOString(),
    xFile: `x_${name}.npy`,
    yFile: `y_${name}.npy`,
    shape: corpus.shape,
    rows: corpus.shape[0] ?? 0,
    checksums: { algorithm: 'sha256', x: featuresChecksum(corpus.x), y: classIdsChecksum(corpus.y) },
    featureSet: corpus.featureConfig.featureSet,
    featureConfig: corpus.featureConfig,
    sampleRate: corpus.featureConfig.sr,
    labelSet: {
      name: corpus.labelSet.name,
      labels: [...corpus.labelSet.labels],
      mapping: { ...corpus.labelSet.mapping },
    },
    labelMap: Object.fromEntries(corpus.labelSet.labels.map((label, id) => [label, id])),
    labelCounts: countBy(corpus.labels),
    labels: corpus.labels,
    files: corpus.items.map((item) => item.path),
    speakers: corpus.items.map((item) => item.speaker),
    datasets: corpus.items.map((item) => item.dataset),
    items: corpus.items,
    failures: corpus.failures,
  };
  await writeFilesAtomically([
    { path: files.x, bytes: encodeNpy(corpus.x, corpus.shape) },
    {
      path: files.y,
      bytes: encodeNpy(
        BigInt64Array.from(corpus.y, (id) => BigInt(id)),
        [corpus.y.length],
      ),
    },
    { path: files.meta, bytes: `${JSON.stringify(meta, null, 1)}\n` },
  ]);
  return files;
}

/**
 * Loads a corpus saved by {@link saveCorpus} (or whose `.npy` files were rewritten by numpy with the same values),
 * checking that the three files belong together: shapes, row count and the checksums the metadata records
 * (format 2; a format-1 corpus, written before checksums, is checked for shapes only).
 *
 * @throws DatasetError NOT_FOUND for missing files, CORPUS_FORMAT naming the file for inconsistent contents or
 *   files of another run
 */
export async function loadCorpus(dir: string, name: string): Promise<Corpus> {
  const files = corpusFiles(dir, name);
  let text: string;
  try {
    text = await readFile(files.meta, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DatasetError(
        'NOT_FOUND',
        'no such corpus metadata file (expected the <name>.meta.json written by saveCorpus)',
        { file: files.meta, cause },
      );
    }
    throw ioError('read the corpus metadata', files.meta, cause);
  }
  let meta: CorpusMeta;
  try {
    meta = JSON.parse(text) as CorpusMeta;
  } catch (cause) {
    throw new DatasetError('CORPUS_FORMAT', 'cannot read corpus metadata (expected JSON written by saveCorpus)', {
      file: files.meta,
      cause,
    });
  }
  const fail = (file: string, what: string): never => {
    throw new DatasetError('CORPUS_FORMAT', what, { file });
  };
  if (meta.format !== 'ser-corpus') fail(files.meta, `not a ser corpus metadata file (format ${String(meta.format)})`);
  if (meta.formatVersion !== 1 && meta.formatVersion !== 2) {
    fail(
      files.meta,
      `unsupported corpus format version ${String(meta.formatVersion)} (this @ser/datasets reads 1 and 2)`,
    );
  }
  const x = await readNpy(files.x);
  const y = await readNpy(files.y);
  if (!(x.data instanceof Float32Array)) fail(files.x, `features must be float32, found ${x.dtype}`);
  if (y.shape.length !== 1) fail(files.y, `class ids must be one-dimensional, found shape (${y.shape.join(', ')})`);
  if (!['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'].includes(y.dtype)) {
    fail(files.y, `class ids must be integers, found ${y.dtype}`);
  }
  const ids = Int32Array.from(y.data as ArrayLike<number | bigint>, (value) => Number(value));
  if (meta.formatVersion === 2) assertFilesBelongTogether(meta, files, x.data as Float32Array, x.shape[0] ?? 0, ids);
  if (x.shape.join() !== meta.shape.join()) {
    fail(files.x, `shape (${x.shape.join(', ')}) differs from the metadata's (${meta.shape.join(', ')})`);
  }
  const rows = x.shape[0] ?? 0;
  if (y.shape[0] !== rows) fail(files.y, `expected ${rows} class ids, found shape (${y.shape.join(', ')})`);
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
 * Throws unless x and y are the files the metadata was written with: its row count and checksums (format 2).
 * @throws DatasetError CORPUS_FORMAT naming the file that differs
 */
function assertFilesBelongTogether(
  meta: CorpusMeta,
  files: CorpusFiles,
  x: Float32Array,
  xRows: number,
  y: Int32Array,
): void {
  const stale = (file: string, what: string): never => {
    throw new DatasetError(
      'CORPUS_FORMAT',
      `does not belong with ${files.meta}: ${what}. The files come from different runs (one was interrupted, replaced or ` +
        'edited); extract the corpus again',
      { file },
    );
  };
  if (meta.rows !== xRows) stale(files.x, `it has ${xRows} rows, the metadata records ${String(meta.rows)}`);
  if (meta.rows !== y.length)
    stale(files.y, `it has ${y.length} class ids, the metadata records ${String(meta.rows)} rows`);
  const checksums = meta.checksums;
  if (!checksums || checksums.algorithm !== 'sha256') {
    throw new DatasetError('CORPUS_FORMAT', 'format-2 metadata without sha256 checksums of x and y', {
      file: files.meta,
    });
  }
  if (featuresChecksum(x) !== checksums.x)
    stale(files.x, `its features' SHA-256 is not the ${checksums.x.slice(0, 12)}… the metadata records`);
  if (classIdsChecksum(y) !== checksums.y)
    stale(files.y, `its class ids' SHA-256 is not the ${checksums.y.slice(0, 12)}… the metadata records`);
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
