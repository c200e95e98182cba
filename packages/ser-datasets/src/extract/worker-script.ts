import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DatasetError } from '../errors.js';

/**
 * Location of the worker script, next to the module file that runs this code: `extract-worker.js` beside the
 * ESM build, `extract-worker.cjs` beside the CJS build. When running from the TypeScript sources (tests), the
 * built ESM worker in `dist/` is used.
 *
 * @throws DatasetError WORKER_ERROR when the script does not exist (the package was not built)
 */
export function workerScriptPath(moduleUrl: string = import.meta.url): string {
  const fromSource = moduleUrl.endsWith('.ts');
  const url = fromSource
    ? new URL('../../dist/extract-worker.js', moduleUrl)
    : new URL(moduleUrl.endsWith('.cjs') ? './extract-worker.cjs' : './extract-worker.js', moduleUrl);
  const path = fileURLToPath(url);
  if (!existsSync(path)) {
    throw new DatasetError(
      'WORKER_ERROR',
      `feature-extraction worker script not found at ${path}${fromSource ? ' (build @ser/datasets first: npx nx run @ser/datasets:build)' : ''}`,
    );
  }
  return path;
}
