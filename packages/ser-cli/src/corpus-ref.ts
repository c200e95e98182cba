/** Naming saved corpora on the command line: `name`, `dir/name`, or one of its files. */
import { basename, dirname, resolve } from 'node:path';
import { UsageError } from './errors.js';

/** Where a saved corpus lives: `<dir>/x_<name>.npy`, `<dir>/y_<name>.npy`, `<dir>/<name>.meta.json`. */
export interface CorpusRef {
  dir: string;
  name: string;
}

/**
 * Resolves a corpus reference given by a user: `ravdess-ser180` (in the current directory),
 * `data/ravdess-ser180`, or a path to one of its files (`data/ravdess-ser180.meta.json`, `data/x_ravdess-ser180.npy`).
 */
export function parseCorpusRef(ref: string, cwd: string): CorpusRef {
  const trimmed = ref.trim();
  if (!trimmed) throw new UsageError('a corpus name is empty');
  const path = resolve(cwd, trimmed);
  let name = basename(path);
  if (name.endsWith('.meta.json')) name = name.slice(0, -'.meta.json'.length);
  else if (/^[xy]_.+\.npy$/.test(name)) name = name.slice(2, -'.npy'.length);
  if (!name || name === '.' || name === '..') throw new UsageError(`"${ref}" does not name a corpus (expected [dir/]name)`);
  return { dir: dirname(path), name };
}

/** `dir/name` for messages. */
export function corpusRefLabel(ref: CorpusRef): string {
  return `${ref.dir}/${ref.name}`;
}
