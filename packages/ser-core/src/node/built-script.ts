/**
 * Finding a package's built script (a worker_threads entry such as `extract-worker`) from the module that
 * needs it: beside the running module in `dist/` (ESM `.js` or CJS `.cjs`), or in the package's `dist/` when
 * running from the TypeScript sources (tests).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where {@link findBuiltScript} looked, and what it found. */
export interface BuiltScriptLocation {
  /** The script's path, or `undefined` when none of the candidates exists (the package is not built). */
  path: string | undefined;
  /** The paths tried, in order (for an error message). */
  candidates: string[];
  /** True when the caller runs from its TypeScript sources (then the fix is to build the package). */
  fromSource: boolean;
}

/** The folder of the nearest `package.json` at or above `dir`, or `undefined`. */
function packageRoot(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'package.json'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * The built script `name` of the package whose module is at `moduleLocation`.
 *
 * - from the ESM build (`dist/index.js`, or one of its chunks): `dist/<name>.js`;
 * - from the CJS build (`dist/index.cjs`): `dist/<name>.cjs`;
 * - from a TypeScript source (`src/…/x.ts`): `<package root>/dist/<name>.js` (the package root being the nearest
 *   folder above with a package.json).
 *
 * @param name - the script's base name, e.g. `extract-worker`
 * @param moduleLocation - the calling module: `import.meta.url` (tsup's shims give CJS builds one too), or a path
 * @returns the path when it exists, and the candidates tried
 * @example
 * ```ts
 * const { path, candidates } = findBuiltScript('extract-worker', import.meta.url);
 * if (path === undefined) throw new Error(`worker script not found (looked in ${candidates.join(', ')})`);
 * ```
 */
export function findBuiltScript(name: string, moduleLocation: string): BuiltScriptLocation {
  const file = moduleLocation.startsWith('file:') ? fileURLToPath(moduleLocation) : moduleLocation;
  const fromSource = /\.[cm]?tsx?$/.test(file);
  let candidates: string[];
  if (fromSource) {
    const root = packageRoot(dirname(file));
    candidates = root === undefined ? [] : [join(root, 'dist', `${name}.js`)];
  } else {
    candidates = [join(dirname(file), `${name}${file.endsWith('.cjs') ? '.cjs' : '.js'}`)];
  }
  return { path: candidates.find((candidate) => existsSync(candidate)), candidates, fromSource };
}
