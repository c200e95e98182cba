import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DatasetError } from '../errors.js';

/** One file to write: its final path and contents. */
export interface FileContents {
  path: string;
  bytes: Uint8Array | string;
}

/** An I/O error as a DatasetError IO_ERROR naming the file and what the system said (ENOSPC, EACCES…). */
export function ioError(what: string, path: string, cause: unknown): DatasetError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new DatasetError('IO_ERROR', `cannot ${what}: ${reason}`, { file: path, cause });
}

/**
 * Writes several files so that a failure never damages what was there before: every file is first written to a
 * temporary name beside its target (`.<name>.<random>.tmp`) and flushed to disk; only when all are complete
 * are they renamed over the targets, in the order given (put the file that vouches for the others last). A
 * failed write (disk full, permission denied) removes the temporary files and leaves the old files untouched.
 *
 * @throws DatasetError IO_ERROR naming the file that could not be written
 */
export async function writeFilesAtomically(files: readonly FileContents[]): Promise<void> {
  const token = randomBytes(6).toString('hex');
  const written: Array<{ temporary: string; path: string }> = [];
  try {
    for (const file of files) {
      const temporary = join(dirname(file.path), `.${basename(file.path)}.${token}.tmp`);
      try {
        await mkdir(dirname(file.path), { recursive: true });
        const handle = await open(temporary, 'w');
        written.push({ temporary, path: file.path });
        try {
          await handle.writeFile(file.bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (cause) {
        throw ioError('write', file.path, cause);
      }
    }
    for (const { temporary, path } of written) {
      try {
        await rename(temporary, path);
      } catch (cause) {
        throw ioError(`replace with ${temporary}`, path, cause);
      }
    }
  } catch (error) {
    await Promise.all(written.map(({ temporary }) => rm(temporary, { force: true }).catch(() => {})));
    throw error;
  }
}
