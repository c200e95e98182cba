/** Naming saved corpora on the command line: `name`, `dir/name`, or one of its files. */
import { basename, dirname, resolve } from 'node:path';
import type { CorpusLocation } from '@ser/datasets';
import { UsageError } from './errors.js';

/**
 * Resolves a corpus reference given by a user against `cwd`: `ravdess-ser180` (in the current directory),
 * `data/ravdess-ser180`, or a path to one of its files (`data/ravdess-ser180.meta.json`, `data/x_ravdess-ser180.npy`).
 */
export function parseCorpusRef(ref: string, cwd: string): CorpusLocation {
  const trimmed = ref.trim();
  if (!trimmed) throw new UsageError('a corpus name is empty (expected [dir/]name)');
  const path = resolve(cwd, trimmed);
  let name = basename(path);
  if (name.endsWith('.meta.json')) name = name.slice(0, -'.meta.json'.length);
  else if (/^[xy]_.+\.npy$/.test(name)) name = name.slice(2, -'.npy'.length);
  const location = { dir: dirname(path), name };
  if (!location.name || location.name === '.' || location.name === '..') {
    throw new UsageError(`"${ref}" does not name a corpus (expected [dir/]name)`);
  }
  return location;
}

/** `dir/name` for messages. */
export function corpusRefLabel(ref: CorpusLocation): string {
  return `${ref.dir}/${ref.name}`;
}
