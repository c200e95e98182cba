import { readFile } from 'node:fs/promises';
import { DatasetError } from '../errors.js';
import { ioError, writeFilesAtomically } from '../io/write-files-atomically.js';
import { decodeNpy, encodeNpy, type EncodeNpyOptions, type NpyArray } from './npy-codec.js';
import type { NpyTypedArray } from './npy-dtypes.js';

/**
 * Writes an array to a `.npy` file numpy's `np.load` reads (creating the parent directory), through a temporary
 * file renamed into place: a failed write leaves an existing file untouched.
 *
 * @param path - destination file
 * @param data - elements in C order
 * @param shape - array shape; default `[data.length]`
 */
export async function writeNpy(
  path: string,
  data: NpyTypedArray,
  shape: readonly number[] = [data.length],
  options: EncodeNpyOptions = {},
): Promise<void> {
  await writeFilesAtomically([{ path, bytes: encodeNpy(data, shape, options) }]);
}

/**
 * Reads a `.npy` file written by numpy (`np.save`) or {@link writeNpy}.
 *
 * @throws DatasetError NOT_FOUND for a missing file, IO_ERROR when it cannot be read, NPY_FORMAT for layouts this
 *   library does not read
 */
export async function readNpy(path: string): Promise<NpyArray> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new DatasetError(
      'INVALID_ARGUMENT',
      `readNpy expects a file path, got ${(path as unknown) instanceof Uint8Array ? 'bytes (use decodeNpy for bytes in memory)' : JSON.stringify(path)}`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT')
      throw new DatasetError('NOT_FOUND', 'no such .npy file', { file: path, cause });
    throw ioError('read the .npy file', path, cause);
  }
  return decodeNpy(bytes, { file: path });
}
