import { findBuiltScript } from '@ser/core/node';
import { DatasetError } from '../errors.js';

/**
 * Location of the worker script, next to the module file that runs this code: `extract-worker.js` beside the
 * ESM build, `extract-worker.cjs` beside the CJS build. When running from the TypeScript sources (tests), the
 * built ESM worker in `dist/` is used.
 *
 * @param moduleUrl - the module to look beside (default: this one)
 * @throws DatasetError NOT_FOUND when the script does not exist (the package was not built)
 */
export function workerScriptPath(moduleUrl: string = import.meta.url): string {
  const { path, candidates, fromSource } = findBuiltScript('extract-worker', moduleUrl);
  if (path === undefined) {
    throw new DatasetError(
      'NOT_FOUND',
      `feature-extraction worker script not found (looked in ${candidates.join(', ')})${fromSource ? '; build @ser/datasets first: npx nx run @ser/datasets:build' : ''}`,
    );
  }
  return path;
}
