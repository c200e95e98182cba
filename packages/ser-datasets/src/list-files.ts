import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DatasetError } from './errors.js';
import { compareCodeUnits } from './sort.js';
import type { SkippedFile } from './types.js';

/**
 * Lists every regular file under `dir` (as absolute paths), recursively, following symbolic links (each real
 * directory once), sorted by path in code-unit order so results are the same on every machine.
 *
 * @param ignored - receives the other entries with the reason they are not listed: devices, pipes and sockets
 *   (a FIFO or `/dev/zero` has no end to read), and symbolic links to nothing
 * @throws DatasetError NOT_FOUND when `dir` does not exist or is not a directory
 */
export async function listFilesRecursive(directory: string, ignored?: SkippedFile[]): Promise<string[]> {
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
  await walk(dir, files, visited, ignored ?? []);
  ignored?.sort((a, b) => compareCodeUnits(a.path, b.path));
  return files.sort(compareCodeUnits);
}

const NOT_REGULAR = 'not a regular file (a device, pipe or socket): not read';

async function walk(dir: string, files: string[], visited: Set<string>, ignored: SkippedFile[]): Promise<void> {
  const real = await realpath(dir);
  if (visited.has(real)) return;
  visited.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(full, files, visited, ignored);
    } else if (entry.isFile()) {
      files.push(full);
    } else if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => null);
      if (target?.isDirectory()) await walk(full, files, visited, ignored);
      else if (target?.isFile()) files.push(full);
      else
        ignored.push({
          path: full,
          reason: target
            ? `a symbolic link to something that is ${NOT_REGULAR}`
            : 'a symbolic link to nothing (its target does not exist)',
        });
    } else {
      ignored.push({ path: full, reason: NOT_REGULAR });
    }
  }
}
