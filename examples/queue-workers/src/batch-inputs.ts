/**
 * What `enqueue <files… | a list file | a folder>` stands for: the ordered list of recordings (absolute
 * paths or http(s) URLs) of one batch.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { isHttpUrl } from '@ser/cli';

/** Extensions of the files taken from a folder (the decoders detect the format from the bytes, not the name). */
export const AUDIO_EXTENSIONS: ReadonlySet<string> = new Set([
  '.wav',
  '.wave',
  '.flac',
  '.mp3',
  '.ogg',
  '.oga',
  '.opus',
  '.aif',
  '.aiff',
  '.aifc',
]);
/** Extensions of list files: one path or URL a line. */
export const LIST_EXTENSIONS: ReadonlySet<string> = new Set(['.txt', '.list', '.lst']);

/** A command-line argument that is not a recording, a list or a folder. */
export class BatchInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchInputError';
  }
}

/**
 * The entries of a list file's text: one path or URL a line; blank lines and lines starting with `#` are
 * skipped; relative paths are relative to the list's folder (pure).
 */
export function parseListFile(text: string, listDir: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => (isHttpUrl(line) ? line : resolve(listDir, line)));
}

/** The audio files under `dir` (recursively, by extension), sorted by path so a batch's order is stable. */
export async function audioFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && AUDIO_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Expands the arguments of `enqueue` in order: a URL stays as it is; a folder becomes its audio files; a
 * `.txt`/`.list`/`.lst` file becomes its lines; any other file is a recording (made absolute, so workers on
 * other machines see the same path on a shared filesystem).
 * @throws BatchInputError naming an argument that does not exist, or a batch with no recordings
 */
export async function expandBatchInputs(args: readonly string[], cwd: string = process.cwd()): Promise<string[]> {
  const inputs: string[] = [];
  for (const arg of args) {
    if (isHttpUrl(arg)) {
      inputs.push(arg);
      continue;
    }
    const path = resolve(cwd, arg);
    const info = await stat(path).catch(() => undefined);
    if (!info)
      throw new BatchInputError(`${arg}: no such file or folder (expected recordings, a list file or a folder)`);
    if (info.isDirectory()) {
      const files = await audioFilesUnder(path);
      if (files.length === 0)
        throw new BatchInputError(
          `${arg}: no audio files in this folder (looked for ${[...AUDIO_EXTENSIONS].join(' ')})`,
        );
      inputs.push(...files);
    } else if (LIST_EXTENSIONS.has(extname(path).toLowerCase())) {
      inputs.push(...parseListFile(await readFile(path, 'utf8'), dirname(path)));
    } else {
      inputs.push(path);
    }
  }
  if (inputs.length === 0) throw new BatchInputError('no recordings to enqueue');
  return inputs;
}
