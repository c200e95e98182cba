import { DatasetError } from '../errors.js';
import { rowSize, type Corpus } from './corpus.js';

/**
 * Concatenates corpora along the row axis. They must have the same feature configuration (every parameter),
 * the same label set (name, labels in the same order, same mapping) and the same row shape, and no audio file
 * may be in two of them (its row would be counted twice).
 *
 * @throws DatasetError INCOMPATIBLE_CORPORA saying which corpus and which parameter differs, or which file is
 *   in two corpora
 */
export function mergeCorpora(...corpora: Corpus[]): Corpus {
  if (corpora.length === 0) throw new DatasetError('INVALID_ARGUMENT', 'mergeCorpora needs at least one corpus');
  const first = corpora[0]!;
  corpora.slice(1).forEach((other, i) => assertCompatible(first, other, i + 1));
  assertNoSharedFiles(corpora);
  const rows = corpora.reduce((sum, corpus) => sum + corpus.shape[0]!, 0);
  const x = new Float32Array(rows * rowSize(first.shape));
  const y = new Int32Array(rows);
  let offset = 0;
  let row = 0;
  for (const corpus of corpora) {
    x.set(corpus.x, offset);
    y.set(corpus.y, row);
    offset += corpus.x.length;
    row += corpus.shape[0]!;
  }
  return {
    x,
    shape: [rows, ...first.shape.slice(1)],
    labels: corpora.flatMap((corpus) => corpus.labels),
    y,
    labelSet: first.labelSet,
    items: corpora.flatMap((corpus) => corpus.items),
    failures: corpora.flatMap((corpus) => corpus.failures),
    featureConfig: first.featureConfig,
  };
}

/**
 * Throws unless `other` can be appended to `first`.
 * @param index - position of `other` in the merge, for the message
 */
export function assertCompatible(first: Corpus, other: Corpus, index: number): void {
  const differ = (what: string, a: unknown, b: unknown): never => {
    throw new DatasetError(
      'INCOMPATIBLE_CORPORA',
      `cannot merge corpus ${index} into corpus 0: ${what} differs (corpus 0: ${JSON.stringify(a)}, corpus ${index}: ${JSON.stringify(b)})`,
    );
  };
  const a = first.featureConfig as unknown as Record<string, unknown>;
  const b = other.featureConfig as unknown as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (a[key] !== b[key]) differ(`featureConfig.${key}`, a[key], b[key]);
  }
  if (first.labelSet.name !== other.labelSet.name) differ('labelSet.name', first.labelSet.name, other.labelSet.name);
  if (first.labelSet.labels.join('\u0000') !== other.labelSet.labels.join('\u0000')) {
    differ('labelSet.labels', first.labelSet.labels, other.labelSet.labels);
  }
  const mapA = first.labelSet.mapping;
  const mapB = other.labelSet.mapping;
  for (const key of [...new Set([...Object.keys(mapA), ...Object.keys(mapB)])].sort()) {
    if (mapA[key] !== mapB[key]) differ(`labelSet.mapping["${key}"]`, mapA[key], mapB[key]);
  }
  if (first.shape.slice(1).join() !== other.shape.slice(1).join()) {
    differ('row shape', first.shape.slice(1), other.shape.slice(1));
  }
}

/**
 * Throws when one audio file has rows in two of the corpora.
 * @throws DatasetError INCOMPATIBLE_CORPORA naming the file and both corpora
 */
export function assertNoSharedFiles(corpora: readonly Corpus[]): void {
  const owner = new Map<string, number>();
  corpora.forEach((corpus, index) => {
    for (const item of corpus.items) {
      const first = owner.get(item.path);
      if (first !== undefined && first !== index) {
        throw new DatasetError(
          'INCOMPATIBLE_CORPORA',
          `cannot merge: ${item.path} is in corpus ${first} and corpus ${index} (merge each file once)`,
        );
      }
      owner.set(item.path, index);
    }
  });
}
