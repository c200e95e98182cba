/**
 * File-system check of a model folder, so a missing model is reported with the exact missing files
 * before transformers.js is even loaded.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';

/** Which of `files` (relative to `modelDir`) do not exist or are not readable. */
export async function listMissingModelFiles(modelDir: string, files: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const file of files) {
    try {
      await access(path.resolve(modelDir, file));
    } catch {
      missing.push(file);
    }
  }
  return missing;
}
