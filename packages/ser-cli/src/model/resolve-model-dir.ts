/**
 * Finding the model bundle a command should use: `--model <dir>` when given, else the pretrained default
 * shipped with @ser/models (through its `defaultModelDir()` export when it has one, else
 * `<@ser/models package>/pretrained/default`).
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { loadModelsNode } from '../deps.js';
import { CliError } from '../errors.js';

/** Files every model bundle has. */
export const BUNDLE_FILES = ['model.json', 'weights.bin', 'ser-model.json'] as const;

/** A resolved bundle directory and whether it is the pretrained default. */
export interface ModelLocation {
  dir: string;
  isDefault: boolean;
}

/** The folder the pretrained default bundle is expected in (it may not exist). */
export async function defaultModelLocation(options: { calibrated?: boolean } = {}): Promise<string> {
  try {
    const { defaultModelDir } = await loadModelsNode();
    if (typeof defaultModelDir === 'function') return defaultModelDir({ calibrated: options.calibrated === true });
  } catch {
    // an older @ser/models without defaultModelDir, or one that fails to load: use the package folder
  }
  const require = createRequire(import.meta.url);
  try {
    return join(
      dirname(require.resolve('@ser/models/package.json')),
      'pretrained',
      options.calibrated === true ? 'default-calibrated' : 'default',
    );
  } catch {
    return join(
      'node_modules',
      '@ser',
      'models',
      'pretrained',
      options.calibrated === true ? 'default-calibrated' : 'default',
    );
  }
}

/**
 * The bundle directory to use. A given `--model` must be a directory with model.json, weights.bin and
 * ser-model.json; without one, the pretrained default must be installed (the speaker-calibrated one with
 * `{ calibrated: true }`, for a command given a calibration).
 * @throws CliError naming what is missing and what to do
 */
export async function resolveModelDir(
  modelOption: string | undefined,
  cwd: string,
  options: { calibrated?: boolean } = {},
): Promise<ModelLocation> {
  if (modelOption !== undefined) {
    const dir = resolve(cwd, modelOption);
    assertBundleDir(dir, `--model ${modelOption}`);
    return { dir, isDefault: false };
  }
  const dir = await defaultModelLocation(options);
  if (!existsSync(join(dir, 'model.json'))) {
    throw new CliError(`no --model given and the pretrained default model is not installed (looked in ${dir})`, {
      hint: 'pass a bundle trained with `ser train … --out <bundle>` as `--model <bundle>`, or install a @ser/models release that ships pretrained/default',
    });
  }
  assertBundleDir(dir, 'the pretrained default model');
  return { dir, isDefault: true };
}

function assertBundleDir(dir: string, what: string): void {
  if (!existsSync(dir))
    throw new CliError(`${what}: ${dir} does not exist`, { hint: 'give the folder `ser train --out` wrote' });
  if (!statSync(dir).isDirectory())
    throw new CliError(`${what}: ${dir} is not a directory`, { hint: 'give the bundle folder, not one of its files' });
  const missing = BUNDLE_FILES.filter((name) => !existsSync(join(dir, name)));
  if (missing.length > 0) {
    throw new CliError(`${what}: ${dir} is not a model bundle (missing ${missing.join(', ')})`, {
      hint: 'a bundle folder holds model.json, weights.bin and ser-model.json, as written by `ser train --out`',
    });
  }
}
