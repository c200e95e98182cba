import { join } from 'node:path';
import { DatasetError } from '../errors.js';

/** The three files of a saved corpus. */
export interface CorpusFiles {
  /** `<dir>/x_<name>.npy`: features, float32, `[rows, ...featureShape]`. */
  x: string;
  /** `<dir>/y_<name>.npy`: class ids, int64, `[rows]`. */
  y: string;
  /** `<dir>/<name>.meta.json`: labels, feature parameters, provenance. */
  meta: string;
}

/**
 * Paths of a saved corpus's files.
 * @throws DatasetError INVALID_ARGUMENT when `name` is empty or contains a path separator
 */
export function corpusFiles(dir: string, name: string): CorpusFiles {
  if (typeof name !== 'string' || name === '' || /[\\/]/.test(name) || name === '.' || name === '..') {
    throw new DatasetError('INVALID_ARGUMENT', `corpus name must be a plain file-name part, got "${String(name)}"`);
  }
  return { x: join(dir, `x_${name}.npy`), y: join(dir, `y_${name}.npy`), meta: join(dir, `${name}.meta.json`) };
}
