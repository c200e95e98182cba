import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DatasetError } from './errors.js';
import { compareCodeUnits } from './sort.js';

/**
 * Lists every regular file under `dir` (as absolute paths), recursively, following symbolic links (each real
 * directory once), sorted by path in code-unit order so results are the same on every machine.
 *
 * @throws DatasetError NOT_FOUND when `dir` does not exist or is not a directory
 */
export async function listFilesRecursive(directory: string): Promise<string[]> {
  const dir = resolve(directory);
  let info;
  try {
    info = await stat(dir);
  } catch (cause) {
    throw new DatasetError('NOT_FOUND', 'dataset directory does not exist or cannot be read', { file: dir, cause });
  }
  if (!info.isDirectory()) throw new DatasetError('NOT_FOUND', 'expected a directory, found a file', { file: dir });
  const files: string[] = [];
  const visited = new Set<string>();
  await walk(dir, files, visited);
  return files.sort(compareCodeUnits);
}

async function walk(dir: string, files: string[], visited: Set<string>): Promise<void> {
  const real = await realpath(dir);
  if (visited.has(real)) return;
  visited.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(full, files, visited);
    } else if (entry.isFile()) {
      files.push(full);
    } else if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => null);
      if (target?.isDirectory()) await walk(full, files, visited);
      else if (target?.isFile()) files.push(full);
    }
  }
}

