/**
 * Finding a built worker script of this package (beside the running module in dist/, ESM or CJS, or in dist/ when
 * running from the TypeScript sources).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelError } from '../errors.js';

/**
 * The path of the built worker script `name` (e.g. `gradient-worker`).
 * @param purpose - what needs it, for the error message (e.g. `data-parallel training`)
 * @throws {@link ModelError} `FILE_NOT_FOUND` naming where it looked, when the package is not built
 */
export function builtWorkerScript(name: string, purpose: string): string {
  const candidates: string[] = [];
  if (typeof __dirname !== 'undefined') candidates.push(join(__dirname, `${name}.cjs`), join(__dirname, `${name}.js`));
  try {
    const here = dirname(fileURLToPath(import.meta.url));
    candidates.push(join(here, `${name}.js`), join(here, `../../dist/${name}.js`));
  } catch {
    // CJS build without import.meta.url
  }
  const found = candidates.find((c) => existsSync(c));
  if (found === undefined) {
    throw new ModelError('FILE_NOT_FOUND', `${purpose}: the ${name} script is missing (looked in ${candidates.join(', ')}); build @ser/models`);
  }
  return found;
}
