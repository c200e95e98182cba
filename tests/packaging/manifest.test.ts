/**
 * The package.json of every published package, as written in the repository (no build, no pack).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { internalDependencyProblems, manifestProblems, sideEffectProblems, type Manifest } from './manifest-rules.js';

const REPO = resolve(__dirname, '../..');
const read = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8')) as Manifest;
const root = read(join(REPO, 'package.json'));
const workspaces = (folder: string) =>
  readdirSync(join(REPO, folder))
    .filter((d) => existsSync(join(REPO, folder, d, 'package.json')))
    .map((d) => ({ directory: `${folder}/${d}`, manifest: read(join(REPO, folder, d, 'package.json')) }));
const packages = workspaces('packages');
const examples = workspaces('examples');
const privateNames = new Set(
  [...examples, ...workspaces('tests')].filter((w) => w.manifest.private === true).map((w) => String(w.manifest.name)),
);

describe('published package.json files', () => {
  it('finds the six packages', () => {
    expect(packages.map((p) => p.manifest.name).sort()).toEqual([
      '@ser/audio-features',
      '@ser/cli',
      '@ser/core',
      '@ser/datasets',
      '@ser/models',
      '@ser/text',
    ]);
  });

  it('each names the repository (with its directory), a homepage, where to report bugs and keywords', () => {
    expect(packages.flatMap((p) => manifestProblems(p.manifest, p.directory, root))).toEqual([]);
  });

  it('sideEffects lists every entry point that registers something when imported (@ser/models/node)', () => {
    const entrySources = (directory: string, manifest: Manifest) =>
      Object.fromEntries(
        Object.keys(manifest.exports as Record<string, unknown>)
          .map((key) => (key === '.' ? 'index' : key.slice(2)))
          .filter((name) => existsSync(join(REPO, directory, 'src', `${name}.ts`)))
          .map((name) => [name, readFileSync(join(REPO, directory, 'src', `${name}.ts`), 'utf8')]),
      );
    expect(packages.flatMap((p) => sideEffectProblems(p.manifest, entrySources(p.directory, p.manifest)))).toEqual([]);
    const models = packages.find((p) => p.manifest.name === '@ser/models')!;
    expect(
      sideEffectProblems({ ...models.manifest, sideEffects: false }, entrySources(models.directory, models.manifest)),
    ).toEqual([
      '@ser/models: ./dist/node.js registers on import but sideEffects omits it',
      '@ser/models: ./dist/node.cjs registers on import but sideEffects omits it',
    ]);
  });

  it('the rules catch a package without them', () => {
    const bare = { name: '@ser/bare', version: '0.1.0' };
    expect(manifestProblems(bare, 'packages/bare', root)).toHaveLength(5);
  });

  it('internal dependencies are caret ranges in packages and "*" in the private, unversioned examples', () => {
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.every((e) => e.manifest.private === true)).toBe(true);
    expect([...packages, ...examples].flatMap((p) => internalDependencyProblems(p.manifest, privateNames))).toEqual([]);
    expect(
      internalDependencyProblems({ name: '@ser/x', devDependencies: { '@ser/test-support': '^0.1.0' } }, privateNames),
    ).toHaveLength(1);
    expect(internalDependencyProblems({ name: '@ser/x', dependencies: { '@ser/models': '0.1.0' } })).toHaveLength(1);
    expect(
      internalDependencyProblems({
        name: 'x',
        private: true,
        version: '1.0.0',
        dependencies: { '@ser/models': '^0.1.0' },
      }),
    ).toHaveLength(2);
  });

  it('examples start their server with exec, so that stopping npm start stops the server', () => {
    // Without exec, npm runs `sh -c "node …"`: a SIGTERM to npm ends npm and sh, and node keeps running.
    const starts = examples.filter(
      (e) => (e.manifest.scripts as Record<string, string> | undefined)?.start !== undefined,
    );
    expect(starts.length).toBeGreaterThan(0);
    for (const e of starts)
      expect((e.manifest.scripts as Record<string, string>).start, e.directory).toMatch(/^exec node /);
  });
});
