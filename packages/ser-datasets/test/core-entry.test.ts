import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from './paths.js';

/** Every module specifier a built ESM file imports, following relative imports. */
function importsOf(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1] ?? match[2]!);
  return specifiers.flatMap((specifier) =>
    specifier.startsWith('.') ? [specifier, ...importsOf(join(file, '..', specifier), seen)] : [specifier],
  );
}

describe('@ser/datasets/core (built)', () => {
  it('imports no Node built-in module, directly or through its chunks', () => {
    const core = join(PACKAGE_DIR, 'dist', 'core.js');
    expect(existsSync(core), 'build @ser/datasets first').toBe(true);
    const external = importsOf(core).filter((specifier) => !specifier.startsWith('.'));
    const builtins = external.filter((s) => s.startsWith('node:') || builtinModules.includes(s));
    expect(builtins).toEqual([]);
    const index = importsOf(join(PACKAGE_DIR, 'dist', 'index.js'));
    expect(index.some((s) => builtinModules.includes(s))).toBe(true); // the check does see Node imports
  });
});
