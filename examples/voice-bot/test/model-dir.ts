/**
 * The model the tests use: the pretrained default bundle shipped in @ser/models (`pretrained/default`).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultModelDir } from '@ser/models/node';

/** `shared/datasets` beside the repository. */
export const DATASETS = resolve(__dirname, '../../../../shared/datasets');

/**
 * The default bundle's directory.
 * @throws Error naming the directory when the bundle is missing
 */
export function testModelDir(): string {
  const dir = defaultModelDir();
  if (!existsSync(join(dir, 'ser-model.json'))) {
    throw new Error(`the pretrained default model is missing in ${dir}: these tests run the real shipped model`);
  }
  return dir;
}
