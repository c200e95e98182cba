import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundleFromFiles, bundleToFiles } from '../bundle/bundle-files.js';
import type { ModelBundle } from '../bundle/bundle-types.js';
import { readRequiredFile } from './file-io.js';

/**
 * Writes a bundle to a directory (created if needed): `model.json`, `weights.bin`, `ser-model.json`.
 * @example
 * ```ts
 * await saveBundle('models/ser180-mlp', { model, metadata: createBundleMetadata(model, { labels, featureConfig, standardization }) });
 * ```
 */
export async function saveBundle(dir: string, bundle: ModelBundle): Promise<void> {
  const files = await bundleToFiles(bundle);
  const target = resolve(dir);
  await mkdir(target, { recursive: true });
  await Promise.all([
    writeFile(join(target, 'model.json'), files['model.json']),
    writeFile(join(target, 'weights.bin'), files['weights.bin']),
    writeFile(join(target, 'ser-model.json'), files['ser-model.json']),
  ]);
}

/**
 * Loads a bundle directory written by {@link saveBundle}.
 * @throws {@link index!ModelError} `NOT_FOUND` naming the missing file and the directory;
 *   `INCOMPATIBLE_FEATURE_CONFIG` naming the directory and the parameter the installed
 *   @ser/audio-features cannot reproduce; `INVALID_BUNDLE` for inconsistent files.
 */
export async function loadBundle(dir: string): Promise<ModelBundle> {
  const source = resolve(dir);
  const metadata = (await readRequiredFile(source, 'ser-model.json')).toString('utf8');
  const modelJson = (await readRequiredFile(source, 'model.json')).toString('utf8');
  const weights = await readRequiredFile(source, 'weights.bin');
  return bundleFromFiles(
    {
      'ser-model.json': metadata,
      'model.json': modelJson,
      'weights.bin': new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength),
    },
    source,
  );
}
