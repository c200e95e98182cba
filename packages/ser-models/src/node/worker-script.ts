/**
 * Finding a built worker script of this package (beside the running module in dist/, ESM or CJS, or in dist/ when
 * running from the TypeScript sources).
 */
import { findBuiltScript } from '@ser/core/node';
import { ModelError } from '../errors.js';

/**
 * The path of the built worker script `name` (e.g. `gradient-worker`).
 * @param purpose - what needs it, for the error message (e.g. `data-parallel training`)
 * @throws {@link ModelError} `NOT_FOUND` naming where it looked, when the package is not built
 */
export function builtWorkerScript(name: string, purpose: string): string {
  const { path, candidates } = findBuiltScript(name, import.meta.url);
  if (path === undefined) {
    throw new ModelError(
      'NOT_FOUND',
      `${purpose}: the ${name} script is missing (looked in ${candidates.join(', ')}); build @ser/models`,
    );
  }
  return path;
}
